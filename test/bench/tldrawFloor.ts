/**
 * The floor of the cold-load benchmark: the same board records loaded into tldraw with no sync at
 * all (no Yjs, no server round trip, none of our UI), in the same Chromium. A minimal Vite app
 * fetches the records as JSON, puts them into a tldraw store in one go and renders <Tldraw>; what
 * it takes is what tldraw itself costs for these shapes (text measurement, rich text, React).
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { buildViteApp } from './viteApp.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.woff2': 'font/woff2', '.svg': 'image/svg+xml', '.png': 'image/png', '.map': 'application/json',
}

/** Build the floor app (once per run) into `dir`/dist; returns that folder. */
export function buildFloorApp(dir: string): string {
  return buildViteApp(dir, [
    "import { createRoot } from 'react-dom/client'",
    "import { createTLStore, defaultBindingUtils, defaultShapeUtils, Tldraw, type TLRecord } from 'tldraw'",
    "import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'",
    "import 'tldraw/tldraw.css'",
    '// Same self-hosted fonts as the app (text is measured with them), same locale.',
    'const assetUrls = getAssetUrlsByImport()',
    "const records = (await (await fetch('/records.json' + location.search)).json()) as TLRecord[]",
    'const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })',
    'store.mergeRemoteChanges(() => store.put(records))',
    "createRoot(document.getElementById('root')!).render(",
    "  <div style={{ position: 'fixed', inset: 0 }}><Tldraw store={store} assetUrls={assetUrls} locale=\"zh-cn\" /></div>,",
    ')',
  ], "optimizeDeps: { exclude: ['@tldraw/assets'] }, build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 8000, target: 'es2022' }")
}

export interface FloorServer { url: string; close(): Promise<void> }

/** Serve the built floor app, with `records` as /records.json (and none for /records.json?empty). */
export async function serveFloor(distDir: string, records: unknown[]): Promise<FloorServer> {
  const body = Buffer.from(JSON.stringify(records))
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://floor')
    if (url.pathname === '/records.json') {
      res.writeHead(200, { 'content-type': TYPES['.json'] })
      res.end(url.search === '?empty' ? '[]' : body)
      return
    }
    const file = path.join(distDir, path.normalize(url.pathname === '/' ? '/index.html' : url.pathname))
    if (!file.startsWith(distDir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' })
    fs.createReadStream(file).pipe(res)
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
