import type { Editor } from 'tldraw'
import { groupBounds, type PinPlace } from './pinGroups'

/** Screen px left around the group's pins when zooming in: half a wide pin, so the outer ones show whole. */
const MARGIN_PX = 110
/** Zoom only when it gains this much; less would look like a tap that did nothing. */
const MIN_GAIN = 1.25

/**
 * A tap on a "N 条需求" bubble: zoom in, centred on its pins, as far as their spread allows (at most
 * the editor's largest zoom step). Returns false when zooming cannot help — the pins are (almost) on
 * the same spot and the plan is already zoomed in as far as it goes — so the caller lists them instead.
 */
export function zoomIntoGroup(editor: Editor, members: readonly PinPlace[]): boolean {
  const b = groupBounds(members)
  const viewport = editor.getViewportScreenBounds()
  const steps = editor.getCameraOptions().zoomSteps
  const maxZoom = steps[steps.length - 1] ?? 8
  const room = (span: number, screen: number) => (span > 0 ? Math.max(screen - 2 * MARGIN_PX, screen / 3) / span : Infinity)
  const z0 = editor.getZoomLevel()
  const z = Math.min(maxZoom, room(b.w, viewport.w), room(b.h, viewport.h))
  if (!(z >= z0 * MIN_GAIN)) return false
  // Viewport point s shows page point p when (p + camera) * z = s: the group's centre to the middle.
  const cx = b.x + b.w / 2
  const cy = b.y + b.h / 2
  editor.setCamera({ x: viewport.w / 2 / z - cx, y: viewport.h / 2 / z - cy, z }, { animation: { duration: 320 } })
  return true
}
