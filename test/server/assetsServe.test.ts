import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UploadedAsset } from '../../src/shared/api.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { IMAGES, createBoardViaApi, expectApiError, request, upload } from './httpTestKit.js'

const SECRET = 'TOP-SECRET-CONTENT-7f3a'

describe('GET /api/boards/:id/assets/:file', () => {
  let server: TestServer
  let boardId: string
  let src: string
  let fileName: string

  beforeAll(async () => {
    server = await startTestServer()
    boardId = (await createBoardViaApi(server.url)).id
    src = (await upload(server.url, boardId, IMAGES.png, 'image/png')).json<UploadedAsset>().src
    fileName = src.split('/').pop()!
    // Files a traversal would try to reach: next to the board's assets, in DATA_DIR, and the database.
    fs.writeFileSync(path.join(server.dataDir, 'secret.txt'), SECRET)
    fs.writeFileSync(path.join(server.dataDir, 'assets', 'secret.png'), SECRET)
  })

  afterAll(async () => {
    await server.stop()
  })

  it('serves the image with its sniffed type and safe headers', async () => {
    const res = await request(server.url, src)
    expect(res.status).toBe(200)
    expect(res.body.equals(IMAGES.png)).toBe(true)
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-disposition']).toBe(`inline; filename="${fileName}"`)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers['content-length']).toBe(String(IMAGES.png.length))
    expect(res.headers['content-security-policy']).toContain("default-src 'none'")
    expect(res.headers.etag).toBeTruthy()
  })

  it('answers 304 to a matching If-None-Match, and 200 to a different one', async () => {
    const { etag } = (await request(server.url, src)).headers
    const cached = await request(server.url, src, { headers: { 'if-none-match': etag! } })
    expect(cached.status).toBe(304)
    expect(cached.body.length).toBe(0)
    expect(cached.headers.etag).toBe(etag)
    const listed = await request(server.url, src, { headers: { 'if-none-match': `"other", W/${etag}` } })
    expect(listed.status).toBe(304)
    const stale = await request(server.url, src, { headers: { 'if-none-match': '"something-else"' } })
    expect(stale.status).toBe(200)
    expect(stale.body.equals(IMAGES.png)).toBe(true)
  })

  it('answers HEAD with the headers and no body', async () => {
    const res = await request(server.url, src, { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.body.length).toBe(0)
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.headers['content-length']).toBe(String(IMAGES.png.length))
  })

  it('answers 404 for a well-formed name that was never uploaded', async () => {
    const res = await request(server.url, `/api/boards/${boardId}/assets/${'0'.repeat(64)}.png`)
    expectApiError(res, 404, 'asset_not_found')
  })

  it('answers 404 for an image of another board', async () => {
    const other = (await createBoardViaApi(server.url)).id
    expectApiError(await request(server.url, `/api/boards/${other}/assets/${fileName}`), 404, 'asset_not_found')
  })

  it.each([
    `${'A'.repeat(64)}.png`,
    `${'0'.repeat(63)}.png`,
    `${'0'.repeat(64)}.svg`,
    `${'0'.repeat(64)}.html`,
    `${'0'.repeat(64)}.png.html`,
    'secret.png',
    '.secret.png',
  ])('refuses the asset name %s with 400', async (name) => {
    const res = await request(server.url, `/api/boards/${boardId}/assets/${name}`)
    expectApiError(res, 400, 'invalid_asset_name')
  })

  it.each([
    '/api/boards/BOARD/assets/..%2f..%2fsecret.txt',
    '/api/boards/BOARD/assets/..%2fsecret.png',
    '/api/boards/BOARD/assets/%2e%2e%2fsecret.png',
    '/api/boards/BOARD/assets/../secret.png',
    '/api/boards/BOARD/assets/../../secret.txt',
    '/api/boards/BOARD/assets/..\\..\\secret.txt',
    `/api/boards/BOARD/assets/${'0'.repeat(64)}.png%00.txt`,
    '/api/boards/../assets/secret.png',
    '/api/boards/..%2f..%2fsecret.txt/assets/x.png',
    '/api/boards/%2e%2e/assets/secret.png',
    '/api/boards/assets/secret.png',
  ])('never leaks a file through %s', async (template) => {
    const res = await request(server.url, template.replace('BOARD', boardId))
    expect([400, 404, 405]).toContain(res.status)
    expect(res.text).not.toContain(SECRET)
    expect(String(res.headers['content-type'])).toMatch(/^application\/json/)
  })
})
