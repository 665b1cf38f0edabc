/**
 * Two server instances on one PostgreSQL database (DATABASE_URL), each with a DATA_DIR of its own,
 * as two machines behind a load balancer would be: a board or an image stored through one is
 * served by the other, with the same answers as from one server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UploadedAsset } from '../../src/shared/api.js'
import { freshPgDatabase } from '../helpers/pgDatabase.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { IMAGES, createBoardViaApi, expectApiError, request, upload } from './httpTestKit.js'
import { connectClient, destroyAllClients, synced, waitFor } from './syncTestKit.js'

describe('two instances on one PostgreSQL database', () => {
  let db: Awaited<ReturnType<typeof freshPgDatabase>>
  let a: TestServer
  let b: TestServer

  beforeAll(async () => {
    db = await freshPgDatabase()
    a = await startTestServer({ databaseUrl: db.url }, { log: () => {} })
    b = await startTestServer({ databaseUrl: db.url }, { log: () => {} })
  })

  afterAll(async () => {
    destroyAllClients()
    await a?.stop()
    await b?.stop()
    await db?.drop()
  })

  it('serves an image uploaded through the other instance, with the same headers', async () => {
    const { id } = await createBoardViaApi(a.url)
    const uploaded = await upload(a.url, id, IMAGES.jpg, 'image/jpeg')
    expect(uploaded.status).toBe(201)
    const { src } = uploaded.json<UploadedAsset>()
    const fromA = await request(a.url, src)
    const fromB = await request(b.url, src)
    expect(fromB.status).toBe(200)
    expect(fromB.body.equals(IMAGES.jpg)).toBe(true)
    for (const h of ['content-type', 'content-disposition', 'cache-control', 'content-security-policy', 'etag', 'content-length']) {
      expect(fromB.headers[h]).toBe(fromA.headers[h])
    }
    expect(fromB.headers['content-type']).toBe('image/jpeg')
    const small = await request(b.url, `${src}/small`)
    expect(small.status).toBe(200)
    expect(small.body.equals(IMAGES.jpg)).toBe(true)
  })

  it('answers 404 asset_not_found on either instance for an image nobody uploaded, or one of another board', async () => {
    const { id } = await createBoardViaApi(a.url)
    const { id: other } = await createBoardViaApi(b.url)
    const { src } = (await upload(b.url, other, IMAGES.png, 'image/png')).json<UploadedAsset>()
    const name = src.split('/').pop()!
    expectApiError(await request(b.url, `/api/boards/${id}/assets/${'0'.repeat(64)}.png`), 404, 'asset_not_found')
    expectApiError(await request(a.url, `/api/boards/${id}/assets/${name}`), 404, 'asset_not_found')
  })

  it('keeps every edit when clients of both instances edit one board and both compact it', async () => {
    // Small compaction thresholds on both, so each instance compacts many times while the other
    // appends edits it has not seen (no relay between them here: each doc holds only its own
    // clients' edits, the hardest case for a compaction).
    const overrides = { databaseUrl: db.url, compactAfterUpdates: 5 }
    const c = await startTestServer(overrides, { log: () => {} })
    const d = await startTestServer(overrides, { log: () => {} })
    try {
      const { id } = await createBoardViaApi(c.url)
      const onC = connectClient(c.syncUrl, id)
      const onD = connectClient(d.syncUrl, id)
      const watchC = connectClient(c.syncUrl, id)
      const watchD = connectClient(d.syncUrl, id)
      await Promise.all([synced(onC), synced(onD), synced(watchC), synced(watchD)])
      for (let i = 0; i < 40; i++) {
        onC.map.set(`c${i}`, i)
        onD.map.set(`d${i}`, i)
        // Relayed by each instance only once stored: then it is in the database.
        await waitFor(() => watchC.map.get(`c${i}`) === i && watchD.map.get(`d${i}`) === i, `edit ${i} stored on both`)
      }
      destroyAllClients()
      await c.stop()
      await d.stop()
      const reader = connectClient(a.syncUrl, id)
      await synced(reader)
      for (let i = 0; i < 40; i++) {
        expect(reader.map.get(`c${i}`)).toBe(i)
        expect(reader.map.get(`d${i}`)).toBe(i)
      }
    } finally {
      await c.stop()
      await d.stop()
    }
  })

  it('serves a board stored through the other instance', async () => {
    const { id } = await createBoardViaApi(a.url, '社区花园')
    expect((await request(b.url, `/api/boards/${id}`)).json()).toMatchObject({ id, name: '社区花园' })
    const writer = connectClient(a.syncUrl, id)
    await synced(writer)
    writer.map.set('bench', '长椅')
    // Stored by A before A relays it; B loads the board from the database when its first client comes.
    const watcher = connectClient(a.syncUrl, id)
    await waitFor(() => watcher.map.get('bench') === '长椅', 'stored on A')
    const reader = connectClient(b.syncUrl, id)
    await synced(reader)
    expect(reader.map.get('bench')).toBe('长椅')
  })
})
