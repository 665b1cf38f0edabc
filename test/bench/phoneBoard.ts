/**
 * The board a resident opens in the phone benchmark (phone.ts): a project in 收集需求 with a 711 KiB
 * JPEG base plan put on the board by the organizer's own client (as in test/helpers/tour.ts), its
 * shapes drawn on the plan (the first 300) and beside it (the rest), and 40 needs on the plan, each
 * ticked by three people. Answers what the floor page needs too: every record the board holds.
 */
import { getIndicesBetween, type TLRecord } from 'tldraw'
import type { Browser } from 'playwright-core'
import type { TestServer } from '../helpers/startTestServer.js'
import { solidPng } from '../helpers/png.js'
import { addNeed, openRoom, type Person, type Room } from '../server/participationTestKit.js'
import { noisyJpeg } from '../server/exportTestKit.js'
import { connectClient, waitFor } from '../server/syncTestKit.js'
import { uploadAsset } from '../server/workflowTestKit.js'
import type { OurServer } from './benchServers.js'
import { buildRecords } from './coldLoadKit.js'
import { recordsOf } from './shapes.js'

/**
 * 2,000 × 1,250 px (the plan's canvas size, BASE_PLAN_MAX_SIDE) of noise at quality 46: 709 KiB,
 * the size of a photographed base plan. Noise does not compress, so a photo-sized file needs no photo.
 */
export const PLAN = { width: 2000, height: 1250, quality: 46 }
export const NEEDS = 40
const TICKS_PER_NEED = 3
const ON_PLAN = 300
const CATEGORIES = ['greenery', 'seating', 'play', 'accessibility', 'lighting', 'other']

export interface PhoneBoard {
  room: Room
  projectId: string
  resident: Person
  shapes: number
  planBytes: number
  /** Every record on the board (plan, shapes, pictures), sources as stored (relative to our server). */
  records: unknown[]
}

/**
 * A call retried when the connection itself failed (fetch's TypeError): on a loaded machine, or after
 * a pause of about the server's keep-alive timeout (5 s), a kept-alive socket may be closed by the
 * server just as it is reused ("other side closed"). Browsers send such a request again on their own;
 * Node's fetch does not. Only for calls that may be repeated (PUTs, uploads stored by content hash,
 * ticks refused when repeated, a project made again).
 */
async function retried<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (err) {
      if (!(err instanceof TypeError) || attempt === 3) throw err
    }
  }
}

/** An API call that must succeed, retried as above. */
const ok = (call: () => Promise<{ status: number; body: Record<string, unknown> }>) => retried(async () => {
  const res = await call()
  if (res.status !== 200 && res.status !== 201) throw new Error(`phone board: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
})

let planJpeg: Buffer | undefined

/** What the join page leaves on a device (tour.ts giveAccess), as a storage state for a context. */
export function accessState(origin: string, projectId: string, who: Person) {
  const entry = {
    projectId, token: who.token, linkToken: who.linkToken, role: who.role, projectName: '学林苑中心花园',
    name: who.name, unit: '', participantId: who.participantId, joinedAt: Date.now(), lastOpened: Date.now(),
  }
  return {
    cookies: [],
    origins: [{
      origin,
      localStorage: [
        { name: 'commonground.projectAccess', value: JSON.stringify([entry]) },
        { name: 'commonground.participant', value: JSON.stringify({ id: 'phone' + Math.random().toString(36).slice(2, 12), name: who.name, color: '#1971c2' }) },
      ],
    }],
  }
}

export async function seedPhoneBoard(server: OurServer, browser: Browser, shapes: number, log: (l: string) => void): Promise<PhoneBoard> {
  // Made once, before any request (encoding blocks this process for seconds on a loaded machine,
  // long enough for the server to close a kept-alive socket under a request), the same plan on every board.
  const plan = (planJpeg ??= noisyJpeg(PLAN.width, PLAN.height, 7, PLAN.quality))
  // openRoom reads only the server's URL; the bench's server runs in a child process.
  // The first call after the last board's wait for unloading: the kept-alive socket may be on its way out.
  const room = await retried(() => openRoom({ url: server.url } as TestServer))
  const projectId = room.project.projectId
  const upload = await ok(() => uploadAsset(server.url, projectId, plan, room.organizer.token))
  await ok(() => room.call(room.organizer, 'PUT', '/base-plan', { src: upload.src, width: PLAN.width, height: PLAN.height }))
  await ok(() => room.call(room.organizer, 'PUT', '/scale', { metresPerUnit: 0.04 }))

  // The organizer's client puts the base plan on the board (src/measure/useBasePlan.ts), writing the
  // tldraw document and page on the way.
  const org = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', storageState: accessState(server.url, projectId, room.organizer) })
  const page = await org.newPage()
  await page.goto(`${server.url}/p/${projectId}`)
  await page.locator('.tl-image').first().waitFor({ timeout: 60_000 })
  await org.close()
  await room.moveTo('needs')

  const token = room.organizer.token
  const seeder = connectClient(server.syncUrl, projectId, { token })
  await waitFor(() => seeder.provider.synced, 'seeder synced', 30_000)
  const kv = recordsOf(seeder.doc)
  const existing = [...kv.map.values()].map((e) => e.val as { id: string; typeName: string; index?: string })
  const pageRecord = existing.find((r) => r.typeName === 'page')
  const planShape = existing.find((r) => r.id === 'shape:baseplan')
  if (!pageRecord || !planShape?.index) throw new Error('the organizer\'s visit wrote no page or no base plan')
  const srcs: string[] = []
  for (let i = 0; i < 5; i++) srcs.push((await ok(() => uploadAsset(server.url, projectId, solidPng(64, 48, [40 * i, 120, 90]), token))).src as string)
  const records = layOut(buildRecords(shapes, pageRecord.id, srcs), planShape.index)
  for (let i = 0; i < records.length; i += 500) {
    seeder.doc.transact(() => { for (const r of records.slice(i, i + 500)) kv.set(r.id, r as never) })
  }
  const check = connectClient(server.syncUrl, projectId, { token })
  await waitFor(() => check.provider.synced && check.doc.getArray('records').length >= records.length + existing.length, 'shapes stored', 120_000)
  const all = [...recordsOf(check.doc).map.values()].map((e) => e.val)
  check.destroy()
  seeder.destroy()

  const people: Person[] = [room.resident, room.committee, room.expert, room.organizer]
  for (let i = 0; i < 4; i++) people.push(await room.join(room.resident.linkToken, `居民${i + 1}`, 'resident'))
  for (let i = 0; i < NEEDS; i++) {
    // On the plan, 8 × 5, so every pin stands on it.
    const at = { x: 125 + (i % 8) * 250, y: 125 + Math.floor(i / 8) * 250 }
    const id = await addNeed(room, people[i % people.length], `需求 ${i + 1}：这里晚上太黑，需要路灯`, { ...at, categoryId: CATEGORIES[i % CATEGORIES.length] })
    for (let k = 1; k < TICKS_PER_NEED; k++) await ok(() => room.call(people[(i + k) % people.length], 'POST', `/needs/${id}/tick`))
  }
  log(`board of ${shapes} shapes: plan ${(plan.length / 1024).toFixed(0)} KiB, ${NEEDS} needs of ${TICKS_PER_NEED} ticks, ${all.length} records`)
  return { room, projectId, resident: room.resident, shapes, planBytes: plan.length, records: all }
}

/**
 * The first 300 shapes drawn on the plan (a 20 × 15 grid over its 2,000 × 1,250 units, made
 * smaller, as residents draw on a plan), the rest in rows beside it; all above the plan.
 */
function layOut(records: TLRecord[], planIndex: string): TLRecord[] {
  const shapes = records.filter((r) => r.typeName === 'shape')
  const indices = getIndicesBetween(planIndex as never, null, shapes.length)
  shapes.forEach((s, i) => {
    const shape = s as unknown as { x: number; y: number; index: string; type: string; props: Record<string, unknown> }
    shape.index = indices[i]
    if (i < ON_PLAN) {
      shape.x = 20 + (i % 20) * 100
      shape.y = 20 + Math.floor(i / 20) * 82
      if (shape.type === 'note') shape.props.scale = 0.35
      else if (shape.type === 'geo' || shape.type === 'image') shape.props = { ...shape.props, w: 80, h: 60 }
    } else {
      const j = i - ON_PLAN
      shape.x = PLAN.width + 400 + (j % 60) * 160
      shape.y = Math.floor(j / 60) * 160
    }
  })
  return records
}
