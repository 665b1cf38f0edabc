/**
 * What projector mode steps through, and where it puts the plan. Pure: no editor, no React.
 */
import { FOCUS_TTL_MS, type DesignOption, type MeetingFocus, type Need, type ParticipationState } from '../../shared/participation'

export type ProjectorItem = { kind: 'option'; id: string; option: DesignOption } | { kind: 'need'; id: string; need: Need }

/**
 * The design options, once there are any; before that (collecting needs, the site visit) the needs
 * on the plan, most supported first — what a meeting then talks about. Never a hidden need: the
 * organizer's own state has them, but a projector is a screen for the whole room. During 各自先想 the
 * needs added since it started stay off the wall even on an organizer's screen that sees them: the
 * room sees them together at the reveal (the server refuses them as the focus too).
 */
export function projectorItems(p: ParticipationState | null): ProjectorItem[] {
  if (!p) return []
  if (p.options.length > 0) return p.options.map((option) => ({ kind: 'option', id: option.id, option }))
  const period = p.privatePeriod?.scope === 'needs' ? p.privatePeriod : null
  return p.needs
    .filter((n) => n.mergedInto === null && !n.hidden && !(period && n.createdAt >= period.startedAt))
    .sort((a, b) => b.support - a.support || a.createdAt - b.createdAt)
    .map((need) => ({ kind: 'need', id: need.id, need }))
}

/** Where `focus` is among `items`, or -1. */
export function indexOfFocus(items: readonly ProjectorItem[], focus: MeetingFocus | null): number {
  if (!focus) return -1
  return items.findIndex((i) => i.kind === focus.kind && i.id === focus.id)
}

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/**
 * The tldraw camera that shows page rectangle `page` as large as fits, centred in `area` (viewport
 * pixels: the part of the screen the projector's panel leaves for the plan). A camera shows page
 * point p at viewport point (p + camera) × z, so camera = centre of area / z − centre of page.
 */
export function cameraToFit(page: Rect, area: Rect, padding: number, zoom: { min: number; max: number }): { x: number; y: number; z: number } {
  const w = Math.max(1, area.w - 2 * padding)
  const h = Math.max(1, area.h - 2 * padding)
  const z = Math.min(zoom.max, Math.max(zoom.min, Math.min(w / Math.max(1, page.w), h / Math.max(1, page.h))))
  return {
    x: (area.x + area.w / 2) / z - (page.x + page.w / 2),
    y: (area.y + area.h / 2) / z - (page.y + page.h / 2),
    z,
  }
}

/**
 * Is the projector that set `focus` still there? It renews the focus while it is on; past
 * FOCUS_TTL_MS without a renewal (on the server's clock: `clockOffset` is server minus this device)
 * it went away without saying so, and followers stop following it.
 */
export function focusIsLive(focus: Pick<MeetingFocus, 'at'> | null, localNow: number, clockOffset: number): boolean {
  return focus !== null && localNow + clockOffset - focus.at <= FOCUS_TTL_MS
}
