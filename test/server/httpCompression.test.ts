import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { precompress } from '../../vite.config.js'
import { acceptedEncodings } from '../../server/http/contentEncoding.js'
import { addNeed, openRoom } from './participationTestKit.js'
import { request, type RawResponse } from './httpTestKit.js'

const SECRET = 'TOP-SECRET-CONTENT-5be0'
const JS = 'assets/dist-esm-Ab12Cd.js'
const IMMUTABLE = 'public, max-age=31536000, immutable'

/** Something like a real chunk: large, repetitive enough to compress, not trivially so. */
function fakeChunk(): string {
  const lines: string[] = []
  for (let i = 0; i < 3000; i++) lines.push(`export function shape${i}(editor){return editor.getShape("shape:${(i * 7919) % 10007}")?.props.w??${i}}`)
  return lines.join('\n')
}

const FILES: Record<string, string> = {
  'index.html': `<!doctype html><html><head><script type="module" src="/${JS}"></script></head><body>${'<div class="shell"></div>'.repeat(80)}SHELL-MARKER</body></html>`,
  'sw.js': `self.addEventListener("fetch", () => {});\n${'// service worker\n'.repeat(200)}`,
  [JS]: fakeChunk(),
  'assets/index-Ef34Gh.css': 'body{margin:0}',
  'assets/plan-Rr33.png': 'x'.repeat(5000),
}

/** Runs the build's own precompress step (vite.config.ts) over a directory laid out like a build. */
async function buildClientDir(root: string): Promise<string> {
  const clientDir = path.join(root, 'client')
  for (const [name, content] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(clientDir, name)), { recursive: true })
    fs.writeFileSync(path.join(clientDir, name), content)
  }
  const plugin = precompress()
  const hook = plugin.writeBundle as { handler: (options: { dir: string }, bundle: Record<string, unknown>) => Promise<void> }
  await hook.handler({ dir: clientDir }, Object.fromEntries(Object.keys(FILES).map((name) => [name, {}])))
  // Outside the client dir, compressed copies of a secret: no Accept-Encoding may reach them.
  fs.writeFileSync(path.join(root, 'secret.txt'), SECRET)
  fs.writeFileSync(path.join(root, 'secret.txt.br'), zlib.brotliCompressSync(SECRET))
  fs.writeFileSync(path.join(root, 'secret.txt.gz'), zlib.gzipSync(SECRET))
  return clientDir
}

function decode(res: RawResponse): Buffer {
  const encoding = res.headers['content-encoding']
  if (encoding === 'br') return zlib.brotliDecompressSync(res.body)
  if (encoding === 'gzip') return zlib.gunzipSync(res.body)
  expect(encoding).toBeUndefined()
  return res.body
}

describe('compressed static files', () => {
  let root: string
  let clientDir: string
  let server: TestServer

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-compress-'))
    clientDir = await buildClientDir(root)
    server = await startTestServer({ clientDir })
  })

  afterAll(async () => {
    await server.stop()
    fs.rmSync(root, { recursive: true, force: true })
  })

  it('the build writes .br and .gz copies of text files worth compressing, and only those', () => {
    const has = (name: string) => fs.existsSync(path.join(clientDir, name))
    for (const name of [JS, 'index.html', 'sw.js']) {
      expect(has(`${name}.br`), name).toBe(true)
      expect(has(`${name}.gz`), name).toBe(true)
      expect(fs.statSync(path.join(clientDir, `${name}.br`)).size).toBeLessThan(fs.statSync(path.join(clientDir, name)).size)
    }
    // Too small to gain anything, and an image (compressed in its own format).
    expect(has('assets/index-Ef34Gh.css.br')).toBe(false)
    expect(has('assets/plan-Rr33.png.br')).toBe(false)
    expect(has('assets/plan-Rr33.png.gz')).toBe(false)
  })

  it.each([
    ['br', 'br'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['x-gzip', 'gzip'],
    ['identity', undefined],
    ['', undefined],
    ['deflate', undefined],
  ])('a hashed JS asset asked for with Accept-Encoding "%s" is sent as %s, decoding to the same file', async (accept, expected) => {
    const res = await request(server.url, `/${JS}`, { headers: { 'accept-encoding': accept } })
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe(expected)
    expect(res.headers['vary']).toBe('Accept-Encoding')
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(res.headers['cache-control']).toBe(IMMUTABLE)
    expect(res.headers['content-length']).toBe(String(res.body.length))
    const onDisk = path.join(clientDir, JS) + (expected === 'br' ? '.br' : expected === 'gzip' ? '.gz' : '')
    expect(res.body.length).toBe(fs.statSync(onDisk).size)
    expect(decode(res).equals(fs.readFileSync(path.join(clientDir, JS)))).toBe(true)
  })

  it('a request without Accept-Encoding gets the file itself', async () => {
    const res = await request(server.url, `/${JS}`)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.headers['vary']).toBe('Accept-Encoding')
    expect(res.body.equals(fs.readFileSync(path.join(clientDir, JS)))).toBe(true)
  })

  it('index.html and the service worker are compressed too and stay no-cache', async () => {
    for (const p of ['/', '/p/AAAAAAAAAAAAAAAAAAAAAA', '/sw.js']) {
      const res = await request(server.url, p, { headers: { 'accept-encoding': 'gzip, br', accept: 'text/html' } })
      expect(res.status, p).toBe(200)
      expect(res.headers['content-encoding'], p).toBe('br')
      expect(res.headers['cache-control'], p).toBe('no-cache')
      expect(decode(res).toString(), p).toBe(FILES[p === '/sw.js' ? 'sw.js' : 'index.html'])
    }
    const missing = await request(server.url, '/no-such-page', { headers: { 'accept-encoding': 'gzip', accept: 'text/html' } })
    expect(missing.status).toBe(404)
    expect(decode(missing).toString()).toBe(FILES['index.html'])
  })

  it('HEAD describes the compressed form it would send (its length), with no body', async () => {
    const br = await request(server.url, `/${JS}`, { method: 'HEAD', headers: { 'accept-encoding': 'br' } })
    expect(br.status).toBe(200)
    expect(br.body.length).toBe(0)
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['content-length']).toBe(String(fs.statSync(path.join(clientDir, `${JS}.br`)).size))
    const plain = await request(server.url, `/${JS}`, { method: 'HEAD' })
    expect(plain.headers['content-length']).toBe(String(fs.statSync(path.join(clientDir, JS)).size))
  })

  it('each form has its own ETag: a 304 only for the form the tag names', async () => {
    const br = await request(server.url, `/${JS}`, { headers: { 'accept-encoding': 'br' } })
    const gz = await request(server.url, `/${JS}`, { headers: { 'accept-encoding': 'gzip' } })
    const plain = await request(server.url, `/${JS}`)
    const tags = [br.headers.etag, gz.headers.etag, plain.headers.etag]
    expect(new Set(tags).size).toBe(3)
    const again = await request(server.url, `/${JS}`, { headers: { 'accept-encoding': 'br', 'if-none-match': br.headers.etag! } })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
    expect(again.headers['content-encoding']).toBe('br')
    expect(again.headers['vary']).toBe('Accept-Encoding')
    // A gzip tag revalidated by a client that now takes brotli: the brotli form, in full.
    const switched = await request(server.url, `/${JS}`, { headers: { 'accept-encoding': 'br', 'if-none-match': gz.headers.etag! } })
    expect(switched.status).toBe(200)
    expect(decode(switched).equals(fs.readFileSync(path.join(clientDir, JS)))).toBe(true)
  })

  it('a Range request gets the whole file (ranges are not offered), still decodable', async () => {
    const res = await request(server.url, `/${JS}`, { headers: { 'accept-encoding': 'br', range: 'bytes=0-99' } })
    expect(res.status).toBe(200)
    expect(res.headers['accept-ranges']).toBeUndefined()
    expect(res.headers['content-range']).toBeUndefined()
    expect(decode(res).equals(fs.readFileSync(path.join(clientDir, JS)))).toBe(true)
  })

  it('a copy older than its file (left from an earlier build) is never sent', async () => {
    const name = 'assets/stale-Qq11.js'
    const file = path.join(clientDir, name)
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync('console.log("OLD BUILD")'.repeat(100)))
    fs.writeFileSync(file, 'console.log("new build")'.repeat(100))
    const past = new Date(Date.now() - 60_000)
    fs.utimesSync(`${file}.br`, past, past)
    const res = await request(server.url, `/${name}`, { headers: { 'accept-encoding': 'br' } })
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.text).toContain('new build')
  })

  it('a compressed copy without its file is not served in the file\'s place', async () => {
    fs.writeFileSync(path.join(clientDir, 'assets/orphan-Zz00.js.br'), zlib.brotliCompressSync('x'.repeat(2000)))
    const res = await request(server.url, '/assets/orphan-Zz00.js', { headers: { 'accept-encoding': 'br' } })
    expect(res.status).toBe(404)
  })

  it.each([
    'br'.repeat(2000),
    'br;q=abc, gzip;q=-1',
    'br;q=1.5',
    '../../secret.txt',
    '/../../secret.txt.br',
    'br\t;;;q=,,,gzip;q',
    ',,,,,',
    ';q=1',
    'br, ' + 'x;q=0.5, '.repeat(500),
    '%2e%2e%2fsecret',
  ])('a hostile Accept-Encoding (%#) neither crashes the server nor changes which file is read', async (accept) => {
    const res = await request(server.url, `/${JS}`, { headers: { 'accept-encoding': accept } })
    expect(res.status).toBe(200)
    expect(decode(res).equals(fs.readFileSync(path.join(clientDir, JS)))).toBe(true)
    expect((await request(server.url, '/healthz')).status).toBe(200)
  })

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/secret.txt',
    '/..%2fsecret.txt.br',
    '/../secret.txt.gz',
    '/secret.txt%00.br',
  ])('never leaks a file outside the client dir through %s, whatever the client accepts', async (p) => {
    for (const accept of ['br', 'gzip', '*', '']) {
      const res = await request(server.url, p, { headers: { 'accept-encoding': accept } })
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(decode(res).toString()).not.toContain(SECRET)
    }
  })
})

describe('reading Accept-Encoding', () => {
  it.each([
    ['br, gzip', ['br', 'gzip']],
    ['gzip;q=0.8, br;q=0.9', ['br', 'gzip']],
    ['gzip;q=0.9, br;q=0.8', ['gzip', 'br']],
    ['GZIP', ['gzip']],
    ['*;q=0.5, br;q=0', ['gzip']],
    ['identity;q=1, *;q=0', []],
    ['br;q=0.0001', []],
    [undefined, []],
  ] as const)('"%s" → %j', (header, expected) => {
    expect(acceptedEncodings(header)).toEqual(expected)
  })
})

describe('compressed JSON answers', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer()
  })

  afterAll(async () => {
    await server.stop()
  })

  it('a big answer (participation with many needs) is compressed for a client that accepts it, a small one is not', async () => {
    const room = await openRoom(server)
    await room.moveTo('needs')
    for (let i = 0; i < 12; i++) await addNeed(room, room.resident, `第${i}条：希望在院子东边的大树下放几张带靠背的长椅，方便老人下午坐着聊天、晒太阳，也方便带孩子的家长休息。`)
    const path = `${room.base}/participation`
    const auth = { authorization: `Bearer ${room.resident.token}` }
    const plain = await request(server.url, path, { headers: auth })
    expect(plain.status).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.length).toBeGreaterThan(4096)
    for (const [accept, encoding] of [['br', 'br'], ['gzip', 'gzip'], ['gzip, deflate, br', 'br']] as const) {
      const res = await request(server.url, path, { headers: { ...auth, 'accept-encoding': accept } })
      expect(res.status).toBe(200)
      expect(res.headers['content-encoding']).toBe(encoding)
      expect(res.headers['vary']).toBe('Accept-Encoding')
      expect(res.headers['cache-control']).toBe('no-store')
      expect(res.headers['content-length']).toBe(String(res.body.length))
      expect(res.body.length).toBeLessThan(plain.body.length / 2)
      expect(JSON.parse(decode(res).toString())).toEqual(plain.json())
    }
    const small = await request(server.url, '/api/config', { headers: { 'accept-encoding': 'br' } })
    expect(small.status).toBe(200)
    expect(small.headers['content-encoding']).toBeUndefined()
    expect(small.json()).toHaveProperty('maxUploadBytes')
    // An error answer to a hostile header is still a readable JSON error.
    const refused = await request(server.url, path, { headers: { 'accept-encoding': 'br;q=abc' } })
    expect(refused.status).toBe(401)
    expect(refused.headers['content-encoding']).toBeUndefined()
  })
})
