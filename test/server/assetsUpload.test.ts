import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { UploadedAsset } from '../../src/shared/api.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import {
  CONTENT_TYPE_BY_EXT, HTML, IMAGES, SVG, createBoardViaApi, expectApiError, request, upload, type RawResponse,
} from './httpTestKit.js'

const LIMIT = 200 * 1024

/** A PNG header followed by `size` bytes of padding: sniffs as PNG, any size we like. */
function pngOfSize(size: number): Buffer {
  const out = Buffer.alloc(size, 0)
  IMAGES.png.copy(out)
  return out
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
}

describe('POST /api/boards/:id/assets', () => {
  let server: TestServer
  let boardId: string

  beforeEach(async () => {
    server = await startTestServer({ maxUploadBytes: LIMIT })
    boardId = (await createBoardViaApi(server.url)).id
  })

  afterEach(async () => {
    await server.stop()
  })

  it.each(Object.keys(IMAGES) as (keyof typeof IMAGES)[])('stores a %s under DATA_DIR by content hash and serves it back', async (ext) => {
    const bytes = IMAGES[ext]
    const res = await upload(server.url, boardId, bytes, CONTENT_TYPE_BY_EXT[ext])
    expect(res.status).toBe(201)
    const hash = createHash('sha256').update(bytes).digest('hex')
    expect(res.json<UploadedAsset>()).toEqual({ src: `/api/boards/${boardId}/assets/${hash}.${ext}` })

    const onDisk = path.join(server.dataDir, 'assets', boardId, `${hash}.${ext}`)
    expect(fs.readFileSync(onDisk).equals(bytes)).toBe(true)

    const served = await request(server.url, res.json<UploadedAsset>().src)
    expect(served.status).toBe(200)
    expect(served.headers['content-type']).toBe(CONTENT_TYPE_BY_EXT[ext])
    expect(served.body.equals(bytes)).toBe(true)
  })

  it('decides the type from the bytes, not the Content-Type header', async () => {
    const res = await upload(server.url, boardId, IMAGES.gif, 'text/html')
    expect(res.status).toBe(201)
    expect(res.json<UploadedAsset>().src).toMatch(/\.gif$/)
    const served = await request(server.url, res.json<UploadedAsset>().src)
    expect(served.headers['content-type']).toBe('image/gif')
  })

  it('keeps one file for the same image uploaded twice, and leaves no temp files', async () => {
    const first = await upload(server.url, boardId, IMAGES.png, 'image/png')
    const second = await upload(server.url, boardId, IMAGES.png, 'image/png')
    expect(second.status).toBe(201)
    expect(second.json<UploadedAsset>().src).toBe(first.json<UploadedAsset>().src)
    expect(filesUnder(path.join(server.dataDir, 'assets'))).toHaveLength(1)
  })

  it('keeps uploads across a server restart', async () => {
    const { src } = (await upload(server.url, boardId, IMAGES.webp, 'image/webp')).json<UploadedAsset>()
    await server.restart()
    const served = await request(server.url, src)
    expect(served.status).toBe(200)
    expect(served.body.equals(IMAGES.webp)).toBe(true)
  })

  it.each([
    ['an SVG', SVG, 'image/svg+xml'],
    ['an SVG with an XML declaration', `<?xml version="1.0"?>${SVG}`, 'image/svg+xml'],
    ['plain text', 'just some words, not a picture', 'text/plain'],
    ['HTML claiming to be a PNG', HTML, 'image/png'],
    ['a truncated PNG signature', IMAGES.png.subarray(0, 6), 'image/png'],
  ])('refuses %s with 415, naming the four accepted types, and stores nothing', async (_what, body, type) => {
    const res = await upload(server.url, boardId, body, type)
    const message = expectApiError(res, 415, 'unsupported_image_type')
    for (const name of ['PNG', 'JPEG', 'WebP', 'GIF']) expect(message).toContain(name)
    expect(filesUnder(path.join(server.dataDir, 'assets'))).toEqual([])
  })

  it('refuses an empty body with 400', async () => {
    expectApiError(await upload(server.url, boardId, Buffer.alloc(0), 'image/png'), 400, 'empty_upload')
  })

  it('accepts an image of exactly the limit', async () => {
    expect((await upload(server.url, boardId, pngOfSize(LIMIT), 'image/png')).status).toBe(201)
  })

  it('refuses an image over the limit with 413, saying the limit in MB, and stores nothing', async () => {
    const res = await upload(server.url, boardId, pngOfSize(LIMIT + 1), 'image/png')
    expect(expectApiError(res, 413, 'upload_too_large')).toContain('0.2 MB')
    expect(filesUnder(path.join(server.dataDir, 'assets'))).toEqual([])
  })

  it('answers 413 before an oversized streamed body has finished arriving', async () => {
    // Chunked, no Content-Length: the server can only notice by counting. The request is ended only
    // after the answer came, so the answer cannot have waited for (or buffered) the whole body.
    const { hostname, port } = new URL(server.url)
    const res = await new Promise<RawResponse>((resolve, reject) => {
      const req = http.request({ host: hostname, port, method: 'POST', path: `/api/boards/${boardId}/assets`, agent: false })
      req.on('error', reject)
      req.on('response', (r) => {
        const chunks: Buffer[] = []
        r.on('data', (c: Buffer) => chunks.push(c))
        r.on('end', () => {
          const text = Buffer.concat(chunks).toString()
          resolve({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks), text, json: () => JSON.parse(text) })
        })
        req.end()
      })
      req.write(pngOfSize(LIMIT + 50 * 1024))
    })
    expectApiError(res, 413, 'upload_too_large')
  })

  it('answers 413 from the declared Content-Length alone, before any byte of the body', async () => {
    const { hostname, port } = new URL(server.url)
    const res = await new Promise<RawResponse>((resolve, reject) => {
      const req = http.request({
        host: hostname, port, method: 'POST', path: `/api/boards/${boardId}/assets`, agent: false,
        headers: { 'content-length': String(50 * 1024 * 1024), 'content-type': 'image/png' },
      })
      req.on('error', reject)
      req.on('response', (r) => {
        const chunks: Buffer[] = []
        r.on('data', (c: Buffer) => chunks.push(c))
        r.on('end', () => {
          const text = Buffer.concat(chunks).toString()
          resolve({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks), text, json: () => JSON.parse(text) })
          req.destroy()
        })
      })
      req.flushHeaders()
    })
    expect(expectApiError(res, 413, 'upload_too_large')).toContain('MB')
  })

  it('refuses an upload to a board that does not exist with 404', async () => {
    expectApiError(await upload(server.url, 'AAAAAAAAAAAAAAAAAAAAAA', IMAGES.png, 'image/png'), 404, 'board_not_found')
    expect(filesUnder(path.join(server.dataDir, 'assets'))).toEqual([])
  })

  it.each(['bad', '..', '%2e%2e', '..%2f..%2ftmp', 'a.b.c.d.e.f.g.h'])('refuses an upload to the board id %s', async (id) => {
    const res = await upload(server.url, id, IMAGES.png, 'image/png')
    expect([400, 404]).toContain(res.status)
    expect(filesUnder(path.join(server.dataDir, 'assets'))).toEqual([])
  })

  it('keeps serving after a client drops mid-upload', async () => {
    const { hostname, port } = new URL(server.url)
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: hostname, port, method: 'POST', path: `/api/boards/${boardId}/assets`, agent: false,
        headers: { 'content-length': String(100 * 1024) },
      })
      req.on('error', () => resolve())
      req.write(IMAGES.png, () => {
        req.destroy()
        resolve()
      })
    })
    expect((await upload(server.url, boardId, IMAGES.jpg, 'image/jpeg')).status).toBe(201)
    expect(filesUnder(path.join(server.dataDir, 'assets'))).toHaveLength(1)
  })
})
