/**
 * Who may change which records, checked before an update is applied, and refused clients, attacked as a hostile link holder would: stock y-websocket clients
 * (the same code a tampered browser runs) writing straight into a project board's Y.Doc. Every
 * refused update must change nothing stored, reach nobody, and tell its sender why.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import type { Config } from '../../server/config.js'
import { AuthMessageType, MessageType } from '../../src/shared/protocol.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { connectClient, destroyAllClients, readRefusal, storedDoc, synced, waitFor, type Client } from './syncTestKit.js'
import { api, createLink, createProject, moveStage, type TestProject } from './workflowTestKit.js'

type Rec = Record<string, unknown> & { id: string }

function geo(id: string, x: number, text = '', extra: Partial<Rec> = {}): Rec {
  return {
    id, typeName: 'shape', type: 'geo', parentId: 'page:page', index: `a${Math.floor(x) % 9 + 1}`,
    x, y: 100, rotation: 0, isLocked: false, opacity: 1, meta: {},
    props: {
      geo: 'rectangle', w: 200, h: 140, color: 'black', labelColor: 'black', fill: 'none', dash: 'draw', size: 'm',
      font: 'draw', align: 'middle', verticalAlign: 'middle', growY: 0, url: '', scale: 1, flipX: false, flipY: false,
      richText: { type: 'doc', content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }] },
    },
    ...extra,
  }
}

const PAGE: Rec = { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }
const DOCUMENT: Rec = { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} }

interface Person extends Client {
  records: YKeyValue<Rec>
  refusals: { code: string; reason: string }[]
}

describe('who may change what on a project board (the server decides)', () => {
  let server: TestServer
  let project: TestProject

  async function start(overrides: Partial<Config> = {}): Promise<void> {
    server = await startTestServer(overrides)
    project = await createProject(server.url)
  }

  afterEach(async () => {
    destroyAllClients()
    await server.stop()
  })

  /** A stock y-websocket client whose refusals (auth sub-type `refused`) are recorded. */
  function connect(token: string): Person {
    const client = connectClient(server.syncUrl, project.projectId, { token })
    const refusals: Person['refusals'] = []
    // y-websocket keeps a handler table per provider; ours records what the stock one only logs.
    client.provider.messageHandlers[MessageType.auth] = (_enc, decoder) => {
      const bytes = decoder.arr.subarray(decoder.pos)
      const frame = new Uint8Array(bytes.length + 1)
      frame[0] = MessageType.auth
      frame.set(bytes, 1)
      if (bytes[0] === AuthMessageType.refused) refusals.push(readRefusal(frame))
      decoder.pos = decoder.arr.length
    }
    return Object.assign(client, { records: new YKeyValue<Rec>(client.doc.getArray('records')), refusals })
  }

  async function person(role: 'expert' | 'committee' | 'resident', name: string): Promise<{ token: string; participantId: string; linkToken: string }> {
    const link = await createLink(server.url, project, role)
    const joined = await api(server.url, 'POST', `/api/projects/${project.projectId}/participants`, { token: link.token, body: { name } })
    expect([200, 201]).toContain(joined.status)
    const body = joined.body as { token: string; participant: { id: string } }
    return { token: body.token, participantId: body.participant.id, linkToken: link.token }
  }

  const storedRecords = async () => {
    const { doc } = await storedDoc(server.running.storage, project.projectId)
    const out = new Map<string, Rec>()
    for (const e of doc.getArray<{ key: string; val: Rec }>('records').toArray()) out.set(e.key, e.val)
    return { records: out, meta: doc.getMap('meta').toJSON(), owners: doc.getMap('owners').toJSON() as Record<string, { p: string | null; r: string }> }
  }

  /** Write `change` as `p` and wait until the server has refused it with `code`. */
  async function expectRefused(p: Person, code: string, change: () => void): Promise<void> {
    const before = p.refusals.length
    p.doc.transact(change)
    await waitFor(() => p.refusals.length > before, `refusal ${code}`)
    expect(p.refusals[before].code).toBe(code)
  }

  /** An organizer's board in Collect needs: document, page, the base plan and an expert's design option. */
  async function seededBoard() {
    const expert = await person('expert', '李工')
    const o = connect(project.organizerToken)
    await synced(o)
    o.doc.transact(() => {
      o.records.set('document:document', DOCUMENT)
      o.records.set('page:page', PAGE)
      o.records.set('asset:baseplan', {
        id: 'asset:baseplan', typeName: 'asset', type: 'image', meta: { cgBasePlan: true },
        props: { name: '底图', src: `/api/boards/${project.projectId}/assets/plan.png`, w: 800, h: 600, mimeType: 'image/png', isAnimated: false, fileSize: 1 },
      })
      o.records.set('shape:baseplan', {
        id: 'shape:baseplan', typeName: 'shape', type: 'image', parentId: 'page:page', index: 'a0', x: 0, y: 0, rotation: 0,
        isLocked: true, opacity: 1, meta: { cgBasePlan: true },
        props: { assetId: 'asset:baseplan', w: 800, h: 600, playing: true, url: '', crop: null, flipX: false, flipY: false, altText: '' },
      })
    })
    const e = connect(expert.token)
    await synced(e)
    e.records.set('shape:optionA', geo('shape:optionA', 300, '方案A'))
    await waitFor(async () => (await storedRecords()).records.has('shape:optionA'), 'expert option stored')
    expect((await moveStage(server.url, project, 'organize', 'needs')).status).toBe(200)
    return { o, e, expert }
  }

  describe('with default limits', () => {
    beforeEach(async () => { await start() })

    it('records who made each shape on the server; a resident changes her own work and nothing of anyone else\'s', async () => {
      const { o, expert } = await seededBoard()
      const resident = await person('resident', '王阿姨')
      const r = connect(resident.token)
      await synced(r)

      r.records.set('shape:mine', geo('shape:mine', 50, '想要座椅'))
      await waitFor(() => o.records.has('shape:mine'), 'her shape reaches the organizer')
      r.records.set('shape:mine', geo('shape:mine', 80, '想要座椅'))
      await waitFor(() => o.records.get('shape:mine')?.x === 80, 'she moves her own shape')
      const stored = await storedRecords()
      // Who made what comes from the connection's token, never from the client.
      expect(stored.owners['shape:mine']).toMatchObject({ p: resident.participantId, r: 'resident' })
      expect(stored.owners['shape:optionA']).toMatchObject({ p: expert.participantId, r: 'expert' })
      expect(r.refusals).toEqual([])

      await expectRefused(r, 'not_yours', () => r.records.set('shape:optionA', geo('shape:optionA', 999, '方案A')))
      const r2 = connect(resident.token)
      await synced(r2)
      await expectRefused(r2, 'not_yours', () => r2.records.delete('shape:optionA'))
      // Nor stick the expert's option to her own shape with a binding hung off it.
      const rb = connect(resident.token)
      await synced(rb)
      await expectRefused(rb, 'not_yours', () => rb.records.set('binding:stick', {
        id: 'binding:stick', typeName: 'binding', type: 'arrow', fromId: 'shape:optionA', toId: 'shape:mine', meta: {},
        props: { terminal: 'end', normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
      }))
      const r3 = connect(resident.token)
      await synced(r3)
      // Claiming someone else's shape by writing the owners map is not a board edit at all.
      await expectRefused(r3, 'not_board_format', () => r3.doc.getMap('owners').set('shape:optionA', { p: resident.participantId, l: 'x', r: 'resident' }))

      const after = await storedRecords()
      expect(after.records.get('shape:optionA')?.x).toBe(300)
      expect(after.owners['shape:optionA']).toMatchObject({ p: expert.participantId })
      expect(o.records.get('shape:optionA')?.x).toBe(300)
    })

    it('keeps the base plan, the pages and the schema the organizer\'s: a resident cannot freeze or strip the board', async () => {
      const { o } = await seededBoard()
      const resident = await person('resident', '赵大爷')
      const attacks: [string, (p: Person) => void][] = [
        ['board_records', (p) => p.doc.getMap('meta').set('schema', { schemaVersion: 2, sequences: { 'com.tldraw.shape': 999 } })],
        ['board_records', (p) => p.records.delete('shape:baseplan')],
        ['bad_asset', (p) => {
          const asset = p.records.get('asset:baseplan')!
          p.records.set('asset:baseplan', { ...asset, props: { ...(asset.props as object), src: 'data:image/png;base64,AAAA' } })
        }],
        ['board_records', (p) => p.records.set('page:page', { ...PAGE, name: '已删除' })],
        ['board_records', (p) => p.records.set('shape:fakeplan', geo('shape:fakeplan', 10, '', { meta: { cgBasePlan: true } }))],
        ['bad_asset', (p) => p.records.set('asset:mine', {
          id: 'asset:mine', typeName: 'asset', type: 'image', meta: {},
          props: { name: 'x', src: 'https://cdn.example.com/x.png', w: 1, h: 1, mimeType: 'image/png', isAnimated: false, fileSize: 1 },
        })],
        ['invalid_record', (p) => p.records.set('shape:blob', geo('shape:blob', 10, '', { props: { geo: 'blob' } }))],
        ['invalid_record', (p) => p.records.set('camera:x', { id: 'camera:x', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} })],
      ]
      for (const [code, attack] of attacks) {
        // A refused client id may never write again (its later edits would build on refused ones):
        // each attack comes from a fresh client, as our browser starts over after a refusal.
        const r = connect(resident.token)
        await synced(r)
        await expectRefused(r, code, () => attack(r))
      }

      const stored = await storedRecords()
      expect(stored.records.has('shape:baseplan')).toBe(true)
      expect((stored.records.get('asset:baseplan')?.props as { src: string }).src).toMatch(/^\/api\/boards\//)
      expect(stored.records.get('page:page')?.name).toBe('Page 1')
      expect(stored.records.has('shape:fakeplan')).toBe(false)
      expect(JSON.stringify(stored.meta)).not.toContain('999')
      // The organizer's browser saw none of it, and can still work.
      expect(JSON.stringify(o.doc.getMap('meta').toJSON())).not.toContain('999')
      expect(o.records.has('shape:baseplan')).toBe(true)
      o.records.set('page:page', { ...PAGE, name: '中心花园' })
      await waitFor(async () => (await storedRecords()).records.get('page:page')?.name === '中心花园', 'organizer still changes the page')
    })

    it('seeds a never-opened project board itself, so a read-only first visitor is refused nothing', async () => {
      const resident = await person('resident', '吴阿姨')
      const r = connect(resident.token)
      await synced(r)
      // What a browser does on an empty board: create tldraw's document and page (here: only if missing).
      if (!r.records.has('document:document')) r.doc.transact(() => { r.records.set('document:document', DOCUMENT); r.records.set('page:page', PAGE) })
      expect(r.records.get('document:document')?.typeName).toBe('document')
      expect(r.records.get('page:page')?.typeName).toBe('page')
      expect(JSON.stringify(r.doc.getMap('meta').toJSON())).toContain('com.tldraw.shape')
      const stored = await storedRecords()
      expect(stored.records.has('document:document')).toBe(true)
      await new Promise((ok) => setTimeout(ok, 200))
      expect(r.refusals).toEqual([])
    })

    it('repairs a board whose schema label was damaged before the server checked updates', async () => {
      // As the board was left by the attack above: valid records under a made-up future schema.
      const damaged = new Y.Doc()
      const kv = new YKeyValue<Rec>(damaged.getArray('records'))
      damaged.transact(() => {
        kv.set('document:document', DOCUMENT)
        kv.set('page:page', PAGE)
        kv.set('shape:optionA', geo('shape:optionA', 300, '方案A'))
        damaged.getMap('meta').set('schema', { schemaVersion: 2, sequences: { 'com.tldraw.shape': 999 } })
      })
      await server.running.storage.appendUpdates(project.projectId, [Y.encodeStateAsUpdate(damaged)])
      const o = connect(project.organizerToken)
      await synced(o)
      await waitFor(() => !JSON.stringify(o.doc.getMap('meta').toJSON()).includes('999'), 'schema label repaired on load')
      expect(o.records.get('shape:optionA')?.x).toBe(300)
      await waitFor(async () => !JSON.stringify((await storedRecords()).meta).includes('999'), 'repair stored')
    })

    it('never lands edits made while read-only: not after the stage opens, a reconnect or a restart', async () => {
      const expert = await person('expert', '周工')
      const e = connect(expert.token)
      await synced(e)
      // The server has seeded the board's document and page (only the organizer may change them).
      e.records.set('shape:optionB', geo('shape:optionB', 400, '方案B'))
      const resident = await person('resident', '钱阿姨')
      const r = connect(resident.token)
      await synced(r)
      await waitFor(() => r.records.has('shape:optionB'), 'resident sees the option')
      // A tampered client in 组织搭平台 deletes the expert's shape and adds one of its own.
      await expectRefused(r, 'read_only', () => {
        r.records.delete('shape:optionB')
        r.records.set('shape:sneaky', geo('shape:sneaky', 5))
      })
      expect((await moveStage(server.url, project, 'organize', 'needs')).status).toBe(200)
      // After the move the server asks the connection for what it lacks; the client sends it again.
      await waitFor(() => r.refusals.some((x) => x.code === 'refused_before'), 'sent again after the move, refused again')
      r.provider.disconnect()
      void r.provider.connect()
      await synced(r)
      await waitFor(() => r.refusals.filter((x) => x.code === 'refused_before').length >= 2, 'refused again after a reconnect')
      // After a restart (a new port): the same edits, carried by a new connection, still refused.
      await server.restart()
      const carrier = connect(resident.token)
      Y.applyUpdate(carrier.doc, Y.encodeStateAsUpdate(r.doc))
      await synced(carrier)
      await waitFor(() => carrier.refusals.some((x) => x.code === 'refused_before'), 'refused again after a restart')

      const stored = await storedRecords()
      expect(stored.records.has('shape:optionB')).toBe(true)
      expect(stored.records.has('shape:sneaky')).toBe(false)
      // A fresh start from the same link writes in the open stage.
      const fresh = connect(resident.token)
      await synced(fresh)
      fresh.records.set('shape:need', geo('shape:need', 20, '遮阳'))
      await waitFor(async () => (await storedRecords()).records.has('shape:need'), 'fresh client writes')
      expect(fresh.refusals).toEqual([])
    })
  })

  it('caps the bytes one connection writes per minute and the board\'s size; the writer is told, the others keep working', async () => {
    await start({ writeBytesPerMinute: 200_000, maxBoardBytes: 600_000 })
    const { o } = await seededBoard()
    const resident = await person('resident', '孙阿姨')
    const r = connect(resident.token)
    await synced(r)
    await expectRefused(r, 'too_much_data', () => r.records.set('shape:huge', geo('shape:huge', 1, '很'.repeat(100_000))))

    // Many people each within their own minute's budget still cannot grow the board past its cap.
    let full = false
    for (let i = 0; i < 8 && !full; i++) {
      const p = connect(resident.token)
      await synced(p)
      const before = p.refusals.length
      p.records.set(`shape:big${i}`, geo(`shape:big${i}`, i, '大'.repeat(40_000)))
      await waitFor(async () => p.refusals.length > before || (await storedRecords()).records.has(`shape:big${i}`), `big ${i} handled`)
      if (p.refusals.length > before) {
        expect(p.refusals[before].code).toBe('board_full')
        full = true
      }
    }
    expect(full).toBe(true)
    const { doc } = await storedDoc(server.running.storage, project.projectId)
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeLessThanOrEqual(600_000)
    expect((await storedRecords()).records.has('shape:huge')).toBe(false)
    // Everyone else keeps working: a small change and a deletion still go through.
    o.records.set('shape:note', geo('shape:note', 7, '好'))
    o.records.delete('shape:big0')
    await waitFor(async () => {
      const s = await storedRecords()
      return s.records.has('shape:note') && !s.records.has('shape:big0')
    }, 'the organizer still writes on a full board')
    // Room made by deleting is room again: a big write that did not fit before now goes through.
    o.records.set('shape:again', geo('shape:again', 9, '大'.repeat(40_000)))
    await waitFor(async () => (await storedRecords()).records.has('shape:again'), 'a big write after a deletion')
  })
})
