/**
 * PostgreSQL out of reach for a few seconds (DATABASE_URL): loud, as for a full disk, and nothing
 * acknowledged is lost. The server reaches the database through a TCP proxy this test owns;
 * "down" cuts every connection through it and refuses new ones, as a database restart or a
 * network fault does. Real server on port 0, real y-websocket clients.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyStoredDoc } from '../../server/storage/loadBoard.js'
import { openPgStorage } from '../../server/storage/PgStorage.js'
import { StorageHealth } from '../../server/sync/StorageHealth.js'
import { startPgProxy, type PgProxy } from '../helpers/clusterKit.js'
import { freshPgDatabase } from '../helpers/pgDatabase.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { createBoardViaApi, request } from './httpTestKit.js'
import { connectClient, destroyAllClients, synced, waitFor, type Client } from './syncTestKit.js'


async function health(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await request(url, '/healthz')
  return { status: res.status, body: res.json() }
}

/** Once `to` sees this presence marker, any update `from` sent before it would have reached `to`, had the server relayed it. */
async function fence(from: Client, to: Client, marker: string): Promise<void> {
  from.provider.awareness.setLocalStateField('marker', marker)
  await waitFor(() => to.provider.awareness.getStates().get(from.doc.clientID)?.marker === marker, `marker ${marker}`)
}

describe('PostgreSQL out of reach for a few seconds', () => {
  let server: TestServer | undefined
  let proxy: PgProxy | undefined
  let db: Awaited<ReturnType<typeof freshPgDatabase>> | undefined

  afterEach(async () => {
    destroyAllClients()
    proxy?.up()
    await server?.stop()
    await proxy?.close()
    await db?.drop()
    server = proxy = db = undefined
  })

  /** What the database holds for the board, read directly (not through the proxy or the server). */
  async function stored(boardId: string): Promise<Record<string, unknown>> {
    const direct = await openPgStorage(db!.url)
    try {
      const doc = new Y.Doc()
      applyStoredDoc(doc, await direct.loadDoc(boardId))
      return doc.getMap('test').toJSON()
    } finally {
      await direct.close()
    }
  }

  it('answers healthz 503, relays nothing unsaved, and saves and relays the held edits by itself once it is back', async () => {
    db = await freshPgDatabase()
    proxy = await startPgProxy()
    const databaseUrl = db.url.replace(':5432/', `:${proxy.port}/`)
    server = await startTestServer({ databaseUrl }, { log: () => {} })
    const { id } = await createBoardViaApi(server.url)
    const a = connectClient(server.syncUrl, id)
    const b = connectClient(server.syncUrl, id)
    await Promise.all([synced(a), synced(b)])
    a.map.set('before', '花园入口')
    await waitFor(() => b.map.get('before') === '花园入口', 'a saved edit reaches b')

    await proxy.down()
    a.map.set('held', '再加一棵树')
    await waitFor(async () => (await health(server!.url)).status === 503, 'healthz reports the failure')
    const failing = await health(server.url)
    expect(failing.body).toMatchObject({ ok: false, code: 'storage_failing', storage: { cause: 'database_unreachable', unsavedBoards: 1 } })
    expect(failing.body.error).toMatch(/DATABASE_URL cannot be reached/)
    // Nobody is sent an edit the database does not have, nor a later one.
    a.map.set('later', '长椅')
    await fence(a, b, 'after-edits')
    expect(b.map.get('held')).toBeUndefined()
    expect(b.map.get('later')).toBeUndefined()
    expect(await stored(id)).toEqual({ before: '花园入口' })

    // A few seconds out of reach, then back: the server saves and relays by itself.
    await new Promise((r) => setTimeout(r, 3_000))
    await proxy.up()
    await waitFor(async () => (await health(server!.url)).status === 200, 'the server recovers by itself', 45_000)
    await waitFor(() => b.map.get('held') === '再加一棵树' && b.map.get('later') === '长椅', 'the held edits reach b')
    expect(await stored(id)).toEqual({ before: '花园入口', held: '再加一棵树', later: '长椅' })
    a.map.set('after', '亭子')
    await waitFor(() => b.map.get('after') === '亭子', 'edits flow again')
    expect(b.closeCodes).toEqual([])
  })

  it('fails a write within the query timeout when the database stops answering, as unreachable, and works again once it answers', async () => {
    db = await freshPgDatabase()
    proxy = await startPgProxy()
    const storage = await openPgStorage(db.url.replace(':5432/', `:${proxy.port}/`), { queryTimeoutMs: 1_000, connectTimeoutMs: 1_000 })
    try {
      await storage.createBoard({ id: 'board-0001', name: 'b', createdAt: 1 })
      await storage.appendUpdates('board-0001', [mapUpdate('a', 1)])
      await proxy.stall()
      const started = Date.now()
      const failed = await storage.appendUpdates('board-0001', [mapUpdate('b', 2)]).then(() => undefined, (err: unknown) => err)
      expect(failed).toBeInstanceOf(Error)
      expect(Date.now() - started).toBeLessThan(5_000)
      const health = new StorageHealth(1024)
      health.boardFailed('board-0001', failed)
      expect(health.status()).toMatchObject({ failing: true, cause: 'database_unreachable' })
      // Still silent: a new write fails too, without hanging.
      await expect(storage.appendUpdates('board-0001', [mapUpdate('c', 3)])).rejects.toThrow()
      await proxy.up()
      await waitFor(async () => storage.appendUpdates('board-0001', [mapUpdate('d', 4)]).then(() => true, () => false), 'writes work again')
      const doc = new Y.Doc()
      applyStoredDoc(doc, await storage.loadDoc('board-0001'))
      // The writes that failed were never acknowledged (a caller holds them and writes them again);
      // the ones that succeeded are all there.
      expect(doc.getMap('test').get('a')).toBe(1)
      expect(doc.getMap('test').get('d')).toBe(4)
    } finally {
      await storage.close()
    }
  })
})

function mapUpdate(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('test').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}
