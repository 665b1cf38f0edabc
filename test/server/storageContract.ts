/**
 * What every engine behind server/storage/Storage.ts must do, as one test suite: storageContract.test.ts
 * runs it against SQLite and PostgreSQL. It speaks only through the interface (and, for the audit
 * log, which the interface writes but does not read, through `audit`); an engine's own matters
 * (files, pragmas, migrations, several instances) are tested next to its suite.
 *
 *   describeStorageContract('MyStorage', async () => ({ storage, reopen, destroy, audit }))
 *
 * Every compaction here passes a state that holds everything stored for the board, as the sync
 * layer does: an engine shared by several instances merges what is stored into it, one that is the
 * board's only writer replaces it, and both must then give the same answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Storage, UpdateAuthor } from '../../server/storage/Storage.js'

export interface StorageUnderTest {
  /** An open, empty store. */
  storage: Storage
  /** Close the store and open the same data again (what a server restart does). */
  reopen(): Promise<Storage>
  /** Close whatever is open and remove the data. */
  destroy(): Promise<void>
  /** The board's audit rows, oldest first (read straight from the engine's tables). */
  audit(boardId: string): Promise<AuditRow[]>
}

export interface AuditRow {
  kind: string
  linkId: string | null
  participantId: string | null
  updates: number
  bytes: number
}

/** The state of a doc that has applied `updates` in order. */
export function stateOf(...updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc()
  for (const u of updates) Y.applyUpdate(doc, u)
  return Y.encodeStateAsUpdate(doc)
}

/** A Yjs update that sets `key` in map `m`, made by a doc of its own. */
export function update(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

export function materialise(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Record<string, unknown> {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const u of stored.updates) Y.applyUpdate(doc, u)
  return doc.getMap('m').toJSON()
}

/** Bytes as a plain array, so that equality ignores the view type (Buffer or Uint8Array) and offsets. */
function plain(bytes: Uint8Array | null): number[] | null {
  return bytes && Array.from(bytes)
}

/** Byte-for-byte equality of large arrays (a deep toEqual of millions of elements takes minutes). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0
}

/** Pseudo-random bytes (not a Yjs update: storage keeps what it is given without reading it). */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n)
  let x = seed >>> 0 || 1
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0
    x ^= x >>> 17
    x ^= x << 5; x >>>= 0
    out[i] = x & 0xff
  }
  return out
}

const alice: UpdateAuthor = { kind: 'edit', linkId: 'link-a', participantId: 'p-alice' }
const restore: UpdateAuthor = { kind: 'restore', linkId: 'link-o', participantId: null }

export function describeStorageContract(name: string, open: () => Promise<StorageUnderTest>): void {
  describe(`${name} keeps the Storage contract`, () => {
    let under: StorageUnderTest
    let storage: Storage

    beforeEach(async () => {
      under = await open()
      storage = under.storage
    })

    afterEach(async () => {
      await under.destroy()
    })

    async function board(id: string): Promise<string> {
      await storage.createBoard({ id, name: id, createdAt: 1 })
      return id
    }

    describe('boards', () => {
      it('stores a board as given and counts them', async () => {
        expect(await storage.countBoards()).toBe(0)
        await storage.createBoard({ id: 'board-0001', name: '社区花园 · Garden 🌱', createdAt: 1_700_000_000_123 })
        await storage.createBoard({ id: 'board-0002', name: '', createdAt: 0 })
        expect(await storage.getBoard('board-0001')).toEqual({ id: 'board-0001', name: '社区花园 · Garden 🌱', createdAt: 1_700_000_000_123 })
        expect(await storage.getBoard('board-0002')).toEqual({ id: 'board-0002', name: '', createdAt: 0 })
        expect(await storage.countBoards()).toBe(2)
      })

      it('answers undefined for a board it does not have', async () => {
        expect(await storage.getBoard('nope-0001')).toBeUndefined()
      })

      it('refuses a second board with the same id and keeps the first', async () => {
        await storage.createBoard({ id: 'board-0001', name: 'first', createdAt: 1 })
        await expect(storage.createBoard({ id: 'board-0001', name: 'again', createdAt: 2 })).rejects.toThrow(/already exists/)
        expect(await storage.getBoard('board-0001')).toEqual({ id: 'board-0001', name: 'first', createdAt: 1 })
        expect(await storage.countBoards()).toBe(1)
      })
    })

    describe('a board document', () => {
      it('is empty for a new board: no snapshot, no updates', async () => {
        await board('board-0001')
        expect(await storage.loadDoc('board-0001')).toEqual({ snapshot: null, updates: [] })
      })

      it('gives back appended updates byte for byte, in the order they were appended, across calls', async () => {
        await board('board-0001')
        const sent = [update('a', 1), update('b', 2), noise(3, 7), update('c', 3), noise(1, 9)]
        await storage.appendUpdates('board-0001', sent.slice(0, 2))
        await storage.appendUpdates('board-0001', [sent[2]])
        await storage.appendUpdates('board-0001', sent.slice(3))
        const got = await storage.loadDoc('board-0001')
        expect(got.snapshot).toBeNull()
        expect(got.updates.map(plain)).toEqual(sent.map(plain))
        for (const u of got.updates) expect(u).toBeInstanceOf(Uint8Array)
      })

      it('keeps many small updates in order (a drag at 60 updates a second)', async () => {
        await board('board-0001')
        const doc = new Y.Doc()
        const sent: Uint8Array[] = []
        doc.on('update', (u: Uint8Array) => sent.push(u))
        for (let i = 0; i < 500; i++) doc.getMap('m').set('x', i)
        for (let i = 0; i < sent.length; i += 7) await storage.appendUpdates('board-0001', sent.slice(i, i + 7))
        const got = await storage.loadDoc('board-0001')
        expect(got.updates.map(plain)).toEqual(sent.map(plain))
        expect(materialise(got)).toEqual({ x: 499 })
      })

      it('changes nothing when asked to append no updates', async () => {
        await board('board-0001')
        await storage.appendUpdates('board-0001', [update('a', 1)])
        await storage.appendUpdates('board-0001', [])
        expect((await storage.loadDoc('board-0001')).updates).toHaveLength(1)
      })

      it('keeps a large update (8 MB) and a large snapshot intact', async () => {
        await board('board-0001')
        const doc = new Y.Doc()
        doc.getMap('m').set('big', noise(8 * 1024 * 1024, 42))
        const big = Y.encodeStateAsUpdate(doc)
        await storage.appendUpdates('board-0001', [big])
        const stored = await storage.loadDoc('board-0001')
        expect(stored.updates).toHaveLength(1)
        expect(sameBytes(stored.updates[0], big)).toBe(true)
        doc.getMap('m').set('bigger', noise(9 * 1024 * 1024, 43))
        const bigger = Y.encodeStateAsUpdate(doc)
        await storage.compact('board-0001', bigger)
        const got = await storage.loadDoc('board-0001')
        expect(got.updates).toEqual([])
        expect(got.snapshot && sameBytes(got.snapshot, bigger)).toBe(true)
      })

      it('refuses updates for a board that does not exist, and stores nothing for it', async () => {
        await expect(storage.appendUpdates('ghost-0001', [update('x', 1)])).rejects.toThrow()
        expect(await storage.getBoard('ghost-0001')).toBeUndefined()
      })

      it('keeps each board apart', async () => {
        await board('board-000a')
        await board('board-000b')
        const x = update('x', 1)
        await storage.appendUpdates('board-000a', [x])
        await storage.appendUpdates('board-000b', [update('y', 2)])
        await storage.compact('board-000a', stateOf(x, update('z', 3)))
        expect(materialise(await storage.loadDoc('board-000a'))).toEqual({ x: 1, z: 3 })
        expect(materialise(await storage.loadDoc('board-000b'))).toEqual({ y: 2 })
        expect((await storage.loadDoc('board-000b')).snapshot).toBeNull()
      })

      it('takes writes to different boards at the same time', async () => {
        const ids = ['board-000a', 'board-000b', 'board-000c', 'board-000d']
        for (const id of ids) await board(id)
        const first = ids.map((id, i) => update(id, i))
        await Promise.all(ids.map((id, i) => storage.appendUpdates(id, [first[i]])))
        await Promise.all(ids.map((id, i) => storage.compact(id, stateOf(first[i], update(`${id}+`, i + 10)))))
        await Promise.all(ids.map((id, i) => storage.appendUpdates(id, [update('after', i)])))
        for (const [i, id] of ids.entries()) expect(materialise(await storage.loadDoc(id))).toEqual({ [id]: i, [`${id}+`]: i + 10, after: i })
      })
    })

    describe('compaction', () => {
      it('replaces the updates by the snapshot it is given; later updates come after it', async () => {
        await board('board-0001')
        await storage.appendUpdates('board-0001', [update('a', 1), update('b', 2)])
        const before = await storage.loadDoc('board-0001')
        const doc = new Y.Doc()
        for (const u of before.updates) Y.applyUpdate(doc, u)
        const state = Y.encodeStateAsUpdate(doc)
        await storage.compact('board-0001', state)
        const after = await storage.loadDoc('board-0001')
        expect(after.updates).toEqual([])
        expect(plain(after.snapshot)).toEqual(plain(state))
        const d = update('d', 4)
        await storage.appendUpdates('board-0001', [d])
        const later = await storage.loadDoc('board-0001')
        expect(plain(later.snapshot)).toEqual(plain(state))
        expect(later.updates.map(plain)).toEqual([plain(d)])
        expect(materialise(later)).toEqual({ a: 1, b: 2, d: 4 })
      })

      it('keeps only the latest snapshot', async () => {
        await board('board-0001')
        const first = update('first', 1)
        await storage.compact('board-0001', first)
        const second = stateOf(first, update('second', 2))
        await storage.compact('board-0001', second)
        const got = await storage.loadDoc('board-0001')
        expect(plain(got.snapshot)).toEqual(plain(second))
        expect(materialise(got)).toEqual({ first: 1, second: 2 })
      })

      it('makes a snapshot of a board that had no updates', async () => {
        await board('board-0001')
        await storage.compact('board-0001', update('a', 1))
        expect(materialise(await storage.loadDoc('board-0001'))).toEqual({ a: 1 })
      })

      it('takes updates folded into the snapshot, with or without authors, without keeping them as updates', async () => {
        await board('board-0001')
        const a = update('a', 1)
        await storage.appendUpdates('board-0001', [a], [alice])
        const folded = [update('b', 2), update('c', 3)]
        const doc = new Y.Doc()
        for (const u of [a, ...folded]) Y.applyUpdate(doc, u)
        await storage.compact('board-0001', Y.encodeStateAsUpdate(doc), { updates: folded, authors: [alice, undefined] })
        await storage.compact('board-0001', Y.encodeStateAsUpdate(doc), { updates: folded })
        const got = await storage.loadDoc('board-0001')
        expect(got.updates).toEqual([])
        expect(materialise(got)).toEqual({ a: 1, b: 2, c: 3 })
      })
    })

    describe('authors', () => {
      it('stores updates with authors (edits, restores, nobody) exactly like updates without', async () => {
        await board('board-0001')
        const sent = [update('a', 1), update('b', 2), update('c', 3)]
        await storage.appendUpdates('board-0001', sent, [alice, undefined, restore])
        await storage.appendUpdates('board-0001', [update('d', 4)], [{ kind: 'edit', linkId: null, participantId: null }])
        const got = await storage.loadDoc('board-0001')
        expect(got.updates.slice(0, 3).map(plain)).toEqual(sent.map(plain))
        expect(materialise(got)).toEqual({ a: 1, b: 2, c: 3, d: 4 })
      })

      it('writes one audit run per author while they keep editing, a row per restore, none for nobody', async () => {
        await board('board-0001')
        const bob: UpdateAuthor = { kind: 'edit', linkId: 'link-b', participantId: 'p-bob' }
        const [a, b, c, d, e] = [update('a', 1), update('b', 2), update('c', 3), update('d', 4), update('e', 5)]
        await storage.appendUpdates('board-0001', [a, b, c], [alice, undefined, restore])
        await storage.appendUpdates('board-0001', [d], [alice])
        await storage.appendUpdates('board-0001', [e], [bob])
        const folded = update('f', 6)
        await storage.compact('board-0001', stateOf(a, b, c, d, e, folded), { updates: [folded], authors: [alice] })
        expect(await under.audit('board-0001')).toEqual([
          { kind: 'edit', linkId: 'link-a', participantId: 'p-alice', updates: 3, bytes: a.byteLength + d.byteLength + folded.byteLength },
          { kind: 'restore', linkId: 'link-o', participantId: null, updates: 1, bytes: c.byteLength },
          { kind: 'edit', linkId: 'link-b', participantId: 'p-bob', updates: 1, bytes: e.byteLength },
        ])
      })

      it('counts one author\'s updates spread through a batch in one run, between others\' rows', async () => {
        await board('board-0001')
        const bob: UpdateAuthor = { kind: 'edit', linkId: 'link-b', participantId: 'p-bob' }
        const sent = [update('a', 1), update('b', 2), update('c', 3), update('d', 4), update('e', 5)]
        await storage.appendUpdates('board-0001', sent, [alice, bob, alice, restore, alice])
        const bytes = (...i: number[]) => i.reduce((n, k) => n + sent[k].byteLength, 0)
        expect(await under.audit('board-0001')).toEqual([
          { kind: 'edit', linkId: 'link-a', participantId: 'p-alice', updates: 3, bytes: bytes(0, 2, 4) },
          { kind: 'edit', linkId: 'link-b', participantId: 'p-bob', updates: 1, bytes: bytes(1) },
          { kind: 'restore', linkId: 'link-o', participantId: null, updates: 1, bytes: bytes(3) },
        ])
      })

      it('keeps a person without a link apart from one with a link in the audit log', async () => {
        await board('board-0001')
        const nobody: UpdateAuthor = { kind: 'edit', linkId: null, participantId: null }
        await storage.appendUpdates('board-0001', [update('a', 1), update('b', 2)], [nobody, alice])
        await storage.appendUpdates('board-0001', [update('c', 3)], [nobody])
        expect((await under.audit('board-0001')).map((r) => [r.linkId, r.updates])).toEqual([[null, 2], ['link-a', 1]])
      })
    })

    describe('refused clients', () => {
      it('knows none for a new board', async () => {
        await board('board-0001')
        expect(await storage.loadRefusedClients('board-0001')).toEqual(new Map())
      })

      it('remembers refused client ids with the smallest clock of each, per board', async () => {
        await board('board-000a')
        await board('board-000b')
        await storage.refuseClients('board-000a', new Map([[101, 5], [202, 0]]))
        await storage.refuseClients('board-000a', new Map([[101, 9], [303, 7]]))
        await storage.refuseClients('board-000a', new Map([[303, 2]]))
        await storage.refuseClients('board-000b', new Map([[101, 1]]))
        // Client ids are 32-bit unsigned (Yjs); clocks can be large.
        await storage.refuseClients('board-000b', new Map([[4_294_967_295, 123_456_789]]))
        expect(await storage.loadRefusedClients('board-000a')).toEqual(new Map([[101, 5], [202, 0], [303, 2]]))
        expect(await storage.loadRefusedClients('board-000b')).toEqual(new Map([[101, 1], [4_294_967_295, 123_456_789]]))
      })

      it('changes nothing when given none', async () => {
        await board('board-0001')
        await storage.refuseClients('board-0001', new Map())
        expect(await storage.loadRefusedClients('board-0001')).toEqual(new Map())
      })
    })

    describe('durability and closing', () => {
      it('keeps boards, snapshots, updates and refused clients across a reopen', async () => {
        await board('board-0001')
        await board('board-0002')
        const snap = update('s', 1)
        const after = update('u', 2)
        await storage.compact('board-0001', snap)
        await storage.appendUpdates('board-0001', [after], [alice])
        await storage.appendUpdates('board-0002', [update('x', 3)])
        await storage.refuseClients('board-0001', new Map([[7, 3]]))

        storage = await under.reopen()
        expect(await storage.countBoards()).toBe(2)
        expect(await storage.getBoard('board-0001')).toEqual({ id: 'board-0001', name: 'board-0001', createdAt: 1 })
        const got = await storage.loadDoc('board-0001')
        expect(plain(got.snapshot)).toEqual(plain(snap))
        expect(got.updates.map(plain)).toEqual([plain(after)])
        expect(materialise(await storage.loadDoc('board-0002'))).toEqual({ x: 3 })
        expect(await storage.loadRefusedClients('board-0001')).toEqual(new Map([[7, 3]]))
      })

      it('may be closed twice, and fails every call once closed', async () => {
        await board('board-0001')
        await storage.close()
        await storage.close()
        await expect(storage.getBoard('board-0001')).rejects.toThrow()
        await expect(storage.countBoards()).rejects.toThrow()
        await expect(storage.loadDoc('board-0001')).rejects.toThrow()
        await expect(storage.appendUpdates('board-0001', [update('a', 1)])).rejects.toThrow()
        await expect(storage.compact('board-0001', update('a', 1))).rejects.toThrow()
        await expect(storage.createBoard({ id: 'board-0002', name: 'b', createdAt: 1 })).rejects.toThrow()
        await expect(storage.loadRefusedClients('board-0001')).rejects.toThrow()
        await expect(storage.refuseClients('board-0001', new Map([[1, 1]]))).rejects.toThrow()
      })
    })
  })
}
