/**
 * The board's shapes as the light view draws them, from the stored records alone (no tldraw at
 * runtime): one page's shapes in tldraw's paint order (siblings by fractional index, each parent
 * before its children), each with its page transform resolved through the frames and groups it sits
 * in, turned into plain SVG parts (lightShapeKinds.ts). LightShapes.tsx renders the result.
 */
import type { StoredRecord } from '../sync'
import { isObject } from '../shared/guards'
import { drawingOf } from './lightShapeKinds'
import type { LightBox, LightPart } from './lightShapeParts'

export type { LightAnchor, LightPart } from './lightShapeParts'

/** A 2D affine matrix [a, b, c, d, e, f], as SVG's matrix(). */
export type LightMatrix = [number, number, number, number, number, number]

export interface LightItem {
  id: string
  /** The tldraw shape type. */
  type: string
  /** The page transform, as an SVG transform attribute. */
  transform: string
  matrix: LightMatrix
  /** The shape's opacity times its ancestors'. */
  opacity: number
  /** The innermost frame the shape is clipped to, if any. */
  clipId?: string
  parts: LightPart[]
}

/** A frame's clip: its rectangle (0, 0, w, h) under its page transform, itself clipped by `clipId`. */
export interface LightClip {
  id: string
  transform: string
  w: number
  h: number
  clipId?: string
}

export interface LightRect {
  x: number
  y: number
  w: number
  h: number
}

export interface LightScene {
  pageId: string | null
  /** In paint order. */
  items: LightItem[]
  clips: LightClip[]
  /** Page bounds of everything drawn (stroke widths included), or null for an empty page. */
  bounds: LightRect | null
}

export interface LightSceneOptions {
  /** Shapes not to draw (with their children). */
  skipIds?: ReadonlySet<string>
  /** Highlighter in the wide-gamut colours tldraw uses on a P3 screen. */
  p3?: boolean
}

interface ShapeRecord extends StoredRecord {
  type: string
  x: number
  y: number
  rotation: number
  index: string
  parentId: string
  opacity: number
  props: Record<string, unknown>
}

const IDENTITY: LightMatrix = [1, 0, 0, 1, 0, 0]

function multiply(m: LightMatrix, n: LightMatrix): LightMatrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ]
}

/** tldraw's local transform: translate(x, y), then rotate(rotation) (radians). */
function localMatrix(shape: ShapeRecord): LightMatrix {
  const x = Number.isFinite(shape.x) ? shape.x : 0
  const y = Number.isFinite(shape.y) ? shape.y : 0
  const r = Number.isFinite(shape.rotation) ? shape.rotation : 0
  const c = Math.cos(r)
  const s = Math.sin(r)
  return [c, s, -s, c, x, y]
}

const fmt = (n: number) => String(Math.round(n * 1e4) / 1e4)
export const matrixAttr = (m: LightMatrix): string => `matrix(${m.map(fmt).join(' ')})`

/** tldraw sorts siblings by comparing their fractional indexes as plain strings. */
const byIndex = (a: { index: string; id: string }, b: { index: string; id: string }) =>
  a.index < b.index ? -1 : a.index > b.index ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

function isShape(record: StoredRecord): record is ShapeRecord {
  return record.typeName === 'shape' && typeof record.type === 'string' && typeof record.parentId === 'string'
}

/** The page to draw: `pageId` if it exists, else the first page by index. */
function choosePage(records: readonly StoredRecord[], pageId: string | undefined): string | null {
  let first: { id: string; index: string } | null = null
  for (const record of records) {
    if (record.typeName !== 'page') continue
    if (pageId !== undefined && record.id === pageId) return pageId
    const page = { id: record.id, index: typeof record.index === 'string' ? record.index : '' }
    if (!first || byIndex(page, first) < 0) first = page
  }
  return first?.id ?? null
}

/**
 * The scene of one page: the page `pageId`, or the first page by index. O(n log n) in the number of
 * records (one sort per family of siblings); a 5,000-shape board takes a few tens of milliseconds.
 */
export function lightScene(records: readonly StoredRecord[], pageId?: string, options: LightSceneOptions = {}): LightScene {
  const page = choosePage(records, pageId)
  const children = new Map<string, ShapeRecord[]>()
  const assets = new Map<string, string>()
  for (const record of records) {
    if (isShape(record)) {
      const siblings = children.get(record.parentId)
      if (siblings) siblings.push(record)
      else children.set(record.parentId, [record])
    } else if (record.typeName === 'asset') {
      const src = isObject(record.props) ? record.props.src : undefined
      if (typeof src === 'string' && src !== '') assets.set(record.id, src)
    }
  }
  const assetSrc = (assetId: unknown) => (typeof assetId === 'string' ? (assets.get(assetId) ?? null) : null)
  const skip = options.skipIds
  const p3 = options.p3 === true
  const clips: LightClip[] = []
  const bounds: LightBox = [Infinity, Infinity, -Infinity, -Infinity]

  const grow = (m: LightMatrix, box: LightBox) => {
    if (!box.every(Number.isFinite)) return
    for (const [x, y] of [[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]]) {
      const px = m[0] * x + m[2] * y + m[4]
      const py = m[1] * x + m[3] * y + m[5]
      if (px < bounds[0]) bounds[0] = px
      if (py < bounds[1]) bounds[1] = py
      if (px > bounds[2]) bounds[2] = px
      if (py > bounds[3]) bounds[3] = py
    }
  }

  /**
   * Paint `parentId`'s children into `over`, and their highlighter underlays into `under`. As in
   * tldraw (Editor.getUnorderedRenderingShapes), underlays go beneath every shape of the page, except
   * inside a frame, where they go just above the frame and beneath its children.
   */
  const visit = (parentId: string, parentMatrix: LightMatrix, parentOpacity: number, clipId: string | undefined, under: LightItem[], over: LightItem[]) => {
    const family = children.get(parentId)
    if (!family) return
    family.sort(byIndex)
    for (const shape of family) {
      if (skip?.has(shape.id)) continue
      const opacity = parentOpacity * (typeof shape.opacity === 'number' ? shape.opacity : 1)
      if (!(opacity > 0)) continue
      const matrix = multiply(parentMatrix, localMatrix(shape))
      const transform = matrixAttr(matrix)
      if (shape.type === 'group') {
        // A group draws nothing itself; its children are drawn in its coordinates.
        visit(shape.id, matrix, opacity, clipId, under, over)
        continue
      }
      const drawing = drawingOf(shape, assetSrc, p3)
      if (!drawing) continue
      grow(matrix, drawing.box)
      over.push({ id: shape.id, type: shape.type, transform, matrix, opacity, clipId, parts: drawing.parts })
      if (drawing.underlay) under.push({ id: shape.id, type: shape.type, transform, matrix, opacity, clipId, parts: drawing.underlay })
      if (shape.type === 'frame' && children.has(shape.id)) {
        const props = shape.props ?? {}
        clips.push({ id: shape.id, transform, w: Number(props.w) || 0, h: Number(props.h) || 0, clipId })
        const innerUnder: LightItem[] = []
        const innerOver: LightItem[] = []
        visit(shape.id, matrix, opacity, shape.id, innerUnder, innerOver)
        for (const item of innerUnder) over.push(item)
        for (const item of innerOver) over.push(item)
      }
    }
  }

  const under: LightItem[] = []
  const over: LightItem[] = []
  if (page) visit(page, IDENTITY, 1, undefined, under, over)
  const items = under
  for (const item of over) items.push(item)
  return {
    pageId: page,
    items,
    clips,
    bounds: bounds[0] <= bounds[2] ? { x: bounds[0], y: bounds[1], w: bounds[2] - bounds[0], h: bounds[3] - bounds[1] } : null,
  }
}
