/**
 * Camera arithmetic shared by the editor (zoomToVisible, FitOnOpen) and the light view
 * (src/lightView), which must open on exactly the same view so that handing over to the editor
 * does not move the plan. Pure: no tldraw, no DOM.
 *
 * A camera is tldraw's: a page point p is on screen at (p + camera) × z.
 */
export interface Camera {
  x: number
  y: number
  z: number
}

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** Room to leave free on each side, in screen pixels (a number: the same on every side). */
export type Insets = number | { top: number; right: number; bottom: number; left: number }

/** tldraw's default zoom steps (DEFAULT_CAMERA_OPTIONS.zoomSteps); fitting never zooms past 100 %. */
export const FIT_ZOOM_RANGE: readonly [number, number] = [0.05, 1]

/**
 * What floats over the canvas edges when a board opens, kept clear so no pin opens under it: on a
 * phone (`bare`: tldraw's UI hidden) our rows of buttons at the top and bottom (phoneBoard.css);
 * elsewhere tldraw's menus and the floating ＋ 提需求 at the top, its toolbar and the meeting bar at
 * the bottom.
 */
export function openingInsets(bare: boolean): Insets {
  return bare ? { top: 64, right: 8, bottom: 76, left: 8 } : { top: 72, right: 16, bottom: 128, left: 16 }
}

/** The union of rectangles (undefined for none). */
export function unionRects(rects: Iterable<Rect>): Rect | undefined {
  let out: Rect | undefined
  for (const r of rects) {
    if (!out) {
      out = { ...r }
      continue
    }
    const x = Math.min(out.x, r.x)
    const y = Math.min(out.y, r.y)
    out = { x, y, w: Math.max(out.x + out.w, r.x + r.w) - x, h: Math.max(out.y + out.h, r.y + r.h) - y }
  }
  return out
}

/** The page rectangle a need pin needs: it stands above its point, with room for its head and label. */
export function pinRect(point: { x: number; y: number }): Rect {
  return { x: point.x - 40, y: point.y - 60, w: 80, h: 80 }
}

/**
 * The camera that shows `bounds` as large as fits in `visible` (screen px relative to the canvas),
 * centred, kept `inset` clear of its edges — unless that would leave less than half of it.
 */
export function fitCamera(bounds: Rect, visible: Rect, inset: Insets, zoomRange: readonly [number, number] = FIT_ZOOM_RANGE): Camera {
  const edge = typeof inset === 'number' ? { top: inset, right: inset, bottom: inset, left: inset } : inset
  const w = visible.w - edge.left - edge.right
  const h = visible.h - edge.top - edge.bottom
  const free = w >= visible.w / 2 && h >= visible.h / 2
    ? { x: visible.x + edge.left, y: visible.y + edge.top, w, h }
    : visible
  const fit = Math.min(free.w / bounds.w, free.h / bounds.h)
  const z = Math.max(zoomRange[0], Math.min(zoomRange[1], fit))
  const cx = bounds.x + bounds.w / 2
  const cy = bounds.y + bounds.h / 2
  const sx = free.x + free.w / 2
  const sy = free.y + free.h / 2
  return { x: sx / z - cx, y: sy / z - cy, z }
}
