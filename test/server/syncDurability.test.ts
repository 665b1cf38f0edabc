import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ControlledStorage, connectClient, createBoard, destroyAllClients, gate, startSeamedServer, storedDoc, synced, waitFor,
  type SeamedServer,
} from './syncTestKit.js'

describe('board lifecycle and durability', () => {
  let server: SeamedServer
  let storage: ControlledStorage

  async function start(overrides: Parameters<typeof startSeamedServer>[1] = {}) {
    server = await startSeamedServer({ wrapStorage: (s) => (storage = new ControlledStorage(s)) }, overrides)
  }

  afterEach(async () => {
    destroyAllClients()
    storage.releaseAll()
    await server.stop()
  })

  it('gives clients that connect while the board loads the full board, from one shared load', async () => {
    await start()
    const boardId = await createBoard(storage)
    const seed = new Y.Doc()
    for (let i = 0; i < 20; i++) seed.getMap('test').set(`k${i}`, i)
    await storage.appendUpdates(boardId, [Y.encodeStateAsUpdate(seed)])

    const load = gate()
    storage.loadGate = load
    const a = connectClient(server.syncUrl, boardId)
    const b = connectClient(server.syncUrl, boardId)
    const sizeAtSync = new Map<string, number>()
    a.provider.on('sync', (s: boolean) => { if (s) sizeAtSync.set('a', a.map.size) })
    b.provider.on('sync', (s: boolean) => { if (s) sizeAtSync.set('b', b.map.size) })
    // Both sockets are open and have sent sync step 1 while the load is held.
    await waitFor(() => server.running.sync.stats().connections === 2, 'both connected during the load')
    a.map.set('typed-while-loading', true)
    load.open()

    await Promise.all([synced(a), synced(b)])
    expect(sizeAtSync.get('a')).toBeGreaterThanOrEqual(20)
    expect(sizeAtSync.get('b')).toBeGreaterThanOrEqual(20)
    await waitFor(() => b.map.get('typed-while-loading') === true, 'edit made during the load reaches b')
    expect(storage.loadCalls).toBe(1)
  })

  it('folds stored updates into a snapshot so their number stays bounded', async () => {
    await start({ compactAfterUpdates: 5 })
    const boardId = await createBoard(storage)
    const a = connectClient(server.syncUrl, boardId)
    const b = connectClient(server.syncUrl, boardId)
    await Promise.all([synced(a), synced(b)])
    for (let i = 0; i < 30; i++) {
      a.map.set(`k${i}`, i)
      // One update per round trip, so they are stored as separate rows.
      await waitFor(() => b.map.get(`k${i}`) === i, `b sees k${i}`)
    }

    const stored = await storedDoc(storage, boardId)
    expect(stored.hasSnapshot).toBe(true)
    expect(stored.updates).toBeLessThan(5)
    expect(stored.doc.getMap('test').size).toBe(30)
    expect(storage.compactSuccesses).toBeGreaterThanOrEqual(5)
  })

  it('keeps the stored bytes near the board\'s own size through a burst of edits, and reloads the same board', async () => {
    await start({ syncMessagesPerSecond: 0 })
    // After every write, what storage holds against the compacted state of the same document:
    // a reader of the database may look at any moment, so every committed state counts.
    let worst = 0
    let writes = 0
    const measure = async () => {
      const stored = await storage.loadDoc(boardId)
      const doc = new Y.Doc()
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
      for (const u of stored.updates) Y.applyUpdate(doc, u)
      const bytes = (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((n, u) => n + u.byteLength, 0)
      worst = Math.max(worst, bytes / Y.encodeStateAsUpdate(doc).byteLength)
      writes++
      doc.destroy()
    }
    const append = storage.appendUpdates.bind(storage)
    const compact = storage.compact.bind(storage)
    storage.appendUpdates = async (...args) => { await append(...args); await measure() }
    storage.compact = async (...args) => { await compact(...args); await measure() }
    const boardId = await createBoard(storage)
    const a = connectClient(server.syncUrl, boardId)
    const b = connectClient(server.syncUrl, boardId)
    await Promise.all([synced(a), synced(b)])
    // 200 notes of about 250 bytes (a board of some 60 KB), then 3,000 edits to them, each its own
    // transaction and message like a drag: in bursts of 1,000 sent as fast as the client can, and
    // in small groups that the server stores as many small appends.
    const note = (i: number, e: number) => ({ text: `便签 ${i} `.padEnd(240, '·'), x: e % 997, y: e % 991 })
    const sameAsA = () => JSON.stringify(b.map.toJSON()) === JSON.stringify(a.map.toJSON())
    a.doc.transact(() => { for (let i = 0; i < 200; i++) a.map.set(`note${i}`, note(i, 0)) })
    for (let e = 1; e <= 1000; e++) a.map.set(`note${e % 200}`, note(e % 200, e))
    for (let e = 1001; e <= 2000; e++) {
      a.map.set(`note${e % 200}`, note(e % 200, e))
      if (e % 10 === 0) await waitFor(sameAsA, `b has edit ${e}`)
    }
    for (let e = 2001; e <= 3000; e++) a.map.set(`note${e % 200}`, note(e % 200, e))
    await waitFor(sameAsA, 'b has every edit', 30_000)

    expect(writes).toBeGreaterThan(1)
    expect(worst).toBeLessThanOrEqual(2)
    const expected = a.map.toJSON()
    destroyAllClients()
    await server.restart()
    const c = connectClient(server.syncUrl, boardId)
    await synced(c)
    expect(c.map.toJSON()).toEqual(expected)
  })

  it('stores a board that has gone quiet as one snapshot while its clients stay connected', async () => {
    await start()
    const boardId = await createBoard(storage)
    const a = connectClient(server.syncUrl, boardId)
    const b = connectClient(server.syncUrl, boardId)
    await Promise.all([synced(a), synced(b)])
    for (let i = 0; i < 40; i++) {
      a.map.set(`k${i}`, i)
      await waitFor(() => b.map.get(`k${i}`) === i, `b sees k${i}`)
    }
    expect((await storedDoc(storage, boardId)).updates).toBeGreaterThan(0)

    // Nobody edits any more; nobody leaves either (no unload): the board is compacted for loading.
    await waitFor(async () => (await storedDoc(storage, boardId)).updates === 0, 'quiet board compacted')
    const stored = await storedDoc(storage, boardId)
    expect(stored.hasSnapshot).toBe(true)
    expect(stored.doc.getMap('test').toJSON()).toEqual(a.map.toJSON())
    expect(server.running.sync.stats()).toMatchObject({ boardsLoaded: 1, connections: 2 })
  })

  it('unloads a board after its last client leaves and loads it again for the next one', async () => {
    await start({ unloadDelayMs: 20 })
    const boardId = await createBoard(storage)
    const a = connectClient(server.syncUrl, boardId)
    await synced(a)
    a.map.set('kept', 'yes')
    await waitFor(() => storage.appendCalls > 0, 'update stored')
    a.destroy()

    await waitFor(() => server.running.sync.stats().boardsLoaded === 0, 'board unloaded')
    const stored = await storedDoc(storage, boardId)
    expect(stored).toMatchObject({ hasSnapshot: true, updates: 0 })

    const loadsBefore = storage.loadCalls
    const b = connectClient(server.syncUrl, boardId)
    await synced(b)
    expect(b.map.get('kept')).toBe('yes')
    expect(storage.loadCalls).toBe(loadsBefore + 1)
  })

  it('serves a client that connects while the board is being unloaded', async () => {
    await start({ unloadDelayMs: 0 })
    const boardId = await createBoard(storage)
    const a = connectClient(server.syncUrl, boardId)
    await synced(a)
    a.map.set('before', 1)
    await waitFor(() => storage.appendCalls > 0, 'update stored')
    const compacting = gate()
    storage.compactGate = compacting
    a.destroy()
    await waitFor(() => storage.compactCalls === 1, 'unload flush started')

    const b = connectClient(server.syncUrl, boardId)
    await waitFor(() => server.running.sync.stats().connections === 1, 'b connected during the unload')
    compacting.open()
    await synced(b)
    expect(b.map.get('before')).toBe(1)

    b.map.set('after', 2)
    const c = connectClient(server.syncUrl, boardId)
    await waitFor(() => c.map.get('after') === 2 && c.map.get('before') === 1, 'the board lives on')
  })

  it('keeps a board that fails to save in memory, holds its updates back, and retries until it is saved', async () => {
    await start({ unloadDelayMs: 0 })
    const boardId = await createBoard(storage)
    const a = connectClient(server.syncUrl, boardId)
    const b = connectClient(server.syncUrl, boardId)
    await Promise.all([synced(a), synced(b)])

    storage.failWrites = true
    a.map.set('written-while-disk-full', 1)
    await waitFor(() => storage.compactCalls >= 1, 'the failed write is retried as a snapshot')
    // Not relayed unsaved (test/server/storageFull.test.ts follows it to the end on a full disk).
    a.provider.awareness.setLocalState({ marker: 'after-write' })
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.marker === 'after-write', 'b sees the marker')
    expect(b.map.has('written-while-disk-full')).toBe(false)
    a.destroy()
    b.destroy()
    await waitFor(() => storage.compactCalls >= 2, 'snapshot retried')
    expect(server.running.sync.stats().boardsLoaded).toBe(1)

    storage.failWrites = false
    await waitFor(() => storage.compactSuccesses > 0, 'retry succeeded', 15_000)
    await waitFor(() => server.running.sync.stats().boardsLoaded === 0, 'clean board unloaded', 15_000)
    const stored = await storedDoc(storage, boardId)
    expect(stored.doc.getMap('test').get('written-while-disk-full')).toBe(1)
  })

  it('relays an update only once it is stored', async () => {
    await start()
    const boardId = await createBoard(storage)
    const a = connectClient(server.syncUrl, boardId)
    const b = connectClient(server.syncUrl, boardId)
    await Promise.all([synced(a), synced(b)])
    const append = gate()
    storage.appendGate = append
    let appendReleased = false
    let releasedWhenSeen: boolean | undefined
    b.map.observe(() => { releasedWhenSeen ??= appendReleased })

    a.map.set('x', 42)
    await waitFor(() => storage.appendCalls === 1, 'the write started')
    // Awareness is relayed at once and travels behind the update on the same sockets, so once b
    // sees it, b would also have the update had the server not held it back.
    a.provider.awareness.setLocalState({ marker: 'after-x' })
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.marker === 'after-x', 'b sees the marker')
    expect(b.map.has('x')).toBe(false)

    appendReleased = true
    append.open()
    await waitFor(() => b.map.get('x') === 42, 'b receives x once stored')
    expect(releasedWhenSeen).toBe(true)
  })
})
