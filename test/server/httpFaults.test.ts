import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readConfig } from '../../server/config.js'
import { createHttpHandler } from '../../server/http/createHttpHandler.js'
import type { Storage } from '../../server/storage/Storage.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { IMAGES, createBoardViaApi, expectApiError, postJson, request, upload } from './httpTestKit.js'

/** A storage whose every call fails the way a broken disk or database would. */
function brokenStorage(): Storage {
  const fail = () => Promise.reject(new Error('SQLITE_IOERR: disk I/O error at /secret/path/board.db'))
  return {
    createBoard: fail, getBoard: fail, countBoards: fail, loadDoc: fail, appendUpdates: fail, compact: fail,
    loadRefusedClients: fail, refuseClients: fail,
    close: () => Promise.resolve(),
  }
}

describe('HTTP handler failures', () => {
  let tmp: string
  let server: http.Server
  let url: string
  let logged: string[]
  let statsFail: boolean

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-faults-'))
    logged = []
    statsFail = false
    const config = { ...readConfig({}), dataDir: tmp, clientDir: tmp }
    const handler = createHttpHandler({
      config,
      storage: brokenStorage(),
      stats: () => {
        if (statsFail) throw new Error('stats exploded')
        return { boardsLoaded: 0, connections: 0 }
      },
      log: (line) => logged.push(line),
    })
    server = http.createServer(handler)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    fs.rmSync(tmp, { recursive: true, force: true })
  })

  it('answers a failing storage with a JSON 500 that reveals nothing, logs it, and goes on', async () => {
    for (const res of [
      await request(url, '/api/boards/AAAAAAAAAAAAAAAAAAAAAA'),
      await postJson(url, '/api/boards', { name: 'x' }),
      await upload(url, 'AAAAAAAAAAAAAAAAAAAAAA', IMAGES.png),
    ]) {
      expectApiError(res, 500, 'internal_error')
      expect(res.text).not.toContain('SQLITE')
      expect(res.text).not.toContain('/secret/path')
    }
    expect(logged).toHaveLength(3)
    expect(logged[0]).toContain('SQLITE_IOERR')
    expect((await request(url, '/api/config')).status).toBe(200)
  })

  it('answers a handler that throws synchronously with 500 and goes on', async () => {
    statsFail = true
    expectApiError(await request(url, '/healthz'), 500, 'internal_error')
    statsFail = false
    expect((await request(url, '/healthz')).status).toBe(200)
  })
})

describe('upload storage failures', () => {
  let server: TestServer

  beforeEach(async () => {
    server = await startTestServer()
  })

  afterEach(async () => {
    await server.stop()
  })

  it('answers 500 when the image cannot be written, and stores it once the disk is writable again', async () => {
    const { id } = await createBoardViaApi(server.url)
    // A plain file where the assets directory belongs: every write under it fails.
    const assetsDir = path.join(server.dataDir, 'assets')
    fs.writeFileSync(assetsDir, 'not a directory')
    expectApiError(await upload(server.url, id, IMAGES.png, 'image/png'), 500, 'internal_error')
    expect((await request(server.url, '/healthz')).status).toBe(200)

    fs.rmSync(assetsDir)
    const res = await upload(server.url, id, IMAGES.png, 'image/png')
    expect(res.status).toBe(201)
    expect((await request(server.url, res.json<{ src: string }>().src)).body.equals(IMAGES.png)).toBe(true)
  })
})
