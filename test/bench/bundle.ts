/**
 * Issue 6 point 7 — bundle. Builds our client (into a temp dir: dist/ is shared) and a minimal
 * tldraw-alone app with the same Vite, then sums the gzip size of the JavaScript each loads up front:
 * the entry chunk plus everything it imports statically (from Vite's build manifest), and for us also
 * what a board route adds. Chunks loaded only on demand are listed with their sizes.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js'
import { kib } from './processStats.js'

interface ManifestChunk { file: string; src?: string; name?: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }
type Manifest = Record<string, ManifestChunk>

const root = process.cwd()
const cacheDir = path.join(root, 'node_modules/.cache/cg-bench/bundle')

function viteBuild(args: string[]): void {
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error', ...args], { cwd: root, stdio: 'inherit' })
}

function readManifest(outDir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest
}

/** Keys of `start` and every chunk reachable from them through static imports. */
function staticClosure(manifest: Manifest, start: string[]): Set<string> {
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return
    seen.add(key)
    for (const k of manifest[key].imports ?? []) visit(k)
  }
  start.forEach(visit)
  return seen
}

function gzipBytes(outDir: string, file: string): { raw: number; gz: number } {
  const buf = fs.readFileSync(path.join(outDir, file))
  return { raw: buf.length, gz: zlib.gzipSync(buf, { level: 9 }).length }
}

function sum(manifest: Manifest, outDir: string, keys: Iterable<string>): { raw: number; gz: number; files: number } {
  let raw = 0, gz = 0, files = 0
  for (const k of keys) {
    const f = manifest[k].file
    if (!f.endsWith('.js')) continue
    const s = gzipBytes(outDir, f)
    raw += s.raw
    gz += s.gz
    files++
  }
  return { raw, gz, files }
}

/** Group a source path: a package under node_modules, or src/<folder>. */
function sourceGroup(source: string): string {
  const nm = source.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const rest = source.slice(nm + 'node_modules/'.length).split('/')
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]
  }
  const src = /(?:^|\/)src\/([^/]+)/.exec(source)
  return src ? `src/${src[1]}` : source
}

/** Minified bytes each package / source folder contributes to the given chunks (from their source maps). */
function attribute(outDir: string, files: string[]): Map<string, number> {
  const bytes = new Map<string, number>()
  for (const file of files) {
    const mapFile = path.join(outDir, `${file}.map`)
    if (!fs.existsSync(mapFile)) continue
    const code = fs.readFileSync(path.join(outDir, file), 'utf8').split('\n')
    const consumer = new SourceMapConsumer(JSON.parse(fs.readFileSync(mapFile, 'utf8')) as RawSourceMap)
    const spans: { line: number; col: number; source: string | null }[] = []
    consumer.eachMapping((m) => spans.push({ line: m.generatedLine, col: m.generatedColumn, source: m.source }), null, SourceMapConsumer.GENERATED_ORDER)
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i]
      const next = spans[i + 1]
      const end = next && next.line === s.line ? next.col : code[s.line - 1]?.length ?? s.col
      const g = s.source ? sourceGroup(path.relative(root, path.resolve(path.dirname(mapFile), s.source))) : '(no source)'
      bytes.set(g, (bytes.get(g) ?? 0) + Math.max(0, end - s.col))
    }
  }
  return bytes
}

function buildTldrawAlone(): string {
  const dir = path.join(cacheDir, 'tldraw-alone')
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="UTF-8" /></head><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n')
  fs.writeFileSync(path.join(dir, 'src/main.tsx'), [
    "import { createRoot } from 'react-dom/client'",
    "import { Tldraw } from 'tldraw'",
    "import 'tldraw/tldraw.css'",
    "createRoot(document.getElementById('root')!).render(<div style={{ position: 'fixed', inset: 0 }}><Tldraw /></div>)",
    '',
  ].join('\n'))
  fs.writeFileSync(path.join(dir, 'vite.config.mjs'), [
    "import { defineConfig } from 'vite'",
    "import react from '@vitejs/plugin-react'",
    "export default defineConfig({ root: import.meta.dirname, plugins: [react()], build: { outDir: 'dist', emptyOutDir: true, manifest: true, sourcemap: true, chunkSizeWarningLimit: 8000 } })",
    '',
  ].join('\n'))
  viteBuild(['--config', path.join(dir, 'vite.config.mjs')])
  return path.join(dir, 'dist')
}

export async function benchBundle(log: (l: string) => void): Promise<string> {
  const oursDir = path.join(cacheDir, 'client')
  viteBuild(['--outDir', oursDir, '--emptyOutDir', '--manifest', '--sourcemap'])
  log('our client built')
  const aloneDir = buildTldrawAlone()
  log('tldraw-alone built')

  const ours = readManifest(oursDir)
  const alone = readManifest(aloneDir)
  const entryKey = Object.keys(ours).find((k) => ours[k].isEntry && k.endsWith('index.html'))!
  const aloneEntry = Object.keys(alone).find((k) => alone[k].isEntry)!
  const aloneSize = sum(alone, aloneDir, staticClosure(alone, [aloneEntry]))

  const initial = staticClosure(ours, [entryKey])
  const routeKeys = Object.keys(ours).filter((k) => /src\/(board\/BoardPage|workflow\/ProjectBoardPage)\.tsx$/.test(k))
  const rows: string[] = []
  const initialSize = sum(ours, oursDir, initial)
  rows.push(`| tldraw alone (entry + static imports) | ${aloneSize.files} | ${kib(aloneSize.raw)} | ${kib(aloneSize.gz)} | 1.00× |`)
  rows.push(`| ours: first page (index.html entry + static imports) | ${initialSize.files} | ${kib(initialSize.raw)} | ${kib(initialSize.gz)} | ${(initialSize.gz / aloneSize.gz).toFixed(2)}× |`)
  const routeClosures = new Set(initial)
  for (const key of routeKeys) {
    const closure = staticClosure(ours, [entryKey, key])
    closure.forEach((k) => routeClosures.add(k))
    const s = sum(ours, oursDir, closure)
    rows.push(`| ours: ${key} route (entry + its lazy page + their static imports) | ${s.files} | ${kib(s.raw)} | ${kib(s.gz)} | ${(s.gz / aloneSize.gz).toFixed(2)}× |`)
  }
  const onDemand = Object.keys(ours)
    .filter((k) => !routeClosures.has(k) && ours[k].file.endsWith('.js') && !ours[k].file.endsWith('sw.js'))
    .map((k) => ({ k, ...gzipBytes(oursDir, ours[k].file) }))
    .sort((a, b) => b.gz - a.gz)
  const worstRoute = Math.max(...routeKeys.map((key) => sum(ours, oursDir, staticClosure(ours, [entryKey, key])).gz))
  const routeFiles = [...routeClosures].map((k) => ours[k].file).filter((f) => f.endsWith('.js'))
  const oursGroups = attribute(oursDir, routeFiles)
  const aloneFiles = [...staticClosure(alone, [aloneEntry])].map((k) => alone[k].file).filter((f) => f.endsWith('.js'))
  const aloneGroups = attribute(aloneDir, aloneFiles)
  const added = [...new Set([...oursGroups.keys(), ...aloneGroups.keys()])]
    .map((g) => ({ g, ours: oursGroups.get(g) ?? 0, alone: aloneGroups.get(g) ?? 0 }))
    .map((x) => ({ ...x, added: x.ours - x.alone }))
    .sort((a, b) => b.added - a.added)
  const total = (m: Map<string, number>) => [...m.values()].reduce((t, b) => t + b, 0)
  return [
    'Both built with this repository\'s Vite and @vitejs/plugin-react (production, minified); gzip level 9 of each JS file;',
    'static imports from Vite\'s build manifest. The tldraw-alone app is `<Tldraw />` with its CSS and nothing else.',
    'Our first page is the home page; a board route is what opening a board link needs before the board can paint.',
    '',
    '| what | JS files | raw KiB | gzip KiB | vs tldraw alone |',
    '|---|---:|---:|---:|---:|',
    ...rows,
    '',
    `Target (initial JS of a board ≤ tldraw alone + 15 %): ${worstRoute <= aloneSize.gz * 1.15 ? 'met' : 'missed'} (worst route ${(worstRoute / aloneSize.gz).toFixed(2)}×).`,
    '',
    'What the board routes add on top of tldraw alone: minified bytes per package / source folder, mapped back through',
    `the source maps (totals: ours ${kib(total(oursGroups))} KiB, tldraw alone ${kib(total(aloneGroups))} KiB; gzip is roughly proportional). Largest additions:`,
    '',
    '| package or source folder | ours KiB | tldraw alone KiB | added KiB |',
    '|---|---:|---:|---:|',
    ...added.filter((x) => x.added > 1024).slice(0, 25).map((x) => `| ${x.g} | ${kib(x.ours)} | ${kib(x.alone)} | ${kib(x.added)} |`),
    '',
    'Loaded on demand (not in any board route\'s static closure), largest first:',
    '',
    '| chunk (source) | gzip KiB |',
    '|---|---:|',
    ...onDemand.map((c) => `| ${c.k} | ${kib(c.gz)} |`),
  ].join('\n')
}
