/**
 * Hand-built Yjs updates that a stock client never sends but a crafted one can (found in a review of
 * the update gate): each must be refused by the gate before anything of it reaches the board, whatever
 * order, chain or struct type it uses. Structs are written with Yjs's own encoder.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { UpdateGate, type GateSender } from '../../server/sync/UpdateGate.js'
import { tlSchema } from '../../server/sync/boardSchema.js'

type Struct = Y.Item | Y.GC
/** A root named by its key, as the update encoding carries it (Yjs's types only know live types here). */
const root = (name: string) => name as unknown as Y.AbstractType<unknown>

function encodeRaw(byClient: [number, Struct[]][]): Uint8Array {
  const enc = new Y.UpdateEncoderV1()
  encoding.writeVarUint(enc.restEncoder, byClient.length)
  for (const [client, structs] of byClient) {
    encoding.writeVarUint(enc.restEncoder, structs.length)
    enc.writeClient(client)
    encoding.writeVarUint(enc.restEncoder, structs[0].id.clock)
    for (const s of structs) s.write(enc, 0)
  }
  encoding.writeVarUint(enc.restEncoder, 0) // empty delete set
  return enc.toUint8Array()
}

const resident: GateSender = { canWrite: () => true, actor: { role: 'resident', participantId: 'P-res', linkId: 'L-res' } }
const GOOD_ASSET = {
  id: 'asset:mine', typeName: 'asset', type: 'image', meta: {},
  props: { name: 'a.png', src: '/api/boards/abcdefgh/assets/a.png', w: 10, h: 10, mimeType: 'image/png', isAnimated: false, fileSize: 1 },
}

/** A project board as the server holds it: document, page, and an organizer's shape with its owner stamp. */
function board() {
  const doc = new Y.Doc()
  const records = doc.getArray<{ key: string; val: unknown }>('records')
  const owners = doc.getMap('owners')
  doc.transact(() => {
    records.push([
      { key: 'document:document', val: tlSchema.types.document.create({ id: 'document:document' as never }) },
      { key: 'page:page', val: tlSchema.types.page.create({ id: 'page:page' as never, name: 'P', index: 'a1' as never }) },
    ])
    owners.set('shape:victim', { p: 'P-org', l: 'L-org', r: 'organizer' })
  })
  const gate = new UpdateGate(doc, { maxBoardBytes: 0, writeBytesPerMinute: 0 }, new Map(), 0)
  let last = records._start!
  while (last.right) last = last.right
  return { doc, records, owners, gate, lastId: last.lastId }
}

describe('crafted updates the gate refuses', () => {
  it('checks every value a key gets, not only the last one in the update', () => {
    const { gate, lastId } = board()
    const C = 4242
    const bad = { ...GOOD_ASSET, props: { ...GOOD_ASSET.props, src: 'https://evil.example/track.png' } }
    // The bad value lands to the right (it wins in the doc) while the good one comes later in the update.
    const first = new Y.Item(Y.createID(C, 0), null, lastId, null, null, null, null, new Y.ContentAny([{ key: 'asset:mine', val: bad }]))
    const second = new Y.Item(Y.createID(C, 1), null, lastId, null, Y.createID(C, 0), null, null, new Y.ContentAny([{ key: 'asset:mine', val: GOOD_ASSET }]))
    const v = gate.judge(resident, {}, encodeRaw([[C, [first, second]]]))
    expect(v).toMatchObject({ kind: 'refuse', code: 'bad_asset' })
  })

  it('refuses a deleted item placed in `owners` that would erase someone\'s owner stamp', () => {
    const { gate, owners } = board()
    const stamp = (owners as unknown as { _map: Map<string, Y.Item> })._map.get('shape:victim')!
    const item = new Y.Item(Y.createID(777001, 0), null, stamp.lastId, null, null, null, null, new Y.ContentDeleted(1))
    expect(gate.judge(resident, {}, encodeRaw([[777001, [item]]]))).toMatchObject({ kind: 'refuse', code: 'not_board_format' })
    expect(owners.get('shape:victim')).toMatchObject({ p: 'P-org' })
  })

  it('refuses a record hidden at the end of a long chain of new items', () => {
    const { gate, lastId } = board()
    const C = 777002
    const items: Struct[] = []
    let origin = lastId
    for (let i = 0; i < 2_000; i++) {
      const it = new Y.Item(Y.createID(C, i), null, origin, null, null, null, null, new Y.ContentDeleted(1))
      items.push(it)
      origin = it.id
    }
    items.push(new Y.Item(Y.createID(C, 2_000), null, origin, null, null, null, null,
      new Y.ContentAny([{ key: 'shape:victim', val: { id: 'shape:victim', typeName: 'shape', note: 'not a record' } }])))
    expect(gate.judge(resident, {}, encodeRaw([[C, items]]))).toMatchObject({ kind: 'refuse' })
  })

  it('refuses an item that follows a later item of its own client (Yjs would fail half-way)', () => {
    const { gate } = board()
    const C = 9001
    const c0 = new Y.Item(Y.createID(C, 0), null, Y.createID(C, 1), null, null, null, null, new Y.ContentAny([1]))
    const c1 = new Y.Item(Y.createID(C, 1), null, null, null, null, root('x'), null, new Y.ContentAny([2]))
    expect(gate.judge(resident, {}, encodeRaw([[C, [c0, c1]]]))).toMatchObject({ kind: 'refuse', code: 'not_board_format' })
  })

  it('refuses sub-documents, and an update with thousands of client ids without remembering them all', () => {
    const { gate } = board()
    const sub = new Y.Item(Y.createID(5150, 0), null, null, null, null, root('y'), null, new Y.ContentDoc(new Y.Doc({ guid: 'g0' })))
    expect(gate.judge(resident, {}, encodeRaw([[5150, [sub]]]))).toMatchObject({ kind: 'refuse', code: 'not_board_format' })

    const viewer: GateSender = { canWrite: () => false, actor: resident.actor }
    const many: [number, Struct[]][] = []
    for (let c = 1000; c < 21_000; c++) many.push([c, [new Y.GC(Y.createID(c, 0), 1)]])
    const before = gate.refused.size
    expect(gate.judge(viewer, {}, encodeRaw(many))).toMatchObject({ kind: 'refuse' })
    expect(gate.refused.size - before).toBeLessThanOrEqual(1)
  })

  it('judges a chain of 40,000 new items of one client (refused by the usual rules)', () => {
    // 40,000 items each placed after the previous one: the lookup of each neighbour is a binary
    // search, so this is judged (and refused: 'x' is not the board's) rather than blocking the server.
    const { gate } = board()
    const C = 31337
    const items: Struct[] = []
    let origin: Y.ID | null = null
    for (let i = 0; i < 40_000; i++) {
      const it: Y.Item = new Y.Item(Y.createID(C, i), null, origin, null, null, origin ? null : root('x'), null, new Y.ContentAny([1]))
      items.push(it)
      origin = it.id
    }
    const v = gate.judge({ canWrite: () => false, actor: resident.actor }, {}, encodeRaw([[C, items]]))
    expect(v).toMatchObject({ kind: 'refuse', code: 'read_only' })
  })
})
