/**
 * The light view's shape renderer (src/lightView/lightShapes.ts) against tldraw itself: its point
 * decoder against b64Vecs, its palette against DEFAULT_THEME, and a board made with a headless tldraw
 * editor, whose page transforms, paint order, colours and stroke widths the scene must repeat.
 */
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AssetRecordType,
  b64Vecs,
  createShapeId,
  createTLStore,
  DEFAULT_THEME,
  defaultBindingUtils,
  EASINGS,
  defaultShapeUtils,
  Editor,
  getArrowInfo,
  getStroke,
  getStrokePoints,
  toRichText,
  type TLShape,
  type TLShapeId,
} from 'tldraw'
import { decodeB64Points } from '../../src/lightView/b64Points'
import { LightShapes } from '../../src/lightView/LightShapes'
import { inkWidth } from '../../src/lightView/lightShapeInk'
import { LIGHT_PALETTE, LIGHT_THEME } from '../../src/lightView/lightShapePalette'
import { richTextLines, wrapLines } from '../../src/lightView/lightShapeText'
import { lightScene, type LightItem, type LightPart } from '../../src/lightView/lightShapes'
import type { StoredRecord } from '../../src/sync/boardDoc'

/** A stroke as a hand makes one: a wobbly spiral with changing pressure, far from the origin. */
function strokePoints(n: number, ox = 1234.5, oy = -987.25) {
  return Array.from({ length: n }, (_, i) => ({
    x: ox + Math.cos(i / 7) * (i * 1.3) + Math.sin(i) * 0.7,
    y: oy + Math.sin(i / 7) * (i * 1.1) - Math.cos(i * 1.7) * 0.4,
    z: 0.3 + 0.4 * Math.abs(Math.sin(i / 11)),
  }))
}

describe('the b64 point decoder', () => {
  it('decodes what tldraw encodes, exactly as tldraw decodes it, in 3D and 2D', () => {
    for (const n of [1, 2, 3, 250]) {
      const points = strokePoints(n)
      const encoded3 = b64Vecs.encodePoints(points)
      const ours3 = decodeB64Points(encoded3, 3)
      expect(ours3).toEqual(b64Vecs.decodePoints(encoded3).flatMap((p) => [p.x, p.y]))
      const pressures: number[] = []
      decodeB64Points(encoded3, 3, pressures)
      expect(pressures).toEqual(b64Vecs.decodePoints(encoded3).map((p) => p.z))
      // The encoding is lossy (Float16 deltas); the decoded stroke is still where it was drawn.
      expect(ours3[ours3.length - 2]).toBeCloseTo(points[n - 1].x, 0)

      const encoded2 = b64Vecs.encodePoints2D(points)
      const pressures2: number[] = []
      expect(decodeB64Points(encoded2, 2, pressures2)).toEqual(b64Vecs.decodePoints2D(encoded2).flatMap((p) => [p.x, p.y]))
      expect(pressures2).toEqual(b64Vecs.decodePoints2D(encoded2).map((p) => p.z))
      // Read as the wrong dimension, it is not the same stroke (the dim matters).
      if (n > 2) expect(decodeB64Points(encoded2, 3)).not.toEqual(decodeB64Points(encoded2, 2))
    }
    expect(decodeB64Points('')).toEqual([])
    expect(decodeB64Points('AAAA')).toEqual([])
  })
})

describe('the width of hand-drawn ink', () => {
  const area = (poly: { x: number; y: number }[]) => {
    let a = 0
    for (let i = 0; i < poly.length; i++) {
      const p = poly[i]
      const q = poly[(i + 1) % poly.length]
      a += p.x * q.y - q.x * p.y
    }
    return Math.abs(a) / 2
  }

  it('is the mean width of tldraw’s freehand outline, slow or fast, finger or pen', () => {
    for (const step of [1, 4, 15, 30]) {
      for (const sw of [3, 4.5, 11]) {
        for (const pen of [false, true]) {
          const pts = Array.from({ length: Math.round(600 / step) }, (_, i) => ({ x: i * step, y: Math.sin((i * step) / 80) * 40, z: pen ? 0.2 + 0.6 * Math.abs(Math.sin(i / 9)) : 0.5 }))
          // tldraw's getPath.ts settings for a pen (real pressure) and a finger (simulated).
          const options = pen
            ? { size: 1 + sw * 1.2, thinning: 0.62, streamline: 0.62, smoothing: 0.62, simulatePressure: false, easing: (t: number) => t * 0.65 + Math.sin((t * Math.PI) / 2) * 0.35, last: true }
            : { size: sw, thinning: 0.5, streamline: Math.min(0.74, Math.max(0.64, 0.64 + ((sw - 9) / 7) * 0.1)), smoothing: 0.62, easing: EASINGS.easeOutSine, simulatePressure: true, last: true }
          const centre = getStrokePoints(pts, options).map((p) => p.point)
          let length = 0
          for (let i = 1; i < centre.length; i++) length += Math.hypot(centre[i].x - centre[i - 1].x, centre[i].y - centre[i - 1].y)
          const theirs = area(getStroke(pts, options)) / length
          const ours = inkWidth(pts.flatMap((p) => [p.x, p.y]), pts.map((p) => p.z), sw, pen)
          expect(Math.abs(ours / theirs - 1), `step ${step}, sw ${sw}, pen ${pen}: ${ours} vs ${theirs}`).toBeLessThan(0.08)
        }
      }
    }
  })
})

describe('the palette', () => {
  it('is tldraw 5.4’s light theme', () => {
    const light = DEFAULT_THEME.colors.light as unknown as Record<string, Record<string, string> | string>
    for (const [name, colour] of Object.entries(LIGHT_PALETTE)) {
      const theirs = light[name] as Record<string, string>
      for (const [key, value] of Object.entries(colour)) expect([name, key, value]).toEqual([name, key, theirs[key]])
    }
    const named = Object.entries(light).filter(([, v]) => typeof v === 'object').map(([k]) => k)
    expect(Object.keys(LIGHT_PALETTE).sort()).toEqual(named.sort())
    expect([LIGHT_THEME.solid, LIGHT_THEME.background, LIGHT_THEME.strokeWidth, LIGHT_THEME.fontSize, LIGHT_THEME.lineHeight]).toEqual([
      light.solid,
      light.background,
      DEFAULT_THEME.strokeWidth,
      DEFAULT_THEME.fontSize,
      DEFAULT_THEME.lineHeight,
    ])
  })
})

describe('rich text', () => {
  it('gives the lines of paragraphs, hard breaks and lists', () => {
    expect(richTextLines(toRichText('种一棵树\n加两张长椅'))).toEqual(['种一棵树', '加两张长椅'])
    const doc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Shade' }, { type: 'hardBreak' }, { type: 'text', text: 'please', marks: [{ type: 'bold' }] }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '树' }] }] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'bench' }] }] }] },
        { type: 'paragraph' },
      ],
    }
    expect(richTextLines(doc)).toEqual(['Shade', 'please', '• 树', '3. bench'])
    expect(richTextLines(toRichText(''))).toEqual([])
  })

  it('wraps long lines between words and between CJK characters', () => {
    const wrapped = wrapLines(['社区花园需要更多的树荫和座椅'], 100, 20)
    expect(wrapped.length).toBeGreaterThan(1)
    expect(wrapped.join('')).toBe('社区花园需要更多的树荫和座椅')
    expect(wrapLines(['a few short words here'], 80, 16).every((line) => !line.startsWith(' '))).toBe(true)
  })
})

// A headless tldraw editor: tldraw wants a window, animation frames and a container; none is drawn to.
const saved: Record<string, unknown> = {}
const fake: object = new Proxy(function () {}, {
  get: (_t, key) => (key === Symbol.toPrimitive ? () => 0 : key === 'then' ? undefined : key === Symbol.iterator ? function* () {} : fake),
  apply: () => fake,
  construct: () => fake,
})
beforeAll(() => {
  const g = globalThis as Record<string, unknown>
  for (const key of ['window', 'requestAnimationFrame', 'cancelAnimationFrame', 'devicePixelRatio']) saved[key] = g[key]
  g.window = globalThis
  g.requestAnimationFrame = () => 0
  g.cancelAnimationFrame = () => undefined
  g.devicePixelRatio = 1
})
afterAll(() => {
  const g = globalThis as Record<string, unknown>
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete g[key]
    else g[key] = value
  }
})

function makeEditor(): Editor {
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
  return new Editor({ store, shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils, tools: [], getContainer: () => fake as HTMLElement })
}

/** The records as the board's Y.Doc holds them: plain JSON. */
function storedRecords(editor: Editor): StoredRecord[] {
  return JSON.parse(JSON.stringify(editor.store.allRecords())) as StoredRecord[]
}

const sid = (name: string) => createShapeId(name)

/** Every kind of shape the light view draws, nested in frames and a group, some rotated. */
function buildBoard(editor: Editor) {
  const asset = AssetRecordType.create({
    id: AssetRecordType.createId('plan'),
    type: 'image',
    props: { name: 'plan.png', src: '/api/boards/b1/assets/plan.png', w: 400, h: 300, mimeType: 'image/png', isAnimated: false },
  })
  editor.createAssets([asset])
  const stroke = strokePoints(40, 0, 0)
  editor.createShapes([
    { id: sid('image'), type: 'image', x: -50, y: -40, props: { w: 800, h: 600, assetId: asset.id } },
    { id: sid('frame'), type: 'frame', x: 300, y: 200, rotation: 0.4, props: { w: 500, h: 400, name: '入口' } },
    { id: sid('inner'), type: 'frame', parentId: sid('frame'), x: 40, y: 60, rotation: -0.3, props: { w: 200, h: 150, name: '' } },
    { id: sid('geo'), type: 'geo', parentId: sid('inner'), x: 10, y: 20, rotation: 0.25, props: { w: 120, h: 80, geo: 'ellipse', color: 'red', fill: 'solid', size: 'l' } },
    { id: sid('group'), type: 'group', parentId: sid('frame'), x: 260, y: 30, rotation: 0.5 },
    { id: sid('note'), type: 'note', parentId: sid('group'), x: 0, y: 0, props: { color: 'green' } },
    { id: sid('text'), type: 'text', parentId: sid('group'), x: 0, y: 240, rotation: -0.1, props: { color: 'blue', size: 'l', w: 180 } },
    { id: sid('draw'), type: 'draw', x: 900, y: 100, rotation: 1.1, props: { color: 'violet', size: 'xl', segments: [{ type: 'free', path: b64Vecs.encodePoints(stroke) }], isComplete: true } },
    { id: sid('highlight'), type: 'highlight', x: 950, y: 400, props: { color: 'yellow', segments: [{ type: 'free', path: b64Vecs.encodePoints2D(stroke), dim: 2 }] } },
    { id: sid('arrow'), type: 'arrow', x: 100, y: 800, props: { start: { x: 0, y: 0 }, end: { x: 300, y: 50 }, bend: 60, color: 'orange', arrowheadStart: 'triangle' } },
    { id: sid('line'), type: 'line', x: 500, y: 900, rotation: 0.2, props: { points: { a1: { id: 'a1', index: 'a1', x: 0, y: 0 }, a2: { id: 'a2', index: 'a2', x: 120, y: 40 }, a3: { id: 'a3', index: 'a3', x: 200, y: -30 } } } },
    { id: sid('faded'), type: 'geo', x: 0, y: 1200, opacity: 0, props: { w: 50, h: 50 } },
    { id: sid('bookmark'), type: 'bookmark', x: 0, y: 1300 },
  ] as Parameters<Editor['createShapes']>[0])
  // Labels straight into the store: the headless editor cannot measure text, and the stored label is all the light view reads.
  for (const [name, text] of [['geo', '树荫'], ['note', '长椅\n两张'], ['text', 'Hello 你好']]) {
    const shape = editor.getShape(sid(name))!
    editor.store.put([{ ...shape, props: { ...shape.props, richText: toRichText(text) } } as TLShape])
  }
  // Paint order is the index, not the order of creation: the image goes to the back.
  editor.sendToBack([sid('image')])
}

function item(scene: { items: LightItem[] }, id: TLShapeId): LightItem {
  const found = scene.items.find((i) => i.id === id && i.parts.every((p) => p.tag !== 'path' || p.opacity !== 0.82))
  if (!found) throw new Error(`no item for ${id}`)
  return found
}

const stroked = (parts: LightPart[]) => parts.find((p): p is Extract<LightPart, { tag: 'path' }> => p.tag === 'path' && p.stroke !== undefined)

describe('a board made with tldraw', () => {
  it('puts every supported shape where tldraw does, in tldraw’s paint order', () => {
    const editor = makeEditor()
    try {
      buildBoard(editor)
      const scene = lightScene(storedRecords(editor))
      expect(scene.pageId).toBe(editor.getCurrentPageId())

      const drawn = ['image', 'frame', 'inner', 'geo', 'note', 'text', 'draw', 'highlight', 'arrow', 'line'].map(sid)
      for (const id of drawn) {
        const theirs = editor.getShapePageTransform(id)
        const ours = item(scene, id).matrix
        expect(ours.map((n) => Math.round(n * 1e6) / 1e6), id).toEqual([theirs.a, theirs.b, theirs.c, theirs.d, theirs.e, theirs.f].map((n) => Math.round(n * 1e6) / 1e6))
      }
      // Groups draw nothing; a shape at opacity 0 and types the light view does not know are skipped.
      const ids = new Set(scene.items.map((i) => i.id))
      for (const id of ['group', 'faded', 'bookmark'].map(sid)) expect(ids.has(id)).toBe(false)

      // Paint order: tldraw's sorted page shapes, less what is not drawn; the highlighter's strong
      // underlay goes first (under everything on the page), its faint ink in its place.
      const theirOrder = editor.getCurrentPageShapesSorted().map((s) => s.id).filter((id) => drawn.includes(id))
      const overlay = scene.items.filter((i) => !(i.type === 'highlight' && i.parts[0].tag === 'path' && i.parts[0].opacity === 0.82))
      expect(overlay.map((i) => i.id)).toEqual(theirOrder)
      expect(scene.items[0].id).toBe(sid('highlight'))
      expect(item(scene, sid('image')).parts[0]).toMatchObject({ tag: 'image', src: '/api/boards/b1/assets/plan.png', w: 800, h: 600 })

      // Children of frames are clipped to their frame, nested frames to both.
      expect(item(scene, sid('geo')).clipId).toBe(sid('inner'))
      expect(item(scene, sid('note')).clipId).toBe(sid('frame'))
      expect(scene.clips.find((c) => c.id === sid('inner'))?.clipId).toBe(sid('frame'))
    } finally {
      editor.dispose()
    }
  })

  it('uses tldraw’s colours and stroke widths', () => {
    const editor = makeEditor()
    try {
      buildBoard(editor)
      const scene = lightScene(storedRecords(editor))
      const theme = editor.getCurrentTheme()
      const dv = (id: TLShapeId) => {
        const shape = editor.getShape(id) as TLShape
        const util = editor.getShapeUtil(shape) as unknown as { options: { getDefaultDisplayValues: (...args: unknown[]) => Record<string, unknown> } }
        return util.options.getDefaultDisplayValues(editor, shape, theme, 'light')
      }

      const geo = dv(sid('geo'))
      const geoParts = item(scene, sid('geo')).parts
      expect(stroked(geoParts)).toMatchObject({ stroke: geo.strokeColor, strokeWidth: geo.strokeWidth })
      expect(geoParts.find((p) => p.tag === 'path' && p.fill)).toMatchObject({ fill: geo.fillColor })
      expect(geoParts.find((p) => p.tag === 'text')).toMatchObject({ lines: ['树荫'], fill: geo.labelColor, fontSize: geo.labelFontSize })

      const draw = dv(sid('draw'))
      // DrawShapeSvg strokes at (strokeWidth + 1) × scale; in the hand-drawn style its ink is wider.
      const drawInk = stroked(item(scene, sid('draw')).parts)!
      expect(drawInk).toMatchObject({ stroke: draw.strokeColor, strokeWidth: (draw.strokeWidth as number) + 1 })
      expect(drawInk.inkWidth).toBeGreaterThan(drawInk.strokeWidth!)

      const arrow = dv(sid('arrow'))
      const arrowParts = item(scene, sid('arrow')).parts
      expect(stroked(arrowParts)).toMatchObject({ stroke: arrow.strokeColor, strokeWidth: arrow.strokeWidth })

      const line = dv(sid('line'))
      expect(stroked(item(scene, sid('line')).parts)).toMatchObject({ stroke: line.strokeColor, strokeWidth: line.strokeWidth })

      const note = dv(sid('note'))
      const noteParts = item(scene, sid('note')).parts
      expect(noteParts.find((p) => p.tag === 'rect')).toMatchObject({ w: note.noteWidth, h: note.noteHeight, fill: note.noteBackgroundColor })
      expect(noteParts.find((p) => p.tag === 'text')).toMatchObject({ lines: ['长椅', '两张'], fill: note.labelColor, fontSize: note.labelFontSize })

      const text = dv(sid('text'))
      expect(item(scene, sid('text')).parts[0]).toMatchObject({ tag: 'text', lines: ['Hello 你好'], fill: text.color, fontSize: text.fontSize })
      // tldraw outlines text and geo labels in the canvas colour, not a note's.
      expect(item(scene, sid('text')).parts[0]).toMatchObject({ outline: true })
      expect(noteParts.find((p) => p.tag === 'text')).toMatchObject({ outline: false })

      const highlight = dv(sid('highlight'))
      const ink = scene.items.filter((i) => i.id === sid('highlight')).map((i) => i.parts[0])
      expect(ink).toEqual([
        expect.objectContaining({ stroke: highlight.strokeColor, strokeWidth: (highlight.strokeWidth as number) + 1, opacity: highlight.underlayOpacity }),
        expect.objectContaining({ stroke: highlight.strokeColor, strokeWidth: (highlight.strokeWidth as number) + 1, opacity: highlight.overlayOpacity }),
      ])
    } finally {
      editor.dispose()
    }
  })

  it('bends an arrow along tldraw’s arc and draws its stroke through the decoded points', () => {
    const editor = makeEditor()
    try {
      buildBoard(editor)
      const scene = lightScene(storedRecords(editor))
      const info = getArrowInfo(editor, sid('arrow'))
      if (!info || info.type !== 'arc') throw new Error('tldraw did not bend the arrow')
      const d = (stroked(item(scene, sid('arrow')).parts) as { d: string }).d
      const arc = /A([\d.]+),([\d.]+) 0 (\d) (\d) ([-\d.]+),([-\d.]+)$/.exec(d)
      expect(arc).not.toBeNull()
      expect(Number(arc![1])).toBeCloseTo(info.handleArc.radius, 1)
      expect(Number(arc![4])).toBe(info.handleArc.sweepFlag)
      expect(Number(arc![5])).toBeCloseTo(info.end.handle.x, 1)
      expect(Number(arc![6])).toBeCloseTo(info.end.handle.y, 1)
      // Two arrowheads: the default open arrow at the end, a filled triangle at the start.
      expect(item(scene, sid('arrow')).parts.filter((p) => p.tag === 'path').length).toBe(3)

      const drawPath = (stroked(item(scene, sid('draw')).parts) as { d: string }).d
      const [first] = b64Vecs.decodePoints((editor.getShape(sid('draw'))!.props as { segments: { path: string }[] }).segments[0].path)
      expect(drawPath.startsWith(`M${Math.round(first.x * 100) / 100},${Math.round(first.y * 100) / 100}`)).toBe(true)
    } finally {
      editor.dispose()
    }
  })

  it('outlines tldraw’s polygon geo types on tldraw’s own corners', () => {
    const editor = makeEditor()
    try {
      const polygons = ['triangle', 'diamond', 'pentagon', 'hexagon', 'octagon', 'star', 'rhombus', 'rhombus-2', 'trapezoid', 'arrow-left', 'arrow-right', 'arrow-up', 'arrow-down']
      editor.createShapes(polygons.map((geo, i) => ({ id: sid(geo), type: 'geo', x: i * 300, y: 0, props: { geo, w: 180, h: 120, dash: 'solid', flipY: geo === 'triangle' } })) as Parameters<Editor['createShapes']>[0])
      const scene = lightScene(storedRecords(editor))
      for (const geo of polygons) {
        const d = (stroked(item(scene, sid(geo)).parts) as { d: string }).d
        const ours = Array.from(d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g), (m) => [Number(m[1]), Number(m[2])])
        const theirs = editor.getShapeGeometry(sid(geo)).vertices.map((v) => [v.x, v.y])
        const near = (a: number[], list: number[][]) => list.some((b) => Math.abs(a[0] - b[0]) < 0.02 && Math.abs(a[1] - b[1]) < 0.02)
        expect(ours.length, geo).toBeGreaterThanOrEqual(3)
        for (const p of ours) expect(near(p, theirs), `${geo}: ours ${p} in ${JSON.stringify(theirs)}`).toBe(true)
        for (const p of theirs) expect(near(p, ours), `${geo}: theirs ${p} in ${d}`).toBe(true)
      }
    } finally {
      editor.dispose()
    }
  })

  it('bounds the page around what it draws, as tldraw bounds the same shapes', () => {
    const editor = makeEditor()
    try {
      editor.createShapes([
        { id: sid('a'), type: 'geo', x: 100, y: 50, rotation: 0.3, props: { w: 200, h: 100, dash: 'solid' } },
        { id: sid('b'), type: 'geo', x: -300, y: 400, props: { w: 50, h: 60, size: 's' } },
      ] as Parameters<Editor['createShapes']>[0])
      const bounds = lightScene(storedRecords(editor)).bounds!
      const theirs = editor.getCurrentPageBounds()!
      // Ours include half the stroke width (at most 1.75 here) on every side.
      for (const [ours, tl] of [[bounds.x, theirs.x], [bounds.y, theirs.y], [bounds.x + bounds.w, theirs.maxX], [bounds.y + bounds.h, theirs.maxY]]) {
        expect(Math.abs(ours - tl)).toBeLessThanOrEqual(2.5)
      }
      expect(lightScene(storedRecords(editor), undefined, { skipIds: new Set([sid('b')]) }).bounds!.x).toBeGreaterThan(0)
    } finally {
      editor.dispose()
    }
  })

  it('renders one SVG layer with a group per shape, images through resolveImage, and leaves out skipped shapes', () => {
    const editor = makeEditor()
    try {
      buildBoard(editor)
      const records = storedRecords(editor)
      const html = renderToStaticMarkup(
        createElement(LightShapes, { records, resolveImage: (src: string) => `https://cdn.example${src}`, skipIds: new Set<string>([sid('image')]) }),
      )
      expect(html.match(/data-testid="light-shapes"/g)).toHaveLength(1)
      expect(html).not.toContain('/api/boards/b1/assets/plan.png')
      for (const type of ['frame', 'geo', 'note', 'text', 'draw', 'highlight', 'arrow', 'line']) expect(html).toContain(`data-shape-type="${type}"`)
      expect(html).toContain('长椅')
      expect(html).toContain('<clipPath')
      const withImage = renderToStaticMarkup(createElement(LightShapes, { records, resolveImage: (src: string) => `https://cdn.example${src}` }))
      expect(withImage).toContain('href="https://cdn.example/api/boards/b1/assets/plan.png"')
      expect(withImage).toContain('data-shape-type="image"')
      // The draw stroke: its ink width at zoom 1, tldraw's solid stroke width when zoomed far out.
      const ink = stroked(item(lightScene(records), sid('draw')).parts)!
      expect(withImage).toContain(`stroke-width="${ink.inkWidth}"`)
      const far = renderToStaticMarkup(createElement(LightShapes, { records, resolveImage: (src: string) => src, zoom: 0.1 }))
      expect(far).not.toContain(`stroke-width="${ink.inkWidth}"`)
      expect(far).toContain(`stroke-width="${ink.strokeWidth}"`)
    } finally {
      editor.dispose()
    }
  })
})

describe('a large board', () => {
  it('turns 5,000 strokes into a scene', () => {
    const path = b64Vecs.encodePoints(strokePoints(60, 0, 0))
    const records: StoredRecord[] = [{ id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }]
    for (let i = 0; i < 5000; i++) {
      records.push({
        id: `shape:s${i}`,
        typeName: 'shape',
        type: 'draw',
        parentId: 'page:page',
        index: `a${i.toString(36).padStart(4, '0')}`,
        x: (i % 100) * 50,
        y: Math.floor(i / 100) * 50,
        rotation: 0,
        opacity: 1,
        isLocked: false,
        meta: {},
        props: { color: 'black', fill: 'none', dash: 'draw', size: 'm', segments: [{ type: 'free', path }], isComplete: true, isClosed: false, isPen: false, scale: 1, scaleX: 1, scaleY: 1 },
      })
    }
    const scene = lightScene(records)
    expect(scene.items).toHaveLength(5000)
    expect(scene.items[4999].id).toBe('shape:s4999')
  })
})
