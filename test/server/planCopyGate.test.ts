/**
 * Design options drawn over the site plan: an expert's option frame holds a
 * locked copy of the base plan — an image shape of `asset:baseplan` marked `meta.cgPlanCopy`. The
 * server accepts that from the design team in the stages they draw, and nothing more: attacked with
 * stock y-websocket clients (what a tampered browser runs) on a live server, and with a hand-built
 * Yjs update given straight to the gate.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { UpdateGate, type GateSender } from '../../server/sync/UpdateGate.js'
import { tlSchema } from '../../server/sync/boardSchema.js'
import { AuthMessageType, MessageType } from '../../src/shared/protocol.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { connectClient, destroyAllClients, readRefusal, storedDoc, synced, waitFor, type Client } from './syncTestKit.js'
import { api, createLink, createProject, moveStage, type TestProject } from './workflowTestKit.js'

type Rec = Record<string, unknown> & { id: string }

const PAGE: Rec = { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }
const DOCUMENT: Rec = { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} }

function frame(id: string, x: number): Rec {
  return {
    id, typeName: 'shape', type: 'frame', parentId: 'page:page', index: 'a5', x, y: 0, rotation: 0, isLocked: false,
    opacity: 1, meta: { cgKind: 'optionFrame' }, props: { w: 800, h: 600, name: '方案 A', color: 'black' },
  }
}

function image(id: string, parentId: string, assetId: string, meta: Record<string, unknown>): Rec {
  return {
    id, typeName: 'shape', type: 'image', parentId, index: 'a1', x: 0, y: 0, rotation: 0, isLocked: true, opacity: 1, meta,
    props: { assetId, w: 800, h: 600, playing: true, url: '', crop: null, flipX: false, flipY: false, altText: '' },
  }
}

function asset(id: string, src: string, meta: Record<string, unknown> = {}): Rec {
  return {
    id, typeName: 'asset', type: 'image', meta,
    props: { name: 'plan.png', src, w: 800, h: 600, mimeType: 'image/png', isAnimated: false, fileSize: 1 },
  }
}

const COPY = { cgPlanCopy: true }

interface Person extends Client {
  records: YKeyValue<Rec>
  refusals: { code: string; reason: string }[]
}

describe('copies of the base plan in design options (live server, stock clients)', () => {
  let server: TestServer
  let project: TestProject

  beforeEach(async () => {
    server = await startTestServer()
    project = await createProject(server.url)
  })

  afterEach(async () => {
    destroyAllClients()
    await server.stop()
  })

  function connect(token: string): Person {
    const client = connectClient(server.syncUrl, project.projectId, { token })
    const refusals: Person['refusals'] = []
    client.provider.messageHandlers[MessageType.auth] = (_enc, decoder) => {
      const bytes = decoder.arr.subarray(decoder.pos)
      const message = new Uint8Array(bytes.length + 1)
      message[0] = MessageType.auth
      message.set(bytes, 1)
      if (bytes[0] === AuthMessageType.refused) refusals.push(readRefusal(message))
      decoder.pos = decoder.arr.length
    }
    return Object.assign(client, { records: new YKeyValue<Rec>(client.doc.getArray('records')), refusals })
  }

  async function person(role: 'expert' | 'resident', name: string): Promise<string> {
    const link = await createLink(server.url, project, role)
    const joined = await api(server.url, 'POST', `/api/projects/${project.projectId}/participants`, { token: link.token, body: { name } })
    expect([200, 201]).toContain(joined.status)
    return (joined.body as { token: string }).token
  }

  const stored = async () => {
    const { doc } = await storedDoc(server.running.storage, project.projectId)
    const out = new Map<string, Rec>()
    for (const e of doc.getArray<{ key: string; val: Rec }>('records').toArray()) out.set(e.key, e.val)
    return out
  }

  /** A fresh connection of `token` writes `change`; waits until the server refused it with `code`. */
  async function expectRefused(token: string, code: string, change: (p: Person) => void): Promise<void> {
    const p = connect(token)
    await synced(p)
    p.doc.transact(() => change(p))
    await waitFor(() => p.refusals.length > 0, `refusal ${code}`)
    expect(p.refusals[0].code).toBe(code)
  }

  it('accepts an expert\'s frame with a locked copy of the plan; refuses copies from others, of other images, or posing as the plan', async () => {
    const planSrc = `/api/boards/${project.projectId}/assets/plan.png`
    const o = connect(project.organizerToken)
    await synced(o)
    o.doc.transact(() => {
      o.records.set('document:document', DOCUMENT)
      o.records.set('page:page', PAGE)
      o.records.set('asset:baseplan', asset('asset:baseplan', planSrc, { cgBasePlan: true }))
      o.records.set('shape:baseplan', { ...image('shape:baseplan', 'page:page', 'asset:baseplan', { cgBasePlan: true }), index: 'a0' })
    })
    const expertToken = await person('expert', '李工')
    const residentToken = await person('resident', '王阿姨')
    expect((await moveStage(server.url, project, 'organize', 'needs')).status).toBe(200)

    // Collect needs: residents may draw, but a copy of the plan belongs to design options.
    await expectRefused(residentToken, 'board_records', (r) => r.records.set('shape:rescopy', image('shape:rescopy', 'page:page', 'asset:baseplan', COPY)))

    expect((await moveStage(server.url, project, 'needs', 'siteVisit')).status).toBe(200)
    // Site visit: the expert makes option A — a frame and, in it, the plan's own image, locked.
    const e = connect(expertToken)
    await synced(e)
    e.doc.transact(() => {
      e.records.set('shape:optionA', frame('shape:optionA', 1000))
      e.records.set('shape:copyA', image('shape:copyA', 'shape:optionA', 'asset:baseplan', COPY))
    })
    await waitFor(async () => (await stored()).has('shape:copyA'), 'the plan copy is stored')
    await waitFor(() => o.records.get('shape:copyA')?.parentId === 'shape:optionA', 'the organizer sees it in the frame')
    // …and may unlock and move it (it is the expert's own record).
    e.records.set('shape:copyA', { ...image('shape:copyA', 'shape:optionA', 'asset:baseplan', COPY), isLocked: false, x: 20 })
    await waitFor(async () => (await stored()).get('shape:copyA')?.x === 20, 'the expert moves her copy')
    expect(e.refusals).toEqual([])

    // A resident now may not draw at all, plan copy or not.
    await expectRefused(residentToken, 'read_only', (r) => r.records.set('shape:rescopy2', image('shape:rescopy2', 'shape:optionA', 'asset:baseplan', COPY)))
    // The mark on another image (a photo passed off as "the plan" under an option) is refused…
    await expectRefused(expertToken, 'invalid_record', (p) => {
      p.records.set(`asset:other`, asset('asset:other', `/api/boards/${project.projectId}/assets/other.png`))
      p.records.set('shape:fake', image('shape:fake', 'shape:optionA', 'asset:other', COPY))
    })
    // …a copy marked as the base plan itself would be the organizer's board record…
    await expectRefused(expertToken, 'board_records', (p) => p.records.set('shape:posing', image('shape:posing', 'shape:optionA', 'asset:baseplan', { ...COPY, cgBasePlan: true })))
    // …the plan's image stays the organizer's, and images still come only from this server.
    await expectRefused(expertToken, 'board_records', (p) => p.records.set('asset:baseplan', asset('asset:baseplan', `/api/boards/${project.projectId}/assets/mine.png`, { cgBasePlan: true })))
    await expectRefused(expertToken, 'bad_asset', (p) => p.records.set('asset:far', asset('asset:far', 'https://evil.example/plan.png')))

    const after = await stored()
    for (const key of ['shape:rescopy', 'shape:rescopy2', 'shape:fake', 'asset:other', 'shape:posing', 'asset:far']) expect(after.has(key)).toBe(false)
    expect(after.get('asset:baseplan')?.props).toMatchObject({ src: planSrc })
  })
})

// — The same rule against a hand-built update, given to the gate directly —

type Struct = Y.Item | Y.GC

function encodeRaw(client: number, structs: Struct[]): Uint8Array {
  const enc = new Y.UpdateEncoderV1()
  encoding.writeVarUint(enc.restEncoder, 1)
  encoding.writeVarUint(enc.restEncoder, structs.length)
  enc.writeClient(client)
  encoding.writeVarUint(enc.restEncoder, structs[0].id.clock)
  for (const s of structs) s.write(enc, 0)
  encoding.writeVarUint(enc.restEncoder, 0) // empty delete set
  return enc.toUint8Array()
}

function gateBoard() {
  const doc = new Y.Doc()
  const records = doc.getArray<{ key: string; val: unknown }>('records')
  doc.transact(() => {
    records.push([
      { key: 'document:document', val: tlSchema.types.document.create({ id: 'document:document' as never }) },
      { key: 'page:page', val: tlSchema.types.page.create({ id: 'page:page' as never, name: 'P', index: 'a1' as never }) },
    ])
  })
  const gate = new UpdateGate(doc, { maxBoardBytes: 0, writeBytesPerMinute: 0 }, new Map(), 0)
  let last = records._start!
  while (last.right) last = last.right
  return { gate, lastId: last.lastId }
}

const sender = (role: 'expert' | 'resident'): GateSender => ({ canWrite: () => true, actor: { role, participantId: `P-${role}`, linkId: `L-${role}` } })

describe('copies of the base plan in design options (crafted update, the gate alone)', () => {
  /** One crafted update appending the frame and its copy (as one struct each) to the records array. */
  function craft(lastId: Y.ID, client: number, copy: Rec): Uint8Array {
    const f = new Y.Item(Y.createID(client, 0), null, lastId, null, null, null, null,
      new Y.ContentAny([{ key: 'shape:optionA', val: frame('shape:optionA', 1000) }]))
    const c = new Y.Item(Y.createID(client, 1), null, Y.createID(client, 0), null, null, null, null, new Y.ContentAny([{ key: copy.id, val: copy }]))
    return encodeRaw(client, [f, c])
  }

  it('applies an expert\'s frame with its plan copy, refuses a resident\'s and a copy of another upload', () => {
    const expert = gateBoard()
    expect(expert.gate.judge(sender('expert'), {}, craft(expert.lastId, 9001, image('shape:copy', 'shape:optionA', 'asset:baseplan', COPY))))
      .toMatchObject({ kind: 'apply' })

    const resident = gateBoard()
    expect(resident.gate.judge(sender('resident'), {}, craft(resident.lastId, 9002, image('shape:copy', 'shape:optionA', 'asset:baseplan', COPY))))
      .toMatchObject({ kind: 'refuse', code: 'board_records' })

    const other = gateBoard()
    expect(other.gate.judge(sender('expert'), {}, craft(other.lastId, 9003, image('shape:copy', 'shape:optionA', 'asset:photo', COPY))))
      .toMatchObject({ kind: 'refuse', code: 'invalid_record' })
    // The mark is not a way around the shape's own validators either (a text shape wearing it).
    const text = gateBoard()
    expect(text.gate.judge(sender('expert'), {}, craft(text.lastId, 9004, { ...frame('shape:copy', 0), parentId: 'shape:optionA', meta: COPY })))
      .toMatchObject({ kind: 'refuse', code: 'invalid_record' })
  })
})
