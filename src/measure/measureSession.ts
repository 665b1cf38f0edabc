/**
 * What the measure tool has drawn so far, and how each gesture changes it. Pure functions over
 * plain data, so the click-click-click logic is tested without a browser; MeasureTool feeds them
 * tldraw's pointer events and keeps the result in a per-editor atom (measureState.ts).
 *
 * Nothing here is written to the board: a measurement is this person's own, on this device only.
 */
import { distance, pathLength, polygonArea, polygonPerimeter, type Pt } from './geometry'

export type Measurement =
  | { kind: 'none' }
  /** A distance: dragged from a to b. `done` once the finger or button is lifted. */
  | { kind: 'line'; a: Pt; b: Pt; done: boolean }
  /** Corners tapped one by one; `cursor` is where the next corner would go (preview). */
  | { kind: 'polygon'; points: Pt[]; cursor: Pt | null; closed: boolean }

export const NO_MEASUREMENT: Measurement = { kind: 'none' }

export function isOpenPolygon(m: Measurement): m is Extract<Measurement, { kind: 'polygon' }> {
  return m.kind === 'polygon' && !m.closed
}

/** The pointer is dragging from `origin` to `current`: a distance, or the next corner's preview. */
export function drag(m: Measurement, origin: Pt, current: Pt): Measurement {
  if (isOpenPolygon(m)) return { ...m, cursor: current }
  return { kind: 'line', a: origin, b: current, done: false }
}

/** The pointer moves with no button pressed (mouse hover): only the corner preview follows it. */
export function hover(m: Measurement, current: Pt): Measurement {
  return isOpenPolygon(m) ? { ...m, cursor: current } : m
}

export interface ReleaseOptions {
  /** Whether the pointer moved far enough since it went down to count as a drag. */
  dragged: boolean
  /** How near (in canvas units) a tap must land to the first corner to close the outline. */
  closeDistance: number
}

/** The pointer is lifted at `p`. */
export function release(m: Measurement, p: Pt, { dragged, closeDistance }: ReleaseOptions): Measurement {
  if (m.kind === 'line' && !m.done) {
    return distance(m.a, p) > 0 ? { ...m, b: p, done: true } : NO_MEASUREMENT
  }
  if (isOpenPolygon(m)) {
    const first = m.points[0]
    const last = m.points[m.points.length - 1]
    if (m.points.length >= 3 && distance(p, first) <= closeDistance) {
      return { ...m, cursor: null, closed: true }
    }
    // A second tap on the same spot (a shaky double tap) is not a new corner.
    if (distance(p, last) <= closeDistance / 4) return { ...m, cursor: p }
    return { ...m, points: [...m.points, p], cursor: p }
  }
  // A tap with nothing open starts a new outline (and replaces the last result); a drag that
  // never became a line (it was interrupted) leaves things as they were.
  if (dragged) return m
  return { kind: 'polygon', points: [p], cursor: null, closed: false }
}

/** Double tap, Enter or the "work out area" button: close the outline if it can be closed. */
export function finish(m: Measurement): Measurement {
  if (!isOpenPolygon(m)) return m
  if (m.points.length >= 3) return { ...m, cursor: null, closed: true }
  if (m.points.length === 2) return { kind: 'line', a: m.points[0], b: m.points[1], done: true }
  return NO_MEASUREMENT
}

/** The numbers a measurement stands for, in canvas units (converted to metres by the readout). */
export interface MeasurementFigures {
  /** Length of the line, or of the path tapped so far (open outline). */
  lengthUnits: number | null
  areaUnits: number | null
  perimeterUnits: number | null
  /** Corners tapped so far (open outline), for the hint. */
  corners: number
}

export function figuresOf(m: Measurement): MeasurementFigures {
  switch (m.kind) {
    case 'none':
      return { lengthUnits: null, areaUnits: null, perimeterUnits: null, corners: 0 }
    case 'line':
      return { lengthUnits: distance(m.a, m.b), areaUnits: null, perimeterUnits: null, corners: 0 }
    case 'polygon':
      if (m.closed) {
        return {
          lengthUnits: null,
          areaUnits: polygonArea(m.points),
          perimeterUnits: polygonPerimeter(m.points),
          corners: m.points.length,
        }
      }
      return {
        lengthUnits: m.points.length >= 2 ? pathLength(m.points) : null,
        areaUnits: null,
        perimeterUnits: null,
        corners: m.points.length,
      }
  }
}

/** The organizer's scale line, drawn with the scale tool; `done` opens the length dialog. */
export interface ScaleLine {
  a: Pt
  b: Pt
  done: boolean
}
