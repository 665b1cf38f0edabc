/**
 * The light view's drawing vocabulary: the SVG parts a shape turns into, and the small helpers the
 * shape kinds share (number formatting, dashes, smooth paths, font stacks).
 */
export type LightAnchor = 'start' | 'middle' | 'end'

export type LightPart =
  | {
      tag: 'path'
      d: string
      fill?: string
      stroke?: string
      strokeWidth?: number
      /**
       * Hand-drawn strokes: the mean width of tldraw's freehand ink, drawn instead of strokeWidth
       * except when zoomed out so far that tldraw itself strokes them solid at strokeWidth.
       */
      inkWidth?: number
      dash?: string
      opacity?: number
      hairline?: boolean
    }
  | { tag: 'circle'; cx: number; cy: number; r: number; fill: string }
  | {
      tag: 'text'
      /** x of the anchor, y of the top of the first line. */
      x: number
      y: number
      lines: string[]
      fontSize: number
      lineHeight: number
      anchor: LightAnchor
      fill: string
      fontFamily: string
      /** Sized in screen pixels (the frame's name): divide by the zoom. */
      screenSized?: boolean
      /** A thin halo in the canvas colour, as tldraw's text outline (text, geo and arrow labels). */
      outline?: boolean
    }
  | { tag: 'image'; src: string; x: number; y: number; w: number; h: number; clipW: number; clipH: number; flipX: boolean; flipY: boolean }
  | { tag: 'rect'; x: number; y: number; w: number; h: number; fill: string; stroke?: string; hairline?: boolean }
  /** A soft shadow below a box, fading downwards (a note's lift; no blur filter, which phones pay for). */
  | { tag: 'shadow'; x: number; y: number; w: number; h: number }

/** [minX, minY, maxX, maxY] in the shape's own coordinates. */
export type LightBox = [number, number, number, number]

export interface ShapeDrawing {
  parts: LightPart[]
  box: LightBox
  /** Highlighter ink: drawn twice, strongly under the other shapes and faintly over them. */
  underlay?: LightPart[]
}

/** The shape record as far as the builders need it. */
export interface ShapeLike {
  id: string
  type: string
  props: Record<string, unknown>
}

export const UI_STACK =
  "'CG Rare Han', system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif"

/** tldraw's fonts first (used when the browser already has them), then the page's stack with CJK fallbacks. */
export function fontFamily(font: unknown): string {
  switch (font) {
    case 'sans':
      return `'tldraw_sans', ${UI_STACK}`
    case 'serif':
      return `'tldraw_serif', 'Songti SC', 'Noto Serif CJK SC', 'Source Han Serif SC', serif, ${UI_STACK}`
    case 'mono':
      return `'tldraw_mono', ui-monospace, Menlo, monospace, ${UI_STACK}`
    default:
      return `'tldraw_draw', ${UI_STACK}`
  }
}

export const num = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback)
/**
 * A number with at most two decimals, as path text. Built from integers: turning fractional
 * doubles into strings was most of the time a 5,000-stroke board took.
 */
export function r2(n: number): string {
  const i = Math.round(n * 100)
  if (!Number.isFinite(i)) return '0'
  const m = i < 0 ? -i : i
  const f = m % 100
  return (i < 0 ? '-' : '') + (m - f) / 100 + (f === 0 ? '' : f < 10 ? '.0' + f : f % 10 === 0 ? '.' + f / 10 : '.' + f)
}

export function dashArray(dash: unknown, sw: number): string | undefined {
  if (dash === 'dashed') return `${r2(sw * 2)} ${r2(sw * 2)}`
  if (dash === 'dotted') return `0 ${r2(sw * 2)}`
  return undefined
}

/** A smooth path through points (quadratic curves through the midpoints, as tldraw's getSvgPathFromPoints). */
export function smoothPath(pts: readonly number[], closed: boolean): string {
  const n = pts.length / 2
  if (n === 0) return ''
  if (n === 1) return `M${r2(pts[0])},${r2(pts[1])}Z`
  if (n === 2) return `M${r2(pts[0])},${r2(pts[1])}L${r2(pts[2])},${r2(pts[3])}${closed ? 'Z' : ''}`
  let d = `M${r2(pts[0])},${r2(pts[1])}`
  for (let i = 1; i < n - 1; i++) {
    const x = pts[i * 2]
    const y = pts[i * 2 + 1]
    d += `Q${r2(x)},${r2(y)} ${r2((x + pts[i * 2 + 2]) / 2)},${r2((y + pts[i * 2 + 3]) / 2)}`
  }
  d += `L${r2(pts[n * 2 - 2])},${r2(pts[n * 2 - 1])}`
  return closed ? d + 'Z' : d
}

