/**
 * "tldraw alone with the same records" for the phone benchmark (phone.ts): a minimal Vite app that
 * fetches the board's records as JSON, puts them into a tldraw store in one go, renders <Tldraw>
 * with its own UI and fits the largest picture (the base plan) on screen, as our page opens fitted to
 * the plan. Served the way a good static host would serve it — files compressed (brotli or gzip, as
 * the browser asks), hashed files cached immutable, the records and the page itself not cached — so
 * the figure is what tldraw itself costs on a phone, not what a naive server costs.
 * The board's pictures are copied from our server and served from the floor's own origin with our
 * server's headers (ours answers Cross-Origin-Resource-Policy: same-origin, so the floor may not
 * show them from there), so both pages fetch the same bytes under the same caching rules.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import zlib from 'node:zlib'
import { buildViteApp } from './viteApp.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.woff2': 'font/woff2', '.svg': 'image/svg+xml', '.png': 'image/png', '.map': 'application/json',
}
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map'])

export function buildPhoneFloorApp(dir: string): string {
  return buildViteApp(dir, [
    "import { createRoot } from 'react-dom/client'",
    "import { createTLStore, defaultBindingUtils, defaultShapeUtils, Tldraw, type Editor, type TLImageShape, type TLRecord } from 'tldraw'",
    "import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'",
    "import 'tldraw/tldraw.css'",
    '// Same self-hosted fonts as the app (text is measured with them), same locale.',
    'const assetUrls = getAssetUrlsByImport()',
    "const records = (await (await fetch('/records.json')).json()) as TLRecord[]",
    'const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })',
    'store.mergeRemoteChanges(() => store.put(records))',
    '// Opened fitted to the base plan (the largest picture), as our page opens fitted to the plan and pins.',
    'const fit = (editor: Editor) => {',
    "  const images = editor.getCurrentPageShapes().filter((s): s is TLImageShape => s.type === 'image')",
    '  const plan = images.sort((a, b) => b.props.w * b.props.h - a.props.w * a.props.h)[0]',
    '  const bounds = plan && editor.getShapePageBounds(plan)',
    '  if (bounds) editor.zoomToBounds(bounds, { inset: 16 })',
    '}',
    "createRoot(document.getElementById('root')!).render(",
    "  <div style={{ position: 'fixed', inset: 0 }}><Tldraw store={store} assetUrls={assetUrls} locale=\"zh-cn\" onMount={fit} /></div>,",
    ')',
  ], "optimizeDeps: { exclude: ['@tldraw/assets'] }, build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 8000, target: 'es2022' }")
}

export interface PhoneFloorServer { url: string; close(): Promise<void> }

interface Stored { body: Buffer; headers: Record<string, string> }

/**
 * Serves the built floor app with `records` as /records.json and each of `pictures` (a path on our
 * server → its body and headers there) at the same path.
 */
export async function servePhoneFloor(distDir: string, records: unknown[], pictures: Map<string, Stored>): Promise<PhoneFloorServer> {
  const compressed = new Map<string, { br: Buffer; gzip: Buffer; raw: Buffer }>()
  const variants = (key: string, raw: Buffer) => {
    let v = compressed.get(key)
    if (!v) {
      v = { raw, br: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }), gzip: zlib.gzipSync(raw, { level: 9 }) }
      compressed.set(key, v)
    }
    return v
  }
  const send = (req: http.IncomingMessage, res: http.ServerResponse, key: string, raw: Buffer, type: string, cache: string, compress: boolean) => {
    const accept = String(req.headers['accept-encoding'] ?? '')
    const headers: Record<string, string> = { 'content-type': type, 'cache-control': cache, vary: 'accept-encoding' }
    let body = raw
    if (compress) {
      const v = variants(key, raw)
      if (/\bbr\b/.test(accept)) { body = v.br; headers['content-encoding'] = 'br' }
      else if (/\bgzip\b/.test(accept)) { body = v.gzip; headers['content-encoding'] = 'gzip' }
    }
    res.writeHead(200, { ...headers, 'content-length': String(body.length) })
    res.end(body)
  }
  const recordsBody = Buffer.from(JSON.stringify(records))
  // Made once before the first page asks: compressing tldraw's chunk at brotli 11 takes seconds.
  for (const file of fs.readdirSync(path.join(distDir, 'assets'))) {
    if (COMPRESSIBLE.has(path.extname(file))) variants(`/assets/${file}`, fs.readFileSync(path.join(distDir, 'assets', file)))
  }
  variants('/records.json', recordsBody)
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://floor')
    if (url.pathname === '/records.json') return send(req, res, '/records.json', recordsBody, TYPES['.json'], 'no-store', true)
    const picture = pictures.get(url.pathname)
    if (picture) {
      res.writeHead(200, picture.headers)
      res.end(picture.body)
      return
    }
    const file = path.join(distDir, path.normalize(url.pathname === '/' ? '/index.html' : url.pathname))
    if (!file.startsWith(distDir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end()
      return
    }
    const ext = path.extname(file)
    const hashed = url.pathname.startsWith('/assets/')
    send(req, res, url.pathname, fs.readFileSync(file), TYPES[ext] ?? 'application/octet-stream',
      hashed ? 'public, max-age=31536000, immutable' : 'no-cache', COMPRESSIBLE.has(ext))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

/** Copies each picture the records name on our server (relative `/…` sources), body and headers. */
export async function copyPictures(serverUrl: string, records: unknown[]): Promise<Map<string, Stored>> {
  const out = new Map<string, Stored>()
  for (const r of records as { typeName: string; props?: { src?: string } }[]) {
    const src = r.typeName === 'asset' ? r.props?.src : undefined
    if (!src?.startsWith('/') || out.has(src)) continue
    const res = await fetch(serverUrl + src)
    if (!res.ok) throw new Error(`picture ${src}: ${res.status}`)
    const headers: Record<string, string> = {}
    for (const h of ['content-type', 'cache-control', 'etag', 'last-modified']) {
      const v = res.headers.get(h)
      if (v) headers[h] = v
    }
    out.set(src, { body: Buffer.from(await res.arrayBuffer()), headers })
  }
  return out
}
