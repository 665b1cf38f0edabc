import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'
// The bundler Vite 8 itself runs on (a devDependency at the version Vite installs), for the boot
// script: one small classic file of its own, outside the app's chunk graph (bootViewSource says why).
import { rolldown } from 'rolldown'
import { minifySync } from 'rolldown/utils'
import { pickBootStrings } from './src/app/bootStrings'
import { APP_HOLD, APP_HOLD_MAX_MS, BOOT_INPUT } from './src/app/bootInput'
import { strings as stringTables } from './src/i18n/strings'
import { COMPACT_QUERY } from './src/board/compactQuery'
import { KEY_PREFIX } from './src/device/localStore'
import { DEFAULT_LANG, LANG_KEY } from './src/i18n/lang'
import { PROJECT_ACCESS_KEY } from './src/projects/accessKey'
import { BOARD_ID_PATTERN } from './src/shared/boardId'
import { EARLY_ANSWERS } from './src/net/earlyAnswers'

const fromRoot = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/** The font tldraw draws text in by default ('draw'; src/board/tldrawAssetUrls.ts). */
const PRELOADED_FONT = '@tldraw/assets/fonts/Shantell_Sans-Informal_Regular.woff2'

/** The pages whose code is big enough to fetch before the entry has run, by the first path segment. */
const PRELOADED_PAGES: Record<string, string> = {
  b: '/src/board/BoardPage.tsx',
  p: '/src/workflow/ProjectBoardPage.tsx',
}
/**
 * A project board's editor (tldraw) is not in its page's chunk: a phone first shows the light view
 * (src/lightView) and fetches the editor once the plan is on screen. A larger screen opens straight
 * into the editor, so there the editor's files are preloaded with the page's — under the same media
 * query as the light view (src/board/compactQuery.ts), negated.
 */
const PRELOADED_EDITORS: Record<string, string> = {
  p: '/src/workflow/ProjectBoardEditor.tsx',
}
/** The other way round: the light view, a chunk of its own, is preloaded with the page on a phone only. */
const PRELOADED_LIGHTS: Record<string, string> = {
  p: '/src/lightView/LightBoard.tsx',
}

/** The id of the page preload script's element in index.html. */
const PRELOAD_SCRIPT_ID = 'cg-page-preload'
/**
 * Where in index.html it goes: after the viewport <meta>, which a phone's media queries need, and
 * before any stylesheet, which an inline script would wait for (transformIndexHtml below).
 */
const PRELOAD_SCRIPT_MARK = '<!--cg-page-preload-->'

/**
 * A board link's page code (tldraw, ~1.7 MB) is asked for by the entry (src/app/boot.ts), so its
 * download starts only once the entry and all its imports have arrived and run: on a board, one
 * whole round of requests lost before the largest file even starts. This plugin writes a small
 * classic script, inline in index.html's head, that asks for the current route's page chunks (and
 * their CSS) as the HTML is parsed — only on /b/ and /p/ paths, so the home page never downloads
 * tldraw — and, on a project board, its first answers and the boot view. Our Content-Security-Policy
 * allows this one inline script by its hash (server/http/shellPolicy.ts). It preloads only (no
 * evaluation); the entry still decides what runs.
 */
function routePreload(): Plugin {
  /** The page preload script, inlined at the top of index.html's head (minified). */
  let inline: string | null = null
  let appTags: HtmlTagDescriptor[] = []
  return {
    name: 'commonground:route-preload',
    apply: 'build',
    // Before Vite's HTML plugin, whose own generateBundle writes index.html with the tag below.
    generateBundle: {
      order: 'pre',
      async handler(_options, bundle) {
        const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []))
        const byFile = new Map(chunks.map((c) => [c.fileName, c]))
        const closure = (start: (typeof chunks)[number]) => {
          const seen = new Set<string>()
          const visit = (file: string) => {
            const chunk = byFile.get(file)
            if (!chunk || seen.has(file)) return
            seen.add(file)
            chunk.imports.forEach(visit)
          }
          visit(start.fileName)
          return seen
        }
        const entry = chunks.find((c) => c.isEntry && c.facadeModuleId?.endsWith('/index.html'))
        // What index.html loads anyway needs no second hint.
        const loaded = entry ? closure(entry) : new Set<string>()
        // The app itself (src/app/startApp.tsx, its own chunk: main.tsx imports it when it may run)
        // is in every page's index.html too, so its download starts with the entry's, not once the
        // entry has run: a modulepreload for its files and its stylesheet where the entry's was (it
        // holds the 大字 rules, which the boot view's first paint needs as much as the app does).
        const app = chunks.find((c) => c.moduleIds.some((id) => id.endsWith(START_MODULE)))
        appTags = []
        if (app) {
          const files = [...closure(app)].filter((f) => !loaded.has(f))
          for (const f of files) {
            loaded.add(f)
            appTags.push({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `/${f}` }, injectTo: 'head' })
          }
          for (const css of new Set(files.flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]))) {
            appTags.push({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: '', href: `/${css}` }, injectTo: 'head' })
          }
        }
        // tldraw's handwriting font, which its text, notes and shape labels use by default: the editor
        // waits for a page's fonts before it draws the canvas (loadRequiredFontsForCurrentPage), and
        // would only ask for it once its own code has run, seconds later on a phone.
        const fonts = Object.values(bundle).flatMap((a) =>
          a.type === 'asset' && a.originalFileNames.some((n) => n.endsWith(PRELOADED_FONT)) ? [a.fileName] : [])
        const routes: Record<string, string[]> = {}
        const editors: Record<string, string[]> = {}
        const lights: Record<string, string[]> = {}
        const filesOf = (module: string, skip: Set<string>) => {
          const chunk = chunks.find((c) => c.moduleIds.some((id) => id.endsWith(module)))
          if (!chunk) return null
          const files = [...closure(chunk)].filter((f) => !skip.has(f))
          const css = files.flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])])
          // A chunk of nothing but CSS imports is dropped by Vite after this hook (its CSS stays):
          // asking for its file would only cost a connection a 404.
          const cssOnly = (f: string) => byFile.get(f)?.moduleIds.every((id) => /\.css($|\?)/.test(id)) ?? false
          return [...files.filter((f) => !cssOnly(f)), ...new Set(css)]
        }
        for (const [segment, page] of Object.entries(PRELOADED_PAGES)) {
          const files = filesOf(page, loaded)
          if (!files) continue
          const editorModule = PRELOADED_EDITORS[segment]
          const editorFiles = editorModule ? filesOf(editorModule, new Set([...loaded, ...files])) : null
          // The handwriting font goes with whatever brings tldraw.
          if (editorFiles) editors[segment] = [...editorFiles, ...fonts].map((f) => `/${f}`)
          const lightModule = PRELOADED_LIGHTS[segment]
          const lightFiles = lightModule ? filesOf(lightModule, new Set([...loaded, ...files])) : null
          if (lightFiles) lights[segment] = lightFiles.map((f) => `/${f}`)
          routes[segment] = [...files, ...(editorFiles ? [] : fonts)].map((f) => `/${f}`)
        }
        // The strings tables, one per language: the page's first render waits for one of them.
        const strings: Record<string, string> = {}
        for (const [lang, file] of [['zh-CN', '/src/i18n/zhCN.ts'], ['en', '/src/i18n/en.ts']]) {
          const chunk = chunks.find((c) => c.moduleIds.some((id) => id.endsWith(file)))
          if (chunk) strings[lang] = `/${chunk.fileName}`
        }
        // The boot view's script (src/app/bootView.ts), asked for by this one on a phone's project
        // board only, and the project page's and light view's stylesheets it wears.
        const bootFile = this.getFileName(this.emitFile({ type: 'asset', name: 'bootView.js', source: await bootViewSource() }))
        const bootCss = [...(routes.p ?? []), ...(lights.p ?? [])].filter((f) => f.endsWith('.css'))
        // Same crossorigin mode as Vite's own preloads and module requests (and as a FontFace's fetch,
        // which is always CORS), or the browser would not reuse the preloaded response and fetch each
        // file twice.
        const source = `(function () {
  var routes = ${JSON.stringify(routes)};
  var editors = ${JSON.stringify(editors)};
  var lights = ${JSON.stringify(lights)};
  var strings = ${JSON.stringify(strings)};
  var m = /^\\/([a-z]+)\\/([^/]+)\\/?$/.exec(location.pathname);
  var files = m && routes[m[1]];
  if (!files) return;
  var compact = window.matchMedia && window.matchMedia(${JSON.stringify(COMPACT_QUERY)}).matches;
  if (!compact && editors[m[1]]) files = files.concat(editors[m[1]]);
  if (compact && lights[m[1]]) files = files.concat(lights[m[1]]);
  // Set on a resident's phone once the boot view's own needs are asked for (askBoot).
  var behind = false;
  var read = function (key) { try { return localStorage.getItem(${JSON.stringify(KEY_PREFIX)} + key); } catch (e) { return null; } };
  // A project board's first answers, asked for now rather than once the app's code has run
  // (src/net/earlyAnswers.ts; src/net/api.ts hands each to the request with the same credentials).
  // Before the code files below: over HTTP/1.1's six connections per host they would otherwise
  // wait behind them, and the first view needs these answers as much as the code.
  (function askEarly() {
    if (m[1] !== 'p' || !${BOARD_ID_PATTERN.toString()}.test(m[2])) return;
    var entry = null;
    try {
      var list = JSON.parse(read(${JSON.stringify(PROJECT_ACCESS_KEY)}) || '[]');
      for (var i = 0; i < list.length; i++) if (list[i] && list[i].projectId === m[2]) { entry = list[i]; break; }
    } catch (e) {}
    // Only with a personal token, as src/app/boot.ts: a device that has not joined by name joins first.
    if (!entry || typeof entry.token !== 'string' || typeof entry.participantId !== 'string') return;
    var early = window[${JSON.stringify(EARLY_ANSWERS)}] = {};
    var auth = 'Bearer ' + entry.token;
    var base = '/api/projects/' + m[2];
    var ask = function (path) {
      early[auth + ' ' + path] = fetch(path, { headers: { accept: 'application/json', authorization: auth }, priority: behind ? 'low' : 'auto' });
    };
    ask(base);
    ask(base + '/participation');
    // A resident's phone: the boot view paints her board from these two answers before the app's
    // code has run (src/app/bootView.ts), so what it needs goes out right after them.
    if (compact && entry.role === 'resident') askBoot(early[auth + ' ' + base], early[auth + ' ' + base + '/participation'], entry.role);
    ask(base + '/facilitation');
    early[' /api/config'] = fetch('/api/config', { headers: { accept: 'application/json' }, priority: behind ? 'low' : 'auto' });
  })();

  // The boot script (a file of its own, asked for only here, so no other page or screen downloads
  // it; it asks for nothing itself, it reads the answers asked for above) and the stylesheets it
  // wears. Before everything else this script asks for: over HTTP/1.1's six connections per host the
  // two answers, the stylesheets and the script take them all, and the first view needs nothing else
  // (measured: queued behind the page's code, the stylesheets came 0.2 s after the answers).
  function askBoot(state, participation, role) {
    var bootCss = ${JSON.stringify(bootCss)};
    files = files.filter(function (f) { return bootCss.indexOf(f) < 0; });
    bootCss.forEach(preload);
    // Race: a copy of each answer it paints from, made here, before anything else can read them.
    // The app may run before the boot script has even arrived and take the answers; this callback,
    // chained first, clones each response before the app's own can read its body.
    var copy = function (answer) { return answer.then(function (res) { return res.ok ? res.clone() : null; }, function () { return null; }); };
    // The app waits on this before it is evaluated (src/app/appHold.ts): one slow main thread, and
    // the boot view's first paint goes first. Released by the boot script, when that script cannot
    // come, or by the timer, so a boot view that hangs holds the app for a bounded time only.
    var release;
    window[${JSON.stringify(APP_HOLD)}] = new Promise(function (resolve) { release = resolve; });
    setTimeout(function () { release(); }, ${APP_HOLD_MAX_MS});
    window[${JSON.stringify(BOOT_INPUT)}] = { css: bootCss, role: role, release: function () { release(); },
      state: copy(state), participation: copy(participation) };
    var boot = document.createElement('script');
    // Not async, as a script made by script is by default: Chromium runs such a script only after
    // DOMContentLoaded, which waits for the app's entry and every module preloaded here (measured:
    // the boot script ran 0.5 s after it had arrived). A script in insertion order runs once it is in.
    boot.async = false;
    // A script made by script is asked for at low priority: behind the answers asked for after it
    // (measured: it waited 0.4 s for a connection on a first visit).
    boot.fetchPriority = 'high';
    boot.onerror = function () { release(); };
    boot.src = ${JSON.stringify(`/${bootFile}`)};
    document.head.appendChild(boot);
    // What is asked for after this goes behind the plan's picture, which the boot script asks for
    // (at high priority) once the state says where it is: over HTTP/1.1's six connections the app's
    // code, held until the boot view has painted anyway, took them all while the picture waited
    // (measured on 4G: the picture sent up to 0.6 s after it was asked for, on screen 0.7 s after the pins).
    // Should the boot view then not paint (its script cannot come, say), the app's files are merely
    // later, not lost: the app is let go at once and asks for whatever has not come.
    behind = true;
  }

  function preload(href) {
    var link = document.createElement('link');
    var css = /\\.css$/.test(href);
    var font = /\\.woff2$/.test(href);
    link.rel = css || font ? 'preload' : 'modulepreload';
    if (css) link.as = 'style';
    if (font) { link.as = 'font'; link.type = 'font/woff2'; }
    link.crossOrigin = '';
    if (behind) link.fetchPriority = 'low';
    link.href = href;
    document.head.appendChild(link);
  }

  // The strings of the language in use: the first render waits for them (src/app/startApp.tsx).
  var lang = read(${JSON.stringify(LANG_KEY)});
  var table = strings[lang] || strings[${JSON.stringify(DEFAULT_LANG)}];
  if (table) files = files.concat([table]);
  files.forEach(preload);
})();
`
        // Inline, not a file of its own: as a file it was one more round trip after the page, and it
        // ran only once the main thread was free of the modules that arrived with it (measured on a
        // phone on 4G: the two answers went out 0.35–0.5 s after the page had come). Inline it runs
        // as the parser meets it, before anything else is asked for. Security decision: the page's
        // policy allows this one script by its hash (server/http/shellPolicy.ts), still no
        // 'unsafe-inline'. Minified: every page of every visitor carries it.
        const minified = minifySync('routePreload.js', source, { compress: true, mangle: true })
        if (minified.errors.length > 0) throw new Error(`the page preload script did not minify: ${minified.errors.map((e) => e.message).join('; ')}`)
        inline = minified.code.trim()
        // Inside <script>, these would end the element or start a comment early.
        if (/<\/script|<!--/i.test(inline)) throw new Error('the page preload script holds </script or <!--, which cannot be inlined')
      },
    },
    transformIndexHtml: {
      order: 'post',
      handler: (html) => {
        // Where index.html marks it: a phone's media queries (compact or not) answer for the page's
        // width only once the viewport <meta> is parsed — before it, a phone lays out 980 px wide —
        // and an inline script after a stylesheet would wait for that stylesheet. The id names it
        // for a reader of the page (and test/e2e/xss.test.ts); the hash is of its text alone.
        if (inline && !html.includes(PRELOAD_SCRIPT_MARK)) throw new Error(`index.html has no ${PRELOAD_SCRIPT_MARK} for the page preload script`)
        const script = inline ? `<script id="${PRELOAD_SCRIPT_ID}">${inline}</script>` : ''
        // A function, so `$&` or `` $` `` in the script is text, not a replacement pattern.
        return { html: html.replace(PRELOAD_SCRIPT_MARK, () => script), tags: appTags }
      },
    },
  }
}

/**
 * The boot script: src/app/bootView.ts and the pure modules it imports, bundled on their own into one
 * classic script (an IIFE, minified). Not an entry of the app's build: there every module the app's
 * entry also loads would be grouped into the app's chunk (phoneChunks), and the boot script would
 * wait for the very code it exists to run before. The strings it shows are picked from the app's
 * tables here, at build time (src/app/bootStrings.ts), and handed to it as its one parameter.
 */
async function bootViewSource(): Promise<string> {
  const bundle = await rolldown({
    input: fromRoot('src/app/bootView.ts'),
    platform: 'browser',
    // src/shared imports its siblings as './x.js' (the server's Node ESM needs the extension).
    resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
    treeshake: {
      // Every module it imports is pure (eslint.config.js FEATURE_PARTS); only the script itself runs.
      moduleSideEffects: (id) => id.endsWith('/src/app/bootView.ts'),
      // The guards of src/shared/guards.ts and the tables' plural() build values and do nothing else:
      // a module's unused guards (a third of the script otherwise) can go.
      manualPureFunctions: ['record', 'arrayOf', 'literal', 'optional', 'nullable', 'recordOf', 'plural', 'pluralIn'],
    },
  })
  try {
    const { output } = await bundle.generate({ format: 'iife', minify: true })
    const strings = Object.fromEntries(Object.entries(stringTables).map(([lang, t]) => [lang, pickBootStrings(t)]))
    return `(function (__cgBootStrings) {\n${output[0].code}\n})(${JSON.stringify(strings)});\n`
  } finally {
    await bundle.close()
  }
}

/**
 * Fewer, larger files on a phone's way to its first view. Left to itself the bundler splits every
 * module two lazy pages share into a chunk of its own: a phone's project board took 30 files, and
 * over HTTP/1.1's six connections per host at 150 ms a round trip, the 25 small ones cost a phone
 * on 4G about a second of waiting in line before its first view (the phone benchmark's waterfall).
 * So, three chunks where there were ~25:
 * - `app`: the app itself (src/app/startApp.tsx and what it imports that the entry does not: react-dom,
 *   App, the router, the i18n provider), which the small entry imports once it may run;
 * - `project`: the project board page and every module it shares with the light view (the header,
 *   pins, camera arithmetic), which the editor needs too — so a laptop, which never loads the light
 *   view, loads nothing it would not have before;
 * - `light`: the light view's own modules (src/lightView), for phones only.
 * tldraw and the editor's own modules stay out of all three: they are reached only by dynamic import.
 */
function phoneChunks(): Plugin {
  /** Our modules the project page or the light view imports statically, but no other page does. */
  const projectModules = new Set<string>()
  const lightModules = new Set<string>()
  const boardModules = new Set<string>()
  const appModules = new Set<string>()
  return {
    name: 'commonground:phone-chunks',
    apply: 'build',
    buildEnd() {
      const ids = [...this.getModuleIds()]
      const closure = (module: string) => {
        const stack = ids.filter((id) => id.endsWith(module))
        const seen = new Set<string>()
        while (stack.length > 0) {
          const id = stack.pop()!
          if (seen.has(id)) continue
          seen.add(id)
          stack.push(...(this.getModuleInfo(id)?.importedIds ?? []))
        }
        return seen
      }
      // What the entry or another page loads stays out: the home page must not fetch the board's code.
      const entry = closure(ENTRY_MODULE)
      for (const id of closure(START_MODULE)) if (!entry.has(id)) appModules.add(id)
      for (const id of appModules) entry.add(id)
      const elsewhere = new Set(OTHER_PAGE_MODULES.flatMap((m) => [...closure(m)]))
      const page = closure(PROJECT_PAGE_MODULE)
      const editor = closure(EDITOR_MODULE)
      const plainBoard = closure(PLAIN_BOARD_MODULE)
      for (const id of page) if (!entry.has(id) && !elsewhere.has(id)) (plainBoard.has(id) ? boardModules : projectModules).add(id)
      for (const id of closure(LIGHT_VIEW_MODULE)) {
        if (entry.has(id) || elsewhere.has(id) || page.has(id)) continue
        ;(plainBoard.has(id) ? boardModules : editor.has(id) ? projectModules : lightModules).add(id)
      }
    },
    config: () => ({
      build: {
        rolldownOptions: {
          output: {
            codeSplitting: {
              groups: [
                // Not the service worker's entry, which must stay one self-contained file (sw.js).
                { name: 'app', test: (id: string) => appModules.has(id) && !id.endsWith(SERVICE_WORKER_MODULE), includeDependenciesRecursively: false, priority: 3 },
                { name: 'project', test: (id: string) => projectModules.has(id), includeDependenciesRecursively: false, priority: 2 },
                { name: 'board', test: (id: string) => boardModules.has(id), includeDependenciesRecursively: false, priority: 2 },
                { name: 'light', test: (id: string) => lightModules.has(id), includeDependenciesRecursively: false, priority: 1 },
              ],
            },
          },
        },
      },
    }),
  }
}
const ENTRY_MODULE = '/src/app/main.tsx'
const START_MODULE = '/src/app/startApp.tsx'
const PLAIN_BOARD_MODULE = '/src/board/BoardPage.tsx'
const EDITOR_MODULE = '/src/workflow/ProjectBoardEditor.tsx'
const OTHER_PAGE_MODULES = ['/src/home/HomePage.tsx', '/src/projects/JoinPage.tsx', '/src/projects/NewProjectPage.tsx', '/src/projects/ProjectNotFound.tsx']
const SERVICE_WORKER_MODULE = '/src/app/sw.ts'
const PROJECT_PAGE_MODULE = '/src/workflow/ProjectBoardPage.tsx'
const LIGHT_VIEW_MODULE = '/src/lightView/LightBoard.tsx'

/** Text files worth compressing; images and fonts (woff2 is brotli inside) are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|map|webmanifest|txt|wasm)$/
/** Below this a compressed copy saves less than a packet's worth and costs a file and a stat. */
const COMPRESS_MIN_BYTES = 1024
const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every built text file, which our server
 * sends to clients that accept them (server/http/precompressedFile.ts). At build time because the
 * best levels are slow (brotli 11 on tldraw's 1.7 MB chunk: seconds) and the answer is the same for
 * every request: 1.66 MB of JavaScript becomes ~0.4 MB. Our own ~30 lines with node:zlib rather than
 * an npm plugin: the plugins on npm (vite-plugin-compression and its forks) are unmaintained or pull
 * in dependencies for what zlib does, and none checks what our server needs — that a copy is only
 * written when it is smaller, and after its file (the server ignores a copy older than its file).
 * The uncompressed file stays, for clients that accept neither.
 */
export function precompress(): Plugin {
  return {
    name: 'commonground:precompress',
    apply: 'build',
    writeBundle: {
      // After every other plugin has written its files (index.html included, which is in the bundle).
      order: 'post',
      sequential: true,
      async handler(options, bundle) {
        const dir = options.dir ?? fromRoot('dist/client')
        await Promise.all(
          Object.keys(bundle)
            .filter((name) => COMPRESSIBLE.test(name))
            .map(async (name) => {
              const file = path.join(dir, name)
              const bytes = await fs.readFile(file)
              if (bytes.length < COMPRESS_MIN_BYTES) return
              const [br, gz] = await Promise.all([
                brotli(bytes, {
                  params: {
                    [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
                  },
                }),
                gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
              ])
              // A copy that saves nothing is left out; the server then sends the file itself.
              if (br.length < bytes.length) await fs.writeFile(`${file}.br`, br)
              if (gz.length < bytes.length) await fs.writeFile(`${file}.gz`, gz)
            }),
        )
      },
    },
  }
}

// The client is built into dist/client and served by our own server (server/http/static.ts).
export default defineConfig({
  plugins: [react(), phoneChunks(), routePreload(), precompress()],
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // tldraw's fonts, icons and translations stay files (src/board/tldrawAssetUrls.ts), each fetched
    // only when tldraw needs it: inlined as base64 (Vite's default below 4 KiB) the embed icons alone
    // would add ~30 KiB to the JavaScript every board loads before it can paint.
    assetsInlineLimit: (file) => (file.includes('/node_modules/@tldraw/assets/') ? false : undefined),
    rolldownOptions: {
      // A feature's index.ts (src/<feature>/index.ts) only re-exports what other features may use
      // (eslint.config.js enforces that they import nothing else). Declared free of side effects — it
      // is — so that importing one name from it does not make the bundler count every module it
      // re-exports as a static import of the importer's chunk: without this, a page that takes
      // rememberBoard from src/board would also pull the board header and banners into its first
      // download. Every other module keeps the default (its own side effects, or its package's).
      treeshake: {
        moduleSideEffects: [
          { test: /[\\/]src[\\/][A-Za-z]+[\\/]index\.ts$/, external: false, sideEffects: false },
          { test: /./, external: false, sideEffects: true },
        ],
      },
      // The service worker is a second entry with a fixed name at the root (/sw.js), because a
      // worker only controls pages under its own path and its URL must stay the same across builds.
      input: { index: fromRoot('index.html'), sw: fromRoot('src/app/sw.ts') },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  // @tldraw/assets ships fonts, icons and translations as plain files imported by URL; the dev
  // server fails to pre-bundle it (see ../shared/TLDRAW-YJS.md), so leave it to Vite's asset pipeline.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/healthz': 'http://localhost:8080',
      // The rare-character font is made by the server (server/fonts/rareHan.ts).
      '/fonts': 'http://localhost:8080',
      '/sync': { target: 'ws://localhost:8080', ws: true },
    },
  },
})
