/**
 * Plane geometry for the measure and scale tools, in canvas (tldraw page) units. Pure: no DOM,
 * no tldraw, so it is tested directly (test/ui/measure.test.ts).
 */

export interface Pt {
  x: number
  y: number
}

/** A plain copy of any point-like value (tldraw's Vec carries more than x and y). */
export function toPt(p: Pt): Pt {
  return { x: p.x, y: p.y }
}

export function distance(a: Pt, b: Pt): number {
  return Math.hypot(b.x - a.x, b.y - a.y)
}

/** Length of an open path through the points in order. */
export function pathLength(points: readonly Pt[]): number {
  let total = 0
  for (let i = 1; i < points.length; i++) total += distance(points[i - 1], points[i])
  return total
}

/** Length around a closed polygon (the last point joins the first). */
export function polygonPerimeter(points: readonly Pt[]): number {
  if (points.length < 2) return 0
  return pathLength(points) + distance(points[points.length - 1], points[0])
}

/**
 * Area enclosed by a polygon (shoelace formula), always positive whichever way it was drawn.
 * A self-crossing outline gives the difference of its lobes, as any surveyor's formula would:
 * the readout is for simple outlines of a place, which is what people tap around.
 */
export function polygonArea(points: readonly Pt[]): number {
  if (points.length < 3) return 0
  let twice = 0
  for (let i = 0; i < points.length; i++) {
    const a = points[i]
    const b = points[(i + 1) % points.length]
    twice += a.x * b.y - b.x * a.y
  }
  return Math.abs(twice) / 2
}

/**
 * The scale the organizer sets: a line `lineUnits` long on the canvas is `metres` long in reality.
 * Returns null when no sensible scale follows (a zero-length line, a non-positive length).
 */
export function metresPerUnitFrom(metres: number, lineUnits: number): number | null {
  if (!Number.isFinite(metres) || !Number.isFinite(lineUnits) || metres <= 0 || lineUnits <= 0) return null
  const result = metres / lineUnits
  return Number.isFinite(result) && result > 0 ? result : null
}

export function unitsToMetres(units: number, metresPerUnit: number): number {
  return units * metresPerUnit
}

/** Areas scale with the square of the length scale. */
export function squareUnitsToSquareMetres(squareUnits: number, metresPerUnit: number): number {
  return squareUnits * metresPerUnit * metresPerUnit
}

/** Longest side of the base plan on the canvas: a 6000-px aerial photo would dwarf every drawing. */
export const BASE_PLAN_MAX_SIDE = 2000

/** Size of the base plan image on the canvas: natural size, or scaled down so its long side fits. */
export function basePlanCanvasSize(
  width: number,
  height: number,
  maxSide: number = BASE_PLAN_MAX_SIDE,
): { w: number; h: number } {
  const w = Number.isFinite(width) && width > 0 ? width : 1
  const h = Number.isFinite(height) && height > 0 ? height : 1
  const longSide = Math.max(w, h)
  if (longSide <= maxSide) return { w, h }
  const factor = maxSide / longSide
  // tldraw refuses a zero width or height, so a very thin strip keeps at least one unit.
  return { w: Math.max(1, w * factor), h: Math.max(1, h * factor) }
}
