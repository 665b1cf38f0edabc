/**
 * What both cold-load benchmarks (a plain board, coldLoad.ts; a project board with needs,
 * coldLoadProject.ts) share: the 5,000 shapes, how they are put on a board, and the timing of a load
 * in Chromium from navigation start.
 */
import {
  AssetRecordType, b64Vecs, createShapeId, createTLStore, defaultBindingUtils, defaultShapeUtils, DrawShapeUtil,
  GeoShapeUtil, getIndices, ImageShapeUtil, NoteShapeUtil, toRichText, type TLRecord,
} from 'tldraw'
import type { Page } from 'playwright-core'
import { solidPng } from '../helpers/png.js'
import { connectClient, waitFor } from '../server/syncTestKit.js'
import { uploadAsset } from '../server/workflowTestKit.js'
import type { OurServer } from './benchServers.js'
import { recordsOf } from './shapes.js'

export const VIEWPORT = { width: 1280, height: 800 }
const COLS = 100
const defaults = (util: { prototype: { getDefaultProps(): object } }) =>
  util.prototype.getDefaultProps.call({ options: {} } as never) as Record<string, unknown>

export async function waitUnloaded(server: OurServer): Promise<void> {
  await waitFor(async () => (await server.stats()).boardsLoaded === 0, 'board unloaded', 30_000)
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export function buildRecords(n: number, pageId: string, imageSrcs: string[]): TLRecord[] {
  const records: TLRecord[] = []
  const assets = imageSrcs.map((src, i) => AssetRecordType.create({
    id: AssetRecordType.createId(`bench${i}`),
    type: 'image',
    props: { name: `photo${i}.png`, src, w: 64, h: 48, mimeType: 'image/png', isAnimated: false },
  }))
  records.push(...assets)
  const indices = getIndices(n)
  for (let i = 0; i < n; i++) {
    const base = {
      id: createShapeId(`bench${i}`), typeName: 'shape' as const, parentId: pageId as never, index: indices[i + 1],
      x: (i % COLS) * 160, y: Math.floor(i / COLS) * 160, rotation: 0, isLocked: false, opacity: 1, meta: {},
    }
    const kind = i % 10
    if (kind < 4) {
      const pts = Array.from({ length: 24 }, (_, k) => ({ x: k * 5, y: 40 + Math.sin(k / 3 + i) * 30, z: 0.5 }))
      records.push({ ...base, type: 'draw', props: { ...defaults(DrawShapeUtil), segments: [{ type: 'free', path: b64Vecs.encodePoints(pts) }], isComplete: true } } as never)
    } else if (kind < 7) {
      records.push({ ...base, type: 'note', props: { ...defaults(NoteShapeUtil), richText: toRichText(`需求 ${i}：这里需要一张长椅`) } } as never)
    } else if (kind < 9 || assets.length === 0) {
      records.push({ ...base, type: 'geo', props: { ...defaults(GeoShapeUtil), w: 120, h: 90, richText: toRichText(`区域 ${i}`) } } as never)
    } else {
      records.push({ ...base, type: 'image', props: { ...defaults(ImageShapeUtil), w: 128, h: 96, assetId: assets[i % assets.length].id } } as never)
    }
  }
  // The same validation tldraw runs when it loads them: a bad record here would fail the benchmark, not the page.
  createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils }).put(records)
  return records
}

/**
 * Uploads 5 PNGs and writes `shapes` shapes onto a board a browser has already opened once (it wrote
 * the tldraw document and page), through a y-websocket client the way the binding writes them;
 * `token` for a project board. Answers everything the board then holds, image sources made absolute
 * (for the floor page, whose images load from our server as the app's do).
 */
export async function seedShapes(server: OurServer, boardId: string, shapes: number, token?: string): Promise<unknown[]> {
  const params: Record<string, string> = token ? { token } : {}
  const seeder = connectClient(server.syncUrl, boardId, params)
  await waitFor(() => seeder.provider.synced, 'seeder synced')
  const kv = recordsOf(seeder.doc)
  const page = [...kv.map.values()].map((e) => e.val as { id: string; typeName: string }).find((r) => r.typeName === 'page')
  if (!page) throw new Error('the first visit wrote no page record')
  const srcs: string[] = []
  for (let i = 0; i < 5; i++) {
    const res = await uploadAsset(server.url, boardId, solidPng(64, 48, [40 * i, 120, 90]), token)
    if (res.status >= 300) throw new Error(`asset upload answered ${res.status}: ${JSON.stringify(res.body)}`)
    srcs.push(res.body.src as string)
  }
  const records = buildRecords(shapes, page.id, srcs)
  for (let i = 0; i < records.length; i += 500) {
    seeder.doc.transact(() => { for (const r of records.slice(i, i + 500)) kv.set(r.id, r as never) })
  }
  // A second connection sees them all only once the server has them (it answers from its own copy).
  const check = connectClient(server.syncUrl, boardId, params)
  await waitFor(() => check.provider.synced && check.doc.getArray('records').length >= records.length, 'shapes stored', 60_000)
  const boardRecords = [...recordsOf(check.doc).map.values()].map((e) => {
    const r = e.val as { typeName: string; props?: { src?: string } }
    return r.typeName === 'asset' && r.props?.src?.startsWith('/') ? { ...r, props: { ...r.props, src: server.url + r.props.src } } : r
  })
  check.destroy()
  seeder.destroy()
  return boardRecords
}

export interface LoadTimes {
  /** ms from navigation start until the first `.tl-shape` was in the page */
  firstShape: number
  /** …until `shapes` of them were */
  all: number
  /** …until `pins` needs were on the plan, alone or in a bubble (0 when none are asked for) */
  pins: number
}

/**
 * Navigates `page` to `url` and times, in the page's own clock (performance.now() counts from
 * navigation start), when the first shape, every shape and every need pin were first in the page.
 * One poll checks all three, so a condition met early (pins before the last shapes) is timed when
 * it happened, not when an earlier wait returned.
 */
export async function timeLoad(page: Page, url: string, shapes: number, pins = 0): Promise<LoadTimes> {
  await page.goto(url, { waitUntil: 'commit' })
  const handle = await page.waitForFunction(({ shapes, pins }) => {
    const w = window as unknown as { __cgLoad?: Partial<{ firstShape: number; all: number; pins: number }> }
    const seen = (w.__cgLoad ??= {})
    const now = performance.now()
    const count = document.querySelectorAll('.tl-shape').length
    if (seen.firstShape === undefined && count > 0) seen.firstShape = now
    if (seen.all === undefined && count >= shapes) seen.all = now
    // Needs on the plan: pins drawn alone, plus those inside a "N 条需求" bubble (pins that would overlap, NeedPins.tsx).
    const onPlan = () => document.querySelectorAll('[data-testid="need-pin"]').length +
      Array.from(document.querySelectorAll('[data-testid="need-pin-group"]')).reduce((n, g) => n + Number(g.getAttribute('data-need-count')), 0)
    if (seen.pins === undefined && (pins === 0 || onPlan() >= pins)) seen.pins = now
    return seen.firstShape !== undefined && seen.all !== undefined && seen.pins !== undefined ? seen : null
  }, { shapes, pins }, { polling: 16, timeout: 120_000 })
  return (await handle.jsonValue()) as LoadTimes
}
