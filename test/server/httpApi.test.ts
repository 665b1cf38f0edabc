import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BoardInfo, ClientConfig } from '../../src/shared/api.js'
import { BOARD_NAME_MAX, isValidBoardId } from '../../src/shared/boardId.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { createBoardViaApi, expectApiError, postJson, request } from './httpTestKit.js'

describe('HTTP API: boards, config, health', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer({ tldrawLicenseKey: 'tldraw-test-key', maxUploadBytes: 3 * 1024 * 1024 })
  })

  afterAll(async () => {
    await server.stop()
  })

  describe('POST /api/boards', () => {
    it('creates a board with a server-made id and a trimmed name, and GET returns it', async () => {
      const before = Date.now()
      const res = await postJson(server.url, '/api/boards', { name: '  北区花园 Courtyard  ' })
      expect(res.status).toBe(201)
      const board = res.json<BoardInfo>()
      expect(board.name).toBe('北区花园 Courtyard')
      expect(board.id).toMatch(/^[A-Za-z0-9_-]{22}$/)
      expect(isValidBoardId(board.id)).toBe(true)
      expect(board.createdAt).toBeGreaterThanOrEqual(before)
      expect(res.headers.location).toBe(`/api/boards/${board.id}`)

      const got = await request(server.url, `/api/boards/${board.id}`)
      expect(got.status).toBe(200)
      expect(got.json<BoardInfo>()).toEqual(board)
    })

    it('gives every board a different id', async () => {
      const ids = new Set<string>()
      for (let i = 0; i < 20; i++) ids.add((await createBoardViaApi(server.url, `b${i}`)).id)
      expect(ids.size).toBe(20)
    })

    it('ignores an id sent by the client', async () => {
      const res = await postJson(server.url, '/api/boards', { name: 'Mine', id: 'chosen-by-client-123' })
      expect(res.status).toBe(201)
      expect(res.json<BoardInfo>().id).not.toBe('chosen-by-client-123')
    })

    it('accepts a name of exactly the maximum length, counted in characters', async () => {
      const name = '园'.repeat(BOARD_NAME_MAX)
      const res = await postJson(server.url, '/api/boards', { name })
      expect(res.status).toBe(201)
      expect(res.json<BoardInfo>().name).toBe(name)
    })

    it.each([
      ['a missing name', {}],
      ['a name that is not text', { name: 42 }],
      ['an empty name', { name: '' }],
      ['a name of spaces', { name: '   \t ' }],
      ['a name that is too long', { name: 'x'.repeat(BOARD_NAME_MAX + 1) }],
      ['a name with a line break', { name: 'two\nlines' }],
      ['an array instead of an object', [{ name: 'x' }]],
      ['null', null],
    ])('refuses %s with 400', async (_what, body) => {
      const res = await postJson(server.url, '/api/boards', body)
      expectApiError(res, 400, 'invalid_board_name')
    })

    it('says how long a name may be', async () => {
      const res = await postJson(server.url, '/api/boards', { name: 'x'.repeat(BOARD_NAME_MAX + 1) })
      expect(expectApiError(res, 400, 'invalid_board_name')).toContain(String(BOARD_NAME_MAX))
    })

    it('refuses a body that is not JSON with 400', async () => {
      const res = await request(server.url, '/api/boards', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": "unclosed',
      })
      expectApiError(res, 400, 'invalid_json')
    })

    it('refuses a body that is not UTF-8 with 400', async () => {
      const res = await request(server.url, '/api/boards', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
      })
      expectApiError(res, 400, 'invalid_json')
    })

    it.each([
      ['no Content-Type', undefined],
      ['text/plain', 'text/plain'],
      ['a form', 'application/x-www-form-urlencoded'],
    ])('refuses %s with 415', async (_what, contentType) => {
      const res = await request(server.url, '/api/boards', {
        method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body: '{"name":"x"}',
      })
      expect(expectApiError(res, 415, 'unsupported_media_type')).toContain('application/json')
    })

    it('accepts application/json with a charset parameter', async () => {
      const res = await request(server.url, '/api/boards', {
        method: 'POST', headers: { 'content-type': 'Application/JSON; charset=utf-8' }, body: '{"name":"x"}',
      })
      expect(res.status).toBe(201)
    })

    it('refuses a body over 16 KB with 413 and creates nothing', async () => {
      const countBefore = await server.running.storage.countBoards()
      const res = await postJson(server.url, '/api/boards', { name: 'x', padding: 'y'.repeat(17 * 1024) })
      expect(expectApiError(res, 413, 'body_too_large')).toContain('16 KB')
      expect(await server.running.storage.countBoards()).toBe(countBefore)
    })
  })

  describe('GET /api/boards/:id', () => {
    it('answers 404 for a well-formed id that does not exist', async () => {
      const res = await request(server.url, '/api/boards/AAAAAAAAAAAAAAAAAAAAAA')
      expectApiError(res, 404, 'board_not_found')
    })

    it.each(['short', 'has.dot.in.it.1234', '%2e%2e%2f%2e%2e%2fetc', 'x'.repeat(65), 'with%20space1'])(
      'answers 400 for the invalid id %s', async (id) => {
        const res = await request(server.url, `/api/boards/${id}`)
        expect(res.status).toBe(400)
        expect(res.json<{ code: string }>().code).toMatch(/^(invalid_board_id|bad_path)$/)
      },
    )
  })

  it('GET /healthz reports the live figures', async () => {
    const res = await request(server.url, '/healthz')
    expect(res.status).toBe(200)
    const body = res.json()
    expect(body).toEqual({
      ok: true, boardsLoaded: expect.any(Number), connections: expect.any(Number), uptimeSeconds: expect.any(Number),
    })
    expect(body.connections).toBe(0)
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('GET /api/config gives the licence key and upload limit from the server configuration', async () => {
    const res = await request(server.url, '/api/config')
    expect(res.status).toBe(200)
    expect(res.json<ClientConfig>()).toEqual({ tldrawLicenseKey: 'tldraw-test-key', maxUploadBytes: 3 * 1024 * 1024, shareOrigin: null })
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('answers HEAD like GET, without a body', async () => {
    const res = await request(server.url, '/api/config', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.body.length).toBe(0)
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0)
  })

  it.each([
    ['GET', '/api/boards', 'POST'],
    ['DELETE', '/api/boards/AAAAAAAAAAAAAAAAAAAAAA', 'GET, HEAD'],
    ['POST', '/healthz', 'GET, HEAD'],
    ['PUT', '/api/config', 'GET, HEAD'],
    ['GET', '/api/boards/AAAAAAAAAAAAAAAAAAAAAA/assets', 'POST'],
    ['POST', '/', 'GET, HEAD'],
    ['OPTIONS', '/b/AAAAAAAAAAAAAAAAAAAAAA', 'GET, HEAD'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const res = await request(server.url, path, { method })
    expectApiError(res, 405, 'method_not_allowed')
    expect(res.headers.allow).toBe(allow)
  })

  it.each(['/api', '/api/', '/api/nothing', '/api/boards/AAAAAAAAAAAAAAAAAAAAAA/history', '/healthz/x'])(
    'answers an unknown API path %s with a JSON 404', async (path) => {
      expectApiError(await request(server.url, path), 404, 'not_found')
    },
  )

  it('tells a plain HTTP request to the sync endpoint to use a WebSocket', async () => {
    const res = await request(server.url, '/sync/AAAAAAAAAAAAAAAAAAAAAA')
    expect(expectApiError(res, 426, 'upgrade_required')).toContain('WebSocket')
  })

  it('puts nosniff and a same-origin referrer policy on every response, errors included', async () => {
    for (const path of ['/healthz', '/api/config', '/api/nothing', '/api/boards/bad', '/%ZZ']) {
      const res = await request(server.url, path)
      expect(res.headers['x-content-type-options'], path).toBe('nosniff')
      expect(res.headers['referrer-policy'], path).toBe('same-origin')
    }
  })

  it('answers a malformed percent-encoding with 400', async () => {
    expectApiError(await request(server.url, '/b/%E4%ZZ'), 400, 'bad_path')
  })
})
