/**
 * How wide tldraw's freehand ink comes out, on average, for a draw stroke in the hand-drawn
 * (`dash: 'draw'`) style. tldraw does not stroke these at the stroke width: it fills an outline
 * whose radius follows a pressure, real (a pen) or simulated from the speed (a finger or mouse),
 * so a finger's stroke is wider than `strokeWidth`. This repeats the part of tldraw's freehand code
 * that sets the radius (freehand/core.ts: the streamlined points, computeRadii) and averages it
 * along the stroke, so one plain stroke of that width looks as heavy as tldraw's ink.
 */

const RATE_OF_PRESSURE_CHANGE = 0.275
const MIN_PRESSURE = 0.025
const easeOutSine = (t: number) => Math.sin((t * Math.PI) / 2)
const penEasing = (t: number) => t * 0.65 + Math.sin((t * Math.PI) / 2) * 0.35

/**
 * The mean ink width along a stroke. `pts` is flat [x0, y0, …], `pressures` one per point, `sw`
 * the shape's stroke width ((theme stroke width × size + 1) × scale).
 */
export function inkWidth(pts: readonly number[], pressures: readonly number[], sw: number, isPen: boolean): number {
  const n = pts.length / 2
  // getPath.ts: realPressureSettings for a pen, simulatePressureSettings otherwise.
  const size = isPen ? 1 + sw * 1.2 : sw
  const thinning = isPen ? 0.62 : 0.5
  const streamline = isPen ? 0.62 : Math.min(0.74, Math.max(0.64, 0.64 + ((sw - 9) / 7) * 0.1))
  const easing = isPen ? penEasing : easeOutSine
  if (n < 2) return size
  const t = 0.15 + (1 - streamline) * 0.85
  const zAt = (i: number) => (isPen ? Math.max(MIN_PRESSURE, pressures[i] ?? 0.5) : 0.5)

  // The streamlined points and the distances between them.
  const dists = new Float64Array(n)
  let px = pts[0]
  let py = pts[1]
  for (let i = 1; i < n; i++) {
    const x = px + (pts[i * 2] - px) * t
    const y = py + (pts[i * 2 + 1] - py) * t
    dists[i] = Math.hypot(x - px, y - py)
    px = x
    py = y
  }

  // computeRadii: the pressure settles over the first stretch of the stroke, then sets the radius.
  let prev = isPen ? zAt(0) : 0.5
  let run = 0
  for (let i = 0; i < n; i++) {
    run += dists[i]
    if (run > size * 5) break
    const sp = Math.min(1, dists[i] / size)
    const p = isPen ? Math.min(1, prev + (zAt(i) - prev) * 0.5) : Math.min(1, prev + (Math.min(1, 1 - sp) - prev) * (sp * RATE_OF_PRESSURE_CHANGE))
    prev = prev + (p - prev) * 0.5
  }
  let weighted = 0
  let length = 0
  for (let i = 0; i < n; i++) {
    const sp = Math.min(1, dists[i] / size)
    const target = isPen ? zAt(i) : Math.min(1, 1 - sp)
    const pressure = Math.min(1, prev + (target - prev) * (sp * RATE_OF_PRESSURE_CHANGE))
    prev = pressure
    const radius = size * easing(0.5 - thinning * (0.5 - pressure))
    // Weighted by the length each point stands for; the first point by the next one's.
    const w = i === 0 ? dists[1] : dists[i]
    weighted += radius * w
    length += w
  }
  return length > 0 ? (2 * weighted) / length : size
}
