/**
 * A Board driven through its transport seam alone (server/sync/BoardPeer.ts): in-memory peers that
 * speak y-protocols, real SQLite storage, no ws and no HTTP.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RECORDS_ROOT } from '../../src/shared/boardFormat.js'
import { applyStoredDoc } from '../../server/storage/loadBoard.js'
import { openSqliteStorage } from '../../server/storage/SqliteStorage.js'
import type { FoldedUpdates, Storage, UpdateAuthor } from '../../server/storage/Storage.js'
import { Board } from '../../server/sync/Board.js'
import { tlSchema } from '../../server/sync/boardSchema.js'
import { MemoryPeer, viewer, writer } from './memoryPeer.js'
import { createBoard, waitFor } from './syncTestKit.js'

/** SQLite under a gate: a write waits until the test lets it through; `events` says when each landed. */
function gatedStorage(inner: Storage, events: string[]) {
  let open = true
  let waiting: (() => void)[] = []
  const passage = async (): Promise<void> => {
    if (!open) await new Promise<void>((resolve) => waiting.push(resolve))
  }
  const storage: Storage = Object.create(inner) as Storage
  let requested = 0
  storage.appendUpdates = async (boardId: string, updates: Uint8Array[], authors?: (UpdateAuthor | undefined)[]) => {
    requested++
    await passage()
    await inner.appendUpdates(boardId, updates, authors)
    events.push('stored')
  }
  storage.compact = async (boardId: string, state: Uint8Array, folded?: FoldedUpdates) => {
    requested++
    await passage()
    await inner.compact(boardId, state, folded)
    events.push('stored')
  }
  return {
    storage,
    get writesRequested() { return requested },
    hold() { open = false },
    release() {
      open = true
      const w = waiting
      waiting = []
      for (const resolve of w) resolve()
    },
  }
}

function pageRecord(id: string, name: string) {
  return { key: id, val: tlSchema.types.page.create({ id: id as never, name, index: 'a2' as never }) }
}

function recordKeys(doc: Y.Doc): string[] {
  return doc.getArray<{ key: string }>(RECORDS_ROOT).toArray().map((e) => e.key)
}

describe('a board on in-memory peers', () => {
  let dir: string
  let inner: Storage
  let boardId: string
  let events: string[]
  let gated: ReturnType<typeof gatedStorage>
  let board: Board
  const logs: string[] = []

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-room-'))
    inner = openSqliteStorage(dir)
    boardId = await createBoard(inner)
    events = []
    gated = gatedStorage(inner, events)
    board = new Board(boardId, {
      storage: gated.storage,
      compactAfterUpdates: 100,
      maxBufferedBytes: 1 << 20,
      maxAwarenessBytes: 1 << 16,
      log: (line) => logs.push(line),
      gateLimits: { maxBoardBytes: 0, writeBytesPerMinute: 1 << 24 },
    })
  })

  afterEach(async () => {
    board.destroy()
    await inner.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  /** The records storage holds for the board (what a restart would load). */
  async function storedKeys(): Promise<string[]> {
    const doc = new Y.Doc()
    applyStoredDoc(doc, await inner.loadDoc(boardId))
    return recordKeys(doc)
  }

  async function joined(grant = writer, onUpdate?: (peer: MemoryPeer) => void): Promise<MemoryPeer> {
    const peer = new MemoryPeer(board, grant, onUpdate)
    peer.connect()
    await board.loaded
    // Handshake done: the board's step 2 (the answer to the peer's step 1) has arrived.
    await waitFor(() => peer.syncUpdates.length > 0, 'the board answered sync step 1')
    return peer
  }

  it("relays one peer's y-protocols update to the other, and stores it", async () => {
    const a = await joined()
    const b = await joined()

    a.doc.transact(() => a.doc.getArray(RECORDS_ROOT).push([pageRecord('page:second', 'Second')]))

    await waitFor(() => recordKeys(b.doc).includes('page:second'), 'b has the record')
    expect(recordKeys(board.doc)).toEqual(['page:second'])
    expect(a.refusals).toEqual([])
    expect(await storedKeys()).toEqual(['page:second'])
  })

  it('stores an update before it relays it: the other peer gets nothing while the write waits', async () => {
    const a = await joined()
    const b = await joined(writer, () => events.push('relayed to b'))
    const before = b.syncUpdates.length
    events.length = 0
    gated.hold()

    a.doc.transact(() => a.doc.getArray(RECORDS_ROOT).push([pageRecord('page:held', 'Held')]))

    await waitFor(() => gated.writesRequested > 0, 'the board asked storage to write the update')
    // Applied to the board's doc at once (later updates are judged against it), but not relayed.
    expect(recordKeys(board.doc)).toContain('page:held')
    await new Promise((r) => setTimeout(r, 50))
    expect(b.syncUpdates.length).toBe(before)
    expect(recordKeys(b.doc)).not.toContain('page:held')

    gated.release()
    await waitFor(() => recordKeys(b.doc).includes('page:held'), 'b has the record once it is stored')
    expect(events.indexOf('stored')).toBeGreaterThanOrEqual(0)
    expect(events.indexOf('stored')).toBeLessThan(events.indexOf('relayed to b'))
  })

  it("refuses a viewer's write: not applied, not stored, not relayed, and the viewer is told", async () => {
    const a = await joined()
    const v = await joined(viewer)
    const seenByA = a.syncUpdates.length

    v.doc.transact(() => v.doc.getArray(RECORDS_ROOT).push([pageRecord('page:nope', 'Nope')]))

    await waitFor(() => v.refusals.length > 0, 'the viewer is told its update was refused')
    expect(v.refusals).toEqual(['read_only'])
    expect(recordKeys(board.doc)).toEqual([])
    // A later writer's edit goes through: the refused one did not reach a, before or after.
    a.doc.transact(() => a.doc.getArray(RECORDS_ROOT).push([pageRecord('page:yes', 'Yes')]))
    await waitFor(() => recordKeys(v.doc).includes('page:yes'), 'the viewer still receives edits')
    expect(a.syncUpdates.length).toBe(seenByA)
    expect(recordKeys(a.doc)).toEqual(['page:yes'])
    expect(await storedKeys()).toEqual(['page:yes'])
    expect(board.connections.size).toBe(2)
  })
})
