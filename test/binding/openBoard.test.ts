/**
 * openBoard (what useBoardSync runs) against the real server: first-sync gating, seeding, presence,
 * connection status. Node has no IndexedDB, so the offline copy is off here (the browser test has it).
 */
import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import type { TLAssetStore, TLStore } from 'tldraw'
import { openBoard, type BoardSession } from '../../src/sync/openBoard'
import type { LocalUser } from '../../src/sync/types'
import { startTestServer, type TestServer } from '../helpers/startTestServer'
import { geoShape, shapesIn } from './harness'

const noAssets: TLAssetStore = {
  upload: () => Promise.reject(new Error('no uploads in this test')),
}

let server: TestServer
const sessions: BoardSession[] = []

beforeAll(async () => {
  server = await startTestServer()
})
afterEach(() => {
  while (sessions.length) sessions.pop()!.close()
})
afterAll(async () => {
  await server?.stop()
})

async function newBoard(on: TestServer = server): Promise<string> {
  const id = randomBytes(16).toString('base64url')
  await on.running.storage.createBoard({ id, name: '测试', createdAt: Date.now() })
  return id
}

function open(boardId: string, user: LocalUser, on: TestServer = server): BoardSession {
  const session = openBoard({
    boardId,
    syncUrl: on.syncUrl,
    user,
    assets: noAssets,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  sessions.push(session)
  return session
}

const waitUntil = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 10 })
const pages = (store: TLStore) => store.allRecords().filter((r) => r.typeName === 'page')

describe('openBoard', () => {
  it('gives two people who open a new board at the same moment one page, and each other\'s work', async () => {
    // Both may find the board empty and both seed it: the seeds are the same records under the same
    // ids ('document:document', 'page:page'), so they merge into one page (docs/board-format.md).
    const boardId = await newBoard()
    const a = open(boardId, { id: 'a', name: '王老师', color: '#e03131' })
    const b = open(boardId, { id: 'b', name: '李阿姨', color: '#1971c2' })

    await waitUntil(() => expect(a.$ready.get() && b.$ready.get()).toBe(true))
    await waitUntil(() => expect([a.$status.get(), b.$status.get()]).toEqual(['connected', 'connected']))

    a.store.put([geoShape('from-a')])
    b.store.put([geoShape('from-b', { x: 40 })])
    // Once each sees the other's shape, each has everything the other wrote before it.
    await waitUntil(() => expect(shapesIn(a.store)).toHaveLength(2))
    await waitUntil(() => expect(shapesIn(b.store)).toHaveLength(2))
    expect(pages(a.store)).toHaveLength(1)
    expect(pages(b.store)).toHaveLength(1)

    await waitUntil(() =>
      expect(b.store.query.records('instance_presence').get().map((p) => p.userName)).toEqual(['王老师']),
    )
  })

  it('shows a later visitor the board as it is, with its one page', async () => {
    const boardId = await newBoard()
    const first = open(boardId, { id: 'a', name: 'A', color: '#000000' })
    await waitUntil(() => expect(first.$ready.get()).toBe(true))
    first.store.put([geoShape('kept')])
    // The server handles a connection's frames in order: once it has seen the close, it has the shape.
    sessions.splice(sessions.indexOf(first), 1)
    first.close()
    await waitUntil(() => expect(server.running.sync.stats().connections).toBe(0))

    const later = open(boardId, { id: 'c', name: 'C', color: '#000000' })
    await waitUntil(() => expect(later.$ready.get()).toBe(true))
    // Bound only after the server's first reply: the shape is there the moment the board shows.
    expect(later.store.get(geoShape('kept').id)).toBeDefined()
    expect(pages(later.store)).toHaveLength(1)
  })

  it('removes a participant\'s cursor for the others as soon as they close the board', async () => {
    const boardId = await newBoard()
    const a = open(boardId, { id: 'a', name: 'A', color: '#000000' })
    const b = open(boardId, { id: 'b', name: 'B', color: '#000000' })
    await waitUntil(() => expect(a.store.query.records('instance_presence').get()).toHaveLength(1))

    b.close()

    await waitUntil(() => expect(a.store.query.records('instance_presence').get()).toHaveLength(0))
  })

  it('reports reconnecting when the server goes away after a connection', async () => {
    const own = await startTestServer()
    try {
      const session = open(await newBoard(own), { id: 'a', name: 'A', color: '#000000' }, own)
      expect(session.$status.get()).toBe('connecting')
      await waitUntil(() => expect(session.$status.get()).toBe('connected'))

      await own.stop()

      await waitUntil(() => expect(session.$status.get()).toBe('reconnecting'))
      expect(session.$ready.get()).toBe(true)
    } finally {
      await own.stop()
    }
  })
})
