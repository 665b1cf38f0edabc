/**
 * Bring a page rectangle into the part of the canvas the person can actually see: beside the
 * participation panel on a laptop, above it on a phone (where it is a bottom sheet). tldraw's own
 * zoomToBounds would centre it on the whole canvas, half under the panel.
 */
import type { BoxLike, Editor, VecLike } from 'tldraw'
import { fitCamera, type Insets, type Rect } from '../../board'

/** The largest screen rectangle of `area` not covered by `cover` (all in one coordinate space). */
export function largestFreeRect(area: Rect, cover: Rect | null): Rect {
  if (!cover) return area
  const left = Math.max(area.x, cover.x)
  const right = Math.min(area.x + area.w, cover.x + cover.w)
  const top = Math.max(area.y, cover.y)
  const bottom = Math.min(area.y + area.h, cover.y + cover.h)
  if (right <= left || bottom <= top) return area
  const candidates: Rect[] = [
    { x: area.x, y: area.y, w: left - area.x, h: area.h },
    { x: right, y: area.y, w: area.x + area.w - right, h: area.h },
    { x: area.x, y: area.y, w: area.w, h: top - area.y },
    { x: area.x, y: bottom, w: area.w, h: area.y + area.h - bottom },
  ]
  const best = candidates.reduce((a, b) => (b.w * b.h > a.w * a.h ? b : a))
  // A panel covering (almost) everything: better the whole canvas than a sliver.
  return best.w >= 120 && best.h >= 120 ? best : area
}

/** The panel's rectangle relative to the editor container, if it is open over the canvas. */
function panelRect(editor: Editor): Rect | null {
  const container = editor.getContainer()
  const panel = container.querySelector('.participation-panel--open')
  if (!panel) return null
  const c = container.getBoundingClientRect()
  const p = panel.getBoundingClientRect()
  return { x: p.left - c.left, y: p.top - c.top, w: p.width, h: p.height }
}

/** The part of the canvas not under the panel, in screen pixels relative to the editor. */
function visibleRect(editor: Editor): Rect {
  const screen = editor.getViewportScreenBounds()
  return largestFreeRect({ x: 0, y: 0, w: screen.w, h: screen.h }, panelRect(editor))
}

/** The page point at the middle of what the person can see (not under the panel). */
export function visibleCenter(editor: Editor): VecLike {
  const free = visibleRect(editor)
  const screen = editor.getViewportScreenBounds()
  return editor.screenToPage({ x: screen.x + free.x + free.w / 2, y: screen.y + free.y + free.h / 2 })
}

export type { Insets }

/**
 * `inset` keeps the bounds clear of what floats over the canvas edges (tldraw's toolbar, our
 * buttons); `animate` false jumps there at once (opening the board: nothing to follow with the eye yet).
 */
export function zoomToVisible(editor: Editor, bounds: BoxLike, inset: Insets = 32, animate = true): void {
  const steps = editor.getCameraOptions().zoomSteps
  const minZ = steps[0] ?? 0.1
  const maxZ = Math.min(1, steps[steps.length - 1] ?? 1)
  const camera = fitCamera(bounds, visibleRect(editor), inset, [minZ, maxZ])
  editor.setCamera(camera, animate ? { animation: { duration: 320 } } : {})
}
