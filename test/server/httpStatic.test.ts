import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { expectApiError, request } from './httpTestKit.js'

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd.js"></script></head><body>SHELL-MARKER</body></html>'
const SECRET = 'TOP-SECRET-CONTENT-91c2'
const HTML_ACCEPT = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }

/** A fake Vite build, with secrets beside it that no URL may reach. */
function makeClientDir(root: string): string {
  const clientDir = path.join(root, 'client')
  const files: Record<string, string> = {
    'index.html': INDEX,
    'sw.js': 'self.addEventListener("fetch", () => {})',
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'favicon.ico': 'ico',
    'manifest.webmanifest': '{"name":"CommonGround"}',
    'assets/index-Ab12Cd.js': 'console.log("app")',
    'assets/index-Ab12Cd.js.map': '{"version":3}',
    'assets/index-Ef34Gh.css': 'body{margin:0}',
    'assets/IBMPlexSans-Medium-Xy12.woff2': 'wOF2',
    'assets/Shantell-Zz99.woff': 'wOFF',
    'assets/icon-arrow-Qq11.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'assets/zh-cn-Ww22.json': '{"action.undo":"撤销"}',
    'assets/image-Rr33.png': 'png',
    'assets/blob-Tt44.unknownext': 'bytes',
    '.env': `SECRET=${SECRET}`,
  }
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(clientDir, name)), { recursive: true })
    fs.writeFileSync(path.join(clientDir, name), content)
  }
  fs.writeFileSync(path.join(root, 'secret.txt'), SECRET)
  // A sibling whose name starts like clientDir's: a naive prefix check ("startsWith(clientDir)") lets it through.
  fs.mkdirSync(path.join(root, 'client-private'))
  fs.writeFileSync(path.join(root, 'client-private', 'secret.txt'), SECRET)
  return clientDir
}

describe('static client files', () => {
  let root: string
  let server: TestServer

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-client-'))
    server = await startTestServer({ clientDir: makeClientDir(root) })
  })

  afterAll(async () => {
    await server.stop()
    fs.rmSync(root, { recursive: true, force: true })
  })

  it('serves index.html at / with a strict Content-Security-Policy and no-cache', async () => {
    const res = await request(server.url, '/', { headers: HTML_ACCEPT })
    expect(res.status).toBe(200)
    expect(res.text).toBe(INDEX)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('same-origin')
    const csp = String(res.headers['content-security-policy'])
    const directives = new Map(csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name, values] as const
    }))
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'self'"])
    expect(directives.get('frame-ancestors')).toEqual(["'self'"])
    expect(directives.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'data:', 'blob:']))
    expect(directives.get('connect-src')).toEqual(expect.arrayContaining(["'self'", 'ws:', 'wss:']))
    expect(directives.get('worker-src')).toEqual(expect.arrayContaining(["'self'"]))
    // No directive may allow inline or evaluated script, nor any foreign host.
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/)
    expect(csp).not.toMatch(/https?:|\*/)
  })

  it.each(['/index.html', '/b/AAAAAAAAAAAAAAAAAAAAAA', '/b/not-a-board-id', '/b/some/deeper/path', '/b/%E5%9B%AD', '/new', '/join/AAAAAAAAAAAAAAAAAAAAAA', '/p/AAAAAAAAAAAAAAAAAAAAAA', '/n/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/w/AAAAAAAAAAAAAAAAAAAAAA'])(
    'serves the app shell for the app route %s', async (p) => {
      const res = await request(server.url, p, { headers: HTML_ACCEPT })
      expect(res.status).toBe(200)
      expect(res.text).toBe(INDEX)
      expect(res.headers['content-security-policy']).toContain("script-src 'self'")
    },
  )

  it.each([
    ['/sw.js', 'text/javascript; charset=utf-8', 'no-cache'],
    ['/favicon.svg', 'image/svg+xml', 'no-cache'],
    ['/favicon.ico', 'image/x-icon', 'no-cache'],
    ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8', 'no-cache'],
    ['/assets/index-Ab12Cd.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/assets/index-Ab12Cd.js.map', 'application/json; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/assets/index-Ef34Gh.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/assets/IBMPlexSans-Medium-Xy12.woff2', 'font/woff2', 'public, max-age=31536000, immutable'],
    ['/assets/Shantell-Zz99.woff', 'font/woff', 'public, max-age=31536000, immutable'],
    ['/assets/icon-arrow-Qq11.svg', 'image/svg+xml', 'public, max-age=31536000, immutable'],
    ['/assets/zh-cn-Ww22.json', 'application/json; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/assets/image-Rr33.png', 'image/png', 'public, max-age=31536000, immutable'],
    ['/assets/blob-Tt44.unknownext', 'application/octet-stream', 'public, max-age=31536000, immutable'],
  ])('serves %s as %s with Cache-Control: %s', async (p, type, cache) => {
    const res = await request(server.url, p)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe(type)
    expect(res.headers['cache-control']).toBe(cache)
    expect(res.body.equals(fs.readFileSync(path.join(server.config.clientDir, p)))).toBe(true)
  })

  it('ignores the query string', async () => {
    const res = await request(server.url, '/assets/index-Ab12Cd.js?v=1#x')
    expect(res.status).toBe(200)
    expect(res.text).toBe('console.log("app")')
  })

  it('revalidates with ETag: 304 when unchanged', async () => {
    const first = await request(server.url, '/sw.js')
    const etag = first.headers.etag!
    expect(etag).toBeTruthy()
    const again = await request(server.url, '/sw.js', { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
    const shell = await request(server.url, '/', { headers: { 'if-none-match': (await request(server.url, '/')).headers.etag! } })
    expect(shell.status).toBe(304)
  })

  it('answers HEAD with headers and no body', async () => {
    const res = await request(server.url, '/assets/index-Ef34Gh.css', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.body.length).toBe(0)
    expect(res.headers['content-length']).toBe(String('body{margin:0}'.length))
  })

  it('answers a missing build file with a JSON 404, never with the HTML shell', async () => {
    const res = await request(server.url, '/assets/index-OLD000.js', { headers: HTML_ACCEPT })
    expectApiError(res, 404, 'not_found')
  })

  it('shows a browser the app (with status 404) for an unknown page, and a program a JSON 404', async () => {
    const page = await request(server.url, '/no-such-page', { headers: HTML_ACCEPT })
    expect(page.status).toBe(404)
    expect(page.text).toBe(INDEX)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expectApiError(await request(server.url, '/no-such-page'), 404, 'not_found')
  })

  it.each([
    '/..%2f..%2fsecret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/../../secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
    '/assets/..%252f..%252fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/../client-private/secret.txt',
    '/%2e%2e%2fclient-private%2fsecret.txt',
    '/b/../../secret.txt',
    '/b/..%2f..%2fsecret.txt',
    '/secret.txt%00.js',
    '/assets/%00',
    '/.env',
    '/assets/../.env',
    '//secret.txt',
    `//${'..'}/secret.txt`,
    'http://127.0.0.1/../../secret.txt',
    'http://127.0.0.1/%2e%2e/%2e%2e/secret.txt',
  ])('never leaks a file through %s', async (p) => {
    for (const headers of [{}, HTML_ACCEPT]) {
      const res = await request(server.url, p, { headers })
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.text).not.toContain(SECRET)
    }
  })
})

describe('static client files when the app is not built', () => {
  let server: TestServer
  let emptyDir: string

  beforeAll(async () => {
    emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-empty-client-'))
    server = await startTestServer({ clientDir: emptyDir })
  })

  afterAll(async () => {
    await server.stop()
    fs.rmSync(emptyDir, { recursive: true, force: true })
  })

  it.each(['/', '/b/AAAAAAAAAAAAAAAAAAAAAA'])('tells a person at %s to run npm run build (503, plain text)', async (p) => {
    const res = await request(server.url, p, { headers: HTML_ACCEPT })
    expect(res.status).toBe(503)
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(res.text).toContain('npm run build')
  })

  it('tells a program the same as an ApiError', async () => {
    const res = await request(server.url, '/')
    expect(expectApiError(res, 503, 'client_not_built')).toContain('npm run build')
  })

  it('still serves the API', async () => {
    expect((await request(server.url, '/healthz')).status).toBe(200)
  })
})

describe('the page\'s own inline script', () => {
  let root: string
  let server: TestServer
  const scriptOf = (html: string) => /<script id="own">([\s\S]*?)<\/script>/.exec(html)![1]
  const page = (body: string) => `<!doctype html><html><head><script id="own">${body}</script><script type="module" src="/assets/index-Ab12Cd.js"></script></head><body></body></html>`
  const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
  const scriptSrc = (res: { headers: Record<string, unknown> }) =>
    String(res.headers['content-security-policy']).split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === 'script-src')!.slice(1)

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-inline-'))
    fs.mkdirSync(path.join(root, 'assets'))
    fs.writeFileSync(path.join(root, 'index.html'), page('var early = "早";'))
    fs.writeFileSync(path.join(root, 'assets/index-Ab12Cd.js'), 'console.log("app")')
    server = await startTestServer({ clientDir: root })
  })

  afterAll(async () => {
    await server.stop()
    fs.rmSync(root, { recursive: true, force: true })
  })

  it('is allowed by the hash of its exact text, never by \'unsafe-inline\', and only on the page itself', async () => {
    for (const p of ['/', '/p/AAAAAAAAAAAAAAAAAAAAAA', '/no-such-page']) {
      const res = await request(server.url, p, { headers: HTML_ACCEPT })
      expect(scriptSrc(res)).toEqual(["'self'", sha256(scriptOf(res.text))])
    }
    // A script file gets no inline allowance at all.
    expect(scriptSrc(await request(server.url, '/assets/index-Ab12Cd.js'))).toEqual(["'self'"])
  })

  it('follows a new build: the next request names the new page\'s script, not the old one\'s', async () => {
    const before = scriptSrc(await request(server.url, '/', { headers: HTML_ACCEPT }))
    // Of the same size, as a new build's page usually is, and with the old modification time, as a
    // deployment that pins file times leaves it.
    const html = page('var early = "晚";')
    const { mtime } = fs.statSync(path.join(root, 'index.html'))
    fs.writeFileSync(path.join(root, 'index.html'), html)
    fs.utimesSync(path.join(root, 'index.html'), mtime, mtime)
    const after = scriptSrc(await request(server.url, '/', { headers: HTML_ACCEPT }))
    expect(after).toEqual(["'self'", sha256(scriptOf(html))])
    expect(after).not.toContain(before[1])
  })
})
