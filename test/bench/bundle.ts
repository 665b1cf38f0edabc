/**
 * Bundle. Builds our client (into a temp dir: dist/ is shared) and a minimal
 * tldraw-alone app with the same Vite, then sums the gzip size of the JavaScript each loads up front:
 * the entry chunk plus everything it imports statically (from Vite's build manifest); for us, per
 * page, also the lazy page chunk and the strings of the language in use (main.tsx fetches both
 * before the first render). What each board route loads on demand afterwards is listed per route.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js'
import { kib } from './processStats.js'
import { buildViteApp, viteBuild } from './viteApp.js'

interface ManifestChunk { file: string; src?: string; name?: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }
type Manifest = Record<string, ManifestChunk>

const root = process.cwd()
const cacheDir = path.join(root, 'node_modules/.cache/cg-bench/bundle')

function readManifest(outDir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest
}

/**
 * Chunks vite.config.ts's phoneChunks() makes of a page and the modules it shares (`project`,
 * `light`): the manifest names such a chunk `_<group>-<hash>.js`, not by its page's module. Renamed
 * to the module here, everywhere it is referenced, so PAGES can name pages by their module still.
 */
const GROUPED_PAGES: Record<string, string> = { project: 'src/workflow/ProjectBoardPage.tsx', light: 'src/lightView/LightBoard.tsx', app: 'src/app/startApp.tsx' }

function namePageGroups(manifest: Manifest): Manifest {
  const rename = new Map<string, string>()
  for (const key of Object.keys(manifest)) {
    const group = /^_([a-z]+)-[\w-]+\.js$/.exec(key)?.[1]
    if (group && GROUPED_PAGES[group] && !manifest[GROUPED_PAGES[group]]) rename.set(key, GROUPED_PAGES[group])
  }
  const to = (k: string) => rename.get(k) ?? k
  return Object.fromEntries(Object.entries(manifest).map(([k, c]) => [to(k), {
    ...c,
    ...(c.imports && { imports: c.imports.map(to) }),
    ...(c.dynamicImports && { dynamicImports: c.dynamicImports.map(to) }),
  }]))
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
  return buildViteApp(path.join(cacheDir, 'tldraw-alone'), [
    "import { createRoot } from 'react-dom/client'",
    "import { Tldraw } from 'tldraw'",
    "import 'tldraw/tldraw.css'",
    "createRoot(document.getElementById('root')!).render(<div style={{ position: 'fixed', inset: 0 }}><Tldraw /></div>)",
  ], "build: { outDir: 'dist', emptyOutDir: true, manifest: true, sourcemap: true, chunkSizeWarningLimit: 8000 }")
}

/** Our pages: the route each serves, its lazy page module, and the strings chunk it needs first. */
const PAGES: { what: string; key: string; with?: string[]; sameRouteAs?: string }[] = [
  { what: 'first page (home, /)', key: 'src/home/HomePage.tsx' },
  { what: 'plain board route (/b/…)', key: 'src/board/BoardPage.tsx' },
  // A project board's editor is a chunk of its own: a phone first shows the light view
  // and fetches the editor after; a larger screen preloads it with the page (vite.config.ts).
  { what: 'project board on a laptop (/p/…, page + editor)', key: 'src/workflow/ProjectBoardPage.tsx', with: ['src/workflow/ProjectBoardEditor.tsx'] },
  { what: 'project board on a phone (/p/…, page + light view)', key: 'src/workflow/ProjectBoardPage.tsx', with: ['src/lightView/LightBoard.tsx'], sameRouteAs: 'laptop' },
]
/** The strings of the default language, which main.tsx loads before the first render. */
const FIRST_STRINGS = 'src/i18n/zhCN.ts'
/**
 * The app itself (React and App), a chunk main.tsx imports dynamically once it may start, which
 * index.html downloads with the entry on every page: part of every page's first download.
 */
const APP_START = 'src/app/startApp.tsx'
const BOARD_ROUTES = new Set(['src/board/BoardPage.tsx', 'src/workflow/ProjectBoardPage.tsx'])

/**
 * Chunks a route can load later, after its first paint: every dynamic import reachable from its
 * initial chunks (and from those chunks in turn), minus what is already loaded. Other pages (the
 * entry imports every page lazily) are not part of this route.
 */
function onDemand(manifest: Manifest, initial: Set<string>, otherPages: Set<string>): { key: string; from: string; keys: Set<string> }[] {
  const found: { key: string; from: string; keys: Set<string> }[] = []
  const seen = new Set<string>()
  const queue = [...initial]
  while (queue.length > 0) {
    const from = queue.shift()!
    for (const key of manifest[from]?.dynamicImports ?? []) {
      if (seen.has(key) || initial.has(key) || otherPages.has(key)) continue
      seen.add(key)
      // What this import adds: its static closure minus what the route has already loaded.
      const keys = new Set([...staticClosure(manifest, [key])].filter((k) => !initial.has(k)))
      found.push({ key, from, keys })
      queue.push(key)
    }
  }
  return found
}

function chunkLabel(manifest: Manifest, key: string): string {
  const label = manifest[key]?.src ?? key
  // A package's path as a checkout has it: in a git worktree whose node_modules is a link to another
  // checkout's, Vite names it relative to where the link points (../../<elsewhere>/node_modules/…).
  const nm = label.lastIndexOf('node_modules/')
  return nm > 0 ? label.slice(nm) : label
}

export async function benchBundle(log: (l: string) => void): Promise<string> {
  const oursDir = path.join(cacheDir, 'client')
  viteBuild(['--outDir', oursDir, '--emptyOutDir', '--manifest', '--sourcemap'])
  log('our client built')
  const aloneDir = buildTldrawAlone()
  log('tldraw-alone built')

  const ours = namePageGroups(readManifest(oursDir))
  const alone = readManifest(aloneDir)
  const entryKey = Object.keys(ours).find((k) => ours[k].isEntry && k.endsWith('index.html'))!
  const aloneEntry = Object.keys(alone).find((k) => alone[k].isEntry)!
  const aloneSize = sum(alone, aloneDir, staticClosure(alone, [aloneEntry]))
  if (!ours[APP_START]) throw new Error(`${APP_START} is not a chunk of its own any more; update APP_START in test/bench/bundle.ts`)
  if (!ours[FIRST_STRINGS]) throw new Error(`${FIRST_STRINGS} is not a chunk of its own: the strings are no longer split by language`)

  const rows: string[] = []
  rows.push(`| tldraw alone (entry + static imports) | ${aloneSize.files} | ${kib(aloneSize.raw)} | ${kib(aloneSize.gz)} | 1.00× |`)
  const pageKeys = new Set(PAGES.map((p) => p.key).filter((k) => ours[k]))
  const routeClosures = new Set<string>()
  const routeSizes: number[] = []
  const lateSections: string[] = []
  for (const page of PAGES) {
    if (!ours[page.key]) throw new Error(`${page.key} is not a lazy page chunk any more; update PAGES in test/bench/bundle.ts`)
    // What the page needs before it can paint: the entry, the page, the strings of the language in
    // use (both fetched by main.tsx before the first render) and everything they import statically.
    for (const k of page.with ?? []) if (!ours[k]) throw new Error(`${k} is not a chunk of its own any more; update PAGES in test/bench/bundle.ts`)
    const closure = staticClosure(ours, [entryKey, APP_START, page.key, FIRST_STRINGS, ...(page.with ?? [])])
    const s = sum(ours, oursDir, closure)
    rows.push(`| ours: ${page.what}: entry + page + zh-CN strings + their static imports | ${s.files} | ${kib(s.raw)} | ${kib(s.gz)} | ${(s.gz / aloneSize.gz).toFixed(2)}× |`)
    if (!BOARD_ROUTES.has(page.key)) continue
    // The phone's row is the same route: its later chunks are listed once, with the laptop's.
    if (page.sameRouteAs) continue
    closure.forEach((k) => routeClosures.add(k))
    routeSizes.push(s.gz)
    const others = new Set([...pageKeys].filter((k) => k !== page.key))
    for (const k of ours[entryKey].dynamicImports ?? []) if (k !== page.key && k !== FIRST_STRINGS && k !== APP_START && !k.startsWith('src/i18n/')) others.add(k)
    const late = onDemand(ours, closure, others)
      .map((c) => ({ ...c, size: sum(ours, oursDir, c.keys) }))
      .filter((c) => c.size.files > 0)
    lateSections.push(
      `${page.what}: ${late.length} chunks loaded on demand after the first paint, ${kib(late.reduce((t, c) => t + c.size.gz, 0))} KiB gzip in all (shared chunks counted with each importer):`,
      '',
      '| loaded on demand (source) | imported by | gzip KiB |',
      '|---|---|---:|',
      ...late.map((c) => `| ${chunkLabel(ours, c.key)} | ${chunkLabel(ours, c.from)} | ${kib(c.size.gz)} |`),
      '',
    )
  }
  const worstRoute = Math.max(...routeSizes)
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
    'Every page of ours is a lazy chunk; before the first render src/app/main.tsx fetches the page and the strings of the',
    'language in use (zh-CN, the default, counted here; English is of a similar size and is loaded instead of it, not as well).',
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
    'Loaded on demand, per board route: chunks fetched only when the page asks for them — the participation panel and',
    'layer and the measure readouts once the canvas is up, a dialog when it is opened, English when someone switches.',
    '',
    ...lateSections,
  ].join('\n')
}
