/**
 * Arrows for the light view: straight, or an arc bent by `bend` between the stored terminals
 * (tldraw's curved-arrow.ts puts the arc's middle at `bend` off the chord's midpoint). Bindings are
 * ignored: a bound arrow is drawn between its stored `start` and `end`, which tldraw keeps close to
 * where it draws them. Elbow arrows are drawn straight.
 */
import { ARROW_LABEL_FONT_SIZES, colourOf, LIGHT_THEME, sizeOf, STROKE_SIZES } from './lightShapePalette'
import { dashArray, fontFamily, num, r2, type LightPart, type ShapeDrawing } from './lightShapeParts'
import { richTextLines } from './lightShapeText'
import { isObject } from '../shared/guards'

type P = [number, number]

/** tldraw's MIN_ARROW_BEND: a smaller bend is drawn straight. */
const MIN_ARROW_BEND = 8

function point(value: unknown): P {
  const v = isObject(value) ? value : null
  return [num(v?.x, 0), num(v?.y, 0)]
}

/** The circle through three points, or null when they are in a line. */
function circleThrough(a: P, b: P, c: P): { cx: number; cy: number; r: number } | null {
  const d = 2 * (a[0] * (b[1] - c[1]) + b[0] * (c[1] - a[1]) + c[0] * (a[1] - b[1]))
  if (Math.abs(d) < 1e-9) return null
  const a2 = a[0] ** 2 + a[1] ** 2
  const b2 = b[0] ** 2 + b[1] ** 2
  const c2 = c[0] ** 2 + c[1] ** 2
  const cx = (a2 * (b[1] - c[1]) + b2 * (c[1] - a[1]) + c2 * (a[1] - b[1])) / d
  const cy = (a2 * (c[0] - b[0]) + b2 * (a[0] - c[0]) + c2 * (b[0] - a[0])) / d
  return { cx, cy, r: Math.hypot(a[0] - cx, a[1] - cy) }
}

const TAU = Math.PI * 2
const norm = (angle: number) => ((angle % TAU) + TAU) % TAU

/** Rotate `p` about `centre` by `angle`. */
function rotAbout(p: P, centre: P, angle: number): P {
  const s = Math.sin(angle)
  const c = Math.cos(angle)
  const dx = p[0] - centre[0]
  const dy = p[1] - centre[1]
  return [centre[0] + dx * c - dy * s, centre[1] + dx * s + dy * c]
}

/** An arrowhead at `tip`, its sides `length` back towards `back` (tldraw's arrowheads.ts, simplified). */
function head(kind: unknown, tip: P, toward: P, sw: number, colour: string): LightPart | null {
  if (kind === 'none' || kind === undefined) return null
  // `int` as tldraw names it: the point `length` back along the arrow from its tip.
  const int = toward
  const left = rotAbout(int, tip, Math.PI / 6)
  const right = rotAbout(int, tip, -Math.PI / 6)
  const pt = (p: P) => `${r2(p[0])},${r2(p[1])}`
  if (kind === 'arrow') return { tag: 'path', d: `M${pt(left)}L${pt(tip)}L${pt(right)}`, stroke: colour, strokeWidth: sw }
  if (kind === 'bar') {
    const a = rotAbout(int, tip, Math.PI / 2)
    const b = rotAbout(int, tip, -Math.PI / 2)
    const half = (q: P): P => [tip[0] + (q[0] - tip[0]) / 2, tip[1] + (q[1] - tip[1]) / 2]
    return { tag: 'path', d: `M${pt(half(a))}L${pt(half(b))}`, stroke: colour, strokeWidth: sw }
  }
  if (kind === 'dot') {
    const r = Math.hypot(int[0] - tip[0], int[1] - tip[1]) * 0.45
    return { tag: 'circle', cx: tip[0] + ((int[0] - tip[0]) * 0.45), cy: tip[1] + ((int[1] - tip[1]) * 0.45), r, fill: colour }
  }
  // Triangle, and (approximated by it) square, diamond and inverted.
  return { tag: 'path', d: `M${pt(left)}L${pt(right)}L${pt(tip)}Z`, fill: colour, stroke: colour, strokeWidth: sw }
}

export function arrowShape(props: Record<string, unknown>): ShapeDrawing | null {
  const start = point(props.start)
  const end = point(props.end)
  const scale = num(props.scale, 1)
  const colour = colourOf(props.color).solid
  const size = sizeOf(props.size)
  const sw = LIGHT_THEME.strokeWidth * STROKE_SIZES[size] * scale
  const bend = num(props.bend, 0)
  const chord = Math.hypot(end[0] - start[0], end[1] - start[1])
  if (chord < 1e-6) return null
  const u: P = [(end[0] - start[0]) / chord, (end[1] - start[1]) / chord]
  // Vec.per() is (y, −x); tldraw puts the middle at med + per(u) × −bend.
  const middle: P = [(start[0] + end[0]) / 2 - u[1] * bend, (start[1] + end[1]) / 2 + u[0] * bend]
  const circle = props.kind !== 'elbow' && Math.abs(bend) >= MIN_ARROW_BEND * scale ? circleThrough(start, middle, end) : null
  // The arrowhead's length: a fifth of the arrow, between one and three stroke widths.
  const headLength = (length: number) => Math.min(sw * 3, Math.max(sw, length / 5))

  const parts: LightPart[] = []
  let d: string
  let startBack: P
  let endBack: P
  let along: (t: number) => P
  let box: [number, number, number, number]
  if (!circle) {
    d = `M${r2(start[0])},${r2(start[1])}L${r2(end[0])},${r2(end[1])}`
    const len = headLength(chord)
    startBack = [start[0] + u[0] * len, start[1] + u[1] * len]
    endBack = [end[0] - u[0] * len, end[1] - u[1] * len]
    along = (t) => [start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t]
    box = [Math.min(start[0], end[0]), Math.min(start[1], end[1]), Math.max(start[0], end[0]), Math.max(start[1], end[1])]
  } else {
    const { cx, cy, r } = circle
    const a0 = Math.atan2(start[1] - cy, start[0] - cx)
    const am = Math.atan2(middle[1] - cy, middle[0] - cx)
    const a1 = Math.atan2(end[1] - cy, end[0] - cx)
    // Going the positive way round from start, is the middle passed before the end?
    const positive = norm(am - a0) < norm(a1 - a0)
    const sweep = positive ? norm(a1 - a0) : TAU - norm(a1 - a0)
    const dir = positive ? 1 : -1
    d = `M${r2(start[0])},${r2(start[1])}A${r2(r)},${r2(r)} 0 ${sweep > Math.PI ? 1 : 0} ${positive ? 1 : 0} ${r2(end[0])},${r2(end[1])}`
    const at = (angle: number): P => [cx + Math.cos(angle) * r, cy + Math.sin(angle) * r]
    const len = headLength(sweep * r)
    startBack = at(a0 + (dir * len) / r)
    endBack = at(a1 - (dir * len) / r)
    along = (t) => at(a0 + dir * sweep * t)
    box = [Math.min(start[0], end[0], middle[0]), Math.min(start[1], end[1], middle[1]), Math.max(start[0], end[0], middle[0]), Math.max(start[1], end[1], middle[1])]
  }
  parts.push({ tag: 'path', d, stroke: colour, strokeWidth: sw, dash: dashArray(props.dash, sw) })
  const startHead = head(props.arrowheadStart ?? 'none', start, startBack, sw, colour)
  const endHead = head(props.arrowheadEnd ?? 'arrow', end, endBack, sw, colour)
  if (startHead) parts.push(startHead)
  if (endHead) parts.push(endHead)

  const lines = richTextLines(props.richText)
  if (lines.length > 0) {
    const fontSize = LIGHT_THEME.fontSize * ARROW_LABEL_FONT_SIZES[size] * scale
    const lineHeight = fontSize * LIGHT_THEME.lineHeight
    const [lx, ly] = along(Math.min(1, Math.max(0, num(props.labelPosition, 0.5))))
    parts.push({
      tag: 'text',
      x: lx,
      y: ly - (lines.length * lineHeight) / 2,
      lines,
      fontSize,
      lineHeight,
      anchor: 'middle',
      fill: colourOf(props.labelColor).solid,
      fontFamily: fontFamily(props.font),
      outline: true,
    })
  }
  const pad = sw * 3
  return { parts, box: [box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad] }
}
