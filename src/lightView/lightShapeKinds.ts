/**
 * What each tldraw shape type looks like, as plain SVG parts in the shape's own coordinates: the
 * sizes, colours and stroke widths follow tldraw 5.4's shape utils (their getDefaultDisplayValues).
 * Left out or simplified: the hand-drawn wobble; freehand ink, drawn as a smooth stroke of the ink's
 * mean width (lightShapeInk.ts); pattern fills, painted in their base colour; a note's shadow, a
 * gradient below it.
 */
import { isObject } from '../shared/guards'
import { decodeB64Points } from './b64Points'
import {
  colourOf,
  FONT_SIZES,
  fillColour,
  LABEL_FONT_SIZES,
  LABEL_PADDING,
  LIGHT_THEME,
  NOTE_SIZE,
  sizeOf,
  STROKE_SIZES,
} from './lightShapePalette'
import { arrowShape } from './lightShapeArrow'
import { geoPath } from './lightShapeGeo'
import { inkWidth } from './lightShapeInk'
import { dashArray, fontFamily, num, r2, smoothPath, UI_STACK, type LightAnchor, type LightBox, type LightPart, type ShapeDrawing, type ShapeLike } from './lightShapeParts'
import { richTextLines, textWidthEm, wrapLines } from './lightShapeText'

function pointsBox(pts: readonly number[], pad: number): LightBox {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (let i = 0; i < pts.length; i += 2) {
    if (pts[i] < minX) minX = pts[i]
    if (pts[i] > maxX) maxX = pts[i]
    if (pts[i + 1] < minY) minY = pts[i + 1]
    if (pts[i + 1] > maxY) maxY = pts[i + 1]
  }
  return [minX - pad, minY - pad, maxX + pad, maxY + pad]
}

/** All points of a draw or highlight shape's segments, in its coordinates (scaleX/scaleY applied). */
export function segmentPoints(props: Record<string, unknown>, pressures?: number[]): number[] {
  const segments: unknown[] = Array.isArray(props.segments) ? props.segments : []
  const sx = num(props.scaleX, 1)
  const sy = num(props.scaleY, 1)
  const pts: number[] = []
  for (const segment of segments) {
    if (!isObject(segment) || typeof segment.path !== 'string') continue
    const own = decodeB64Points(segment.path, segment.dim === 2 ? 2 : 3, pressures)
    for (let i = 0; i < own.length; i += 2) pts.push(own[i] * sx, own[i + 1] * sy)
  }
  return pts
}

function isDot(pts: readonly number[], sw: number): boolean {
  if (pts.length <= 2) return true
  const [minX, minY, maxX, maxY] = pointsBox(pts, 0)
  return maxX - minX < sw / 2 && maxY - minY < sw / 2
}

function drawShape(props: Record<string, unknown>): ShapeDrawing | null {
  const pressures: number[] = []
  const pts = segmentPoints(props, pressures)
  if (pts.length === 0) return null
  const colour = colourOf(props.color)
  const scale = num(props.scale, 1)
  // DrawShapeSvg: (theme.strokeWidth × STROKE_SIZES[size] + 1) × scale.
  const sw = (LIGHT_THEME.strokeWidth * STROKE_SIZES[sizeOf(props.size)] + 1) * scale
  const box = pointsBox(pts, sw / 2)
  if (isDot(pts, sw)) return { parts: [{ tag: 'circle', cx: pts[0], cy: pts[1], r: (sw + 1) / 2, fill: colour.solid }], box }
  const parts: LightPart[] = []
  const closed = props.isClosed === true
  const fill = closed ? fillColour(props.fill, colour) : null
  const d = smoothPath(pts, closed)
  if (fill) parts.push({ tag: 'path', d, fill })
  if (props.dash === 'draw' || props.dash === undefined) {
    const ink = inkWidth(pts, pressures, sw, props.isPen === true)
    parts.push({ tag: 'path', d, stroke: colour.solid, strokeWidth: sw, inkWidth: ink })
    return { parts, box: pointsBox(pts, Math.max(sw, ink) / 2) }
  }
  if (props.dash !== 'none') parts.push({ tag: 'path', d, stroke: colour.solid, strokeWidth: sw, dash: dashArray(props.dash, sw) })
  return { parts, box }
}

function highlightShape(props: Record<string, unknown>, p3: boolean): ShapeDrawing | null {
  const pts = segmentPoints(props)
  if (pts.length === 0) return null
  const colour = colourOf(props.color)
  const stroke = p3 ? colour.highlightP3 : colour.highlightSrgb
  // HighlightShapeUtil: fontSize × FONT_SIZES[size] × 1.12 × scale, drawn as an outline 1 wider.
  const sw = LIGHT_THEME.fontSize * FONT_SIZES[sizeOf(props.size)] * 1.12 * num(props.scale, 1) + 1
  const box = pointsBox(pts, sw / 2)
  const ink = (opacity: number): LightPart =>
    isDot(pts, sw)
      ? { tag: 'path', d: `M${r2(pts[0])},${r2(pts[1])}h0.01`, stroke, strokeWidth: sw, opacity }
      : { tag: 'path', d: smoothPath(pts, false), stroke, strokeWidth: sw, opacity }
  return { parts: [ink(0.35)], underlay: [ink(0.82)], box }
}

interface LabelBox {
  w: number
  h: number
  align: unknown
  verticalAlign: unknown
  fontSize: number
  colour: string
  font: unknown
  wrapWidth: number
  outline: boolean
}

/** A label laid out in a box with tldraw's 16-pixel padding, as geo shapes and notes place theirs. */
function boxLabel(richText: unknown, box: LabelBox): LightPart | null {
  const raw = richTextLines(richText)
  if (raw.length === 0) return null
  const lines = wrapLines(raw, box.wrapWidth, box.fontSize)
  const lineHeight = box.fontSize * LIGHT_THEME.lineHeight
  const blockH = lines.length * lineHeight
  const align = String(box.align ?? 'middle')
  const vAlign = String(box.verticalAlign ?? 'middle')
  const anchor: LightAnchor = align.startsWith('start') ? 'start' : align.startsWith('end') ? 'end' : 'middle'
  const x = anchor === 'start' ? LABEL_PADDING : anchor === 'end' ? box.w - LABEL_PADDING : box.w / 2
  const y = vAlign === 'start' ? LABEL_PADDING : vAlign === 'end' ? box.h - LABEL_PADDING - blockH : (box.h - blockH) / 2
  return { tag: 'text', x, y, lines, fontSize: box.fontSize, lineHeight, anchor, fill: box.colour, fontFamily: fontFamily(box.font), outline: box.outline }
}

function geoShape(props: Record<string, unknown>): ShapeDrawing {
  const colour = colourOf(props.color)
  const size = sizeOf(props.size)
  const scale = num(props.scale, 1)
  const w = Math.max(1, num(props.w, 100))
  const h = Math.max(1, num(props.h, 100) + num(props.growY, 0))
  const sw = LIGHT_THEME.strokeWidth * STROKE_SIZES[size] * scale
  const { d, inner } = geoPath(props.geo, w, h, props.flipX === true, props.flipY === true, props.dash === 'draw' || props.dash === undefined ? sw * 2 : 0)
  const parts: LightPart[] = []
  const fill = fillColour(props.fill, colour)
  if (fill) parts.push({ tag: 'path', d, fill })
  if (props.dash !== 'none') parts.push({ tag: 'path', d: inner ? d + inner : d, stroke: colour.solid, strokeWidth: sw, dash: dashArray(props.dash, sw) })
  const fontSize = LIGHT_THEME.fontSize * LABEL_FONT_SIZES[size] * scale
  const label = boxLabel(props.richText, {
    w,
    h,
    align: props.align,
    verticalAlign: props.verticalAlign,
    fontSize,
    colour: colourOf(props.labelColor).solid,
    font: props.font,
    wrapWidth: w - LABEL_PADDING * 2,
    outline: true,
  })
  if (label) parts.push(label)
  return { parts, box: [-sw / 2, -sw / 2, w + sw / 2, h + sw / 2] }
}

function noteShape(props: Record<string, unknown>): ShapeDrawing {
  const colour = colourOf(props.color)
  const scale = num(props.scale, 1)
  const w = NOTE_SIZE * scale
  const h = (NOTE_SIZE + num(props.growY, 0)) * scale
  // tldraw's note casts a box shadow mostly below its bottom edge (getNoteShadow); roughly that.
  const parts: LightPart[] = [
    { tag: 'shadow', x: 3 * scale, y: h - 2 * scale, w: w - 6 * scale, h: 10 * scale },
    { tag: 'rect', x: 0, y: 0, w, h, fill: colour.noteFill },
  ]
  const fontSize = LIGHT_THEME.fontSize * LABEL_FONT_SIZES[sizeOf(props.size)] * num(props.fontSizeAdjustment, 1)
  const labelColour = props.labelColor === 'black' || props.labelColor === undefined ? colour.noteText : colourOf(props.labelColor).fill
  // Laid out at the note's own 200-pixel size, then scaled with it, as tldraw scales the label.
  const label = boxLabel(props.richText, {
    w: NOTE_SIZE,
    h: h / scale,
    align: props.align,
    verticalAlign: props.verticalAlign,
    fontSize,
    colour: labelColour,
    font: props.font,
    wrapWidth: NOTE_SIZE - LABEL_PADDING * 2,
    outline: false,
  })
  if (label && label.tag === 'text') {
    parts.push({ ...label, x: label.x * scale, y: label.y * scale, fontSize: label.fontSize * scale, lineHeight: label.lineHeight * scale })
  }
  return { parts, box: [0, 0, w, h + 8 * scale] }
}

function textShape(props: Record<string, unknown>): ShapeDrawing | null {
  const raw = richTextLines(props.richText)
  if (raw.length === 0) return null
  const scale = num(props.scale, 1)
  const fontSize = LIGHT_THEME.fontSize * FONT_SIZES[sizeOf(props.size)]
  const autoSize = props.autoSize !== false
  const storedW = num(props.w, 8)
  const lines = autoSize ? raw : wrapLines(raw, storedW, fontSize)
  const w = autoSize ? Math.max(storedW, ...lines.map((line) => textWidthEm(line) * fontSize)) : storedW
  const lineHeight = fontSize * LIGHT_THEME.lineHeight
  const align = props.textAlign
  const anchor: LightAnchor = align === 'middle' ? 'middle' : align === 'end' ? 'end' : 'start'
  // With auto size, tldraw keeps `w` at the measured width, so aligning within it is aligning within the text.
  const x = anchor === 'start' ? 0 : anchor === 'middle' ? storedW / 2 : storedW
  const part: LightPart = {
    tag: 'text',
    x: x * scale,
    y: 0,
    lines,
    fontSize: fontSize * scale,
    lineHeight: lineHeight * scale,
    anchor,
    fill: colourOf(props.color).solid,
    fontFamily: fontFamily(props.font),
    outline: true,
  }
  return { parts: [part], box: [0, 0, w * scale, lines.length * lineHeight * scale] }
}

function frameShape(props: Record<string, unknown>): ShapeDrawing {
  const w = num(props.w, 160)
  const h = num(props.h, 90)
  const black = colourOf('black')
  const name = typeof props.name === 'string' && props.name.trim() !== '' ? props.name : 'Frame'
  return {
    parts: [
      { tag: 'rect', x: 0, y: 0, w, h, fill: black.frameFill, stroke: black.frameStroke, hairline: true },
      // The heading sits above the frame's top edge at 12 screen pixels, its middle 16 above it (FrameHeading, tldraw.css).
      { tag: 'text', x: 0, y: -24, lines: [name], fontSize: 12, lineHeight: 16, anchor: 'start', fill: LIGHT_THEME.frameText, fontFamily: UI_STACK, screenSized: true },
    ],
    box: [0, 0, w, h],
  }
}

/** A field of a JSON object; undefined when `value` is no object. */
const fieldOf = (value: unknown, key: string): unknown => (isObject(value) ? value[key] : undefined)

function imageShape(props: Record<string, unknown>, src: string | null): ShapeDrawing {
  const w = num(props.w, 100)
  const h = num(props.h, 100)
  if (!src) return { parts: [{ tag: 'rect', x: 0, y: 0, w, h, fill: '#eceef0' }], box: [0, 0, w, h] }
  const topLeft = fieldOf(props.crop, 'topLeft')
  const bottomRight = fieldOf(props.crop, 'bottomRight')
  const tlX = num(fieldOf(topLeft, 'x'), 0)
  const tlY = num(fieldOf(topLeft, 'y'), 0)
  const brX = num(fieldOf(bottomRight, 'x'), 1)
  const brY = num(fieldOf(bottomRight, 'y'), 1)
  const fullW = brX - tlX > 0 ? w / (brX - tlX) : w
  const fullH = brY - tlY > 0 ? h / (brY - tlY) : h
  return {
    parts: [{ tag: 'image', src, x: -tlX * fullW, y: -tlY * fullH, w: fullW, h: fullH, clipW: w, clipH: h, flipX: props.flipX === true, flipY: props.flipY === true }],
    box: [0, 0, w, h],
  }
}

/** A line shape's point: its position (checked) and its fractional index (compared as text). */
interface LinePoint { index?: unknown; x: number; y: number }
const isLinePoint = (p: unknown): p is LinePoint => isObject(p) && typeof p.x === 'number' && typeof p.y === 'number'

function lineShape(props: Record<string, unknown>): ShapeDrawing | null {
  const entries: unknown[] = props.points && typeof props.points === 'object' ? Object.values(props.points) : []
  const sorted = entries
    .filter(isLinePoint)
    .sort((a, b) => (String(a.index) < String(b.index) ? -1 : String(a.index) > String(b.index) ? 1 : 0))
  if (sorted.length < 2) return null
  const pts = sorted.flatMap((p) => [p.x, p.y])
  const colour = colourOf(props.color)
  const sw = LIGHT_THEME.strokeWidth * STROKE_SIZES[sizeOf(props.size)] * num(props.scale, 1)
  let d = `M${r2(pts[0])},${r2(pts[1])}`
  const n = pts.length / 2
  if (props.spline === 'cubic' && n > 2) {
    // Catmull–Rom through the handles, close to tldraw's CubicSpline2d.
    const at = (i: number): [number, number] => {
      const j = Math.max(0, Math.min(n - 1, i))
      return [pts[j * 2], pts[j * 2 + 1]]
    }
    for (let i = 0; i < n - 1; i++) {
      const [x0, y0] = at(i - 1)
      const [x1, y1] = at(i)
      const [x2, y2] = at(i + 1)
      const [x3, y3] = at(i + 2)
      d += `C${r2(x1 + (x2 - x0) / 6)},${r2(y1 + (y2 - y0) / 6)} ${r2(x2 - (x3 - x1) / 6)},${r2(y2 - (y3 - y1) / 6)} ${r2(x2)},${r2(y2)}`
    }
  } else {
    for (let i = 1; i < n; i++) d += `L${r2(pts[i * 2])},${r2(pts[i * 2 + 1])}`
  }
  return { parts: [{ tag: 'path', d, stroke: colour.solid, strokeWidth: sw, dash: dashArray(props.dash, sw) }], box: pointsBox(pts, sw / 2) }
}

/** The drawing of one shape, or null for a type the light view does not draw (or an empty shape). */
export function drawingOf(shape: ShapeLike, assetSrc: (assetId: unknown) => string | null, p3: boolean): ShapeDrawing | null {
  const props = shape.props ?? {}
  switch (shape.type) {
    case 'draw':
      return drawShape(props)
    case 'highlight':
      return highlightShape(props, p3)
    case 'geo':
      return geoShape(props)
    case 'note':
      return noteShape(props)
    case 'text':
      return textShape(props)
    case 'frame':
      return frameShape(props)
    case 'image':
      return imageShape(props, assetSrc(props.assetId))
    case 'line':
      return lineShape(props)
    case 'arrow':
      return arrowShape(props)
    default:
      return null
  }
}

