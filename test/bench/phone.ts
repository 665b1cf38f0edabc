/**
 * A resident's phone opening her project board: our page and "tldraw alone with
 * the same records" (phoneFloor.ts), alternating, on a throttled phone (phoneThrottle.ts), first and
 * second visit, on the realistic board and on 5,000 shapes (phoneBoard.ts), on 4G and slow 3G.
 * What counts as shown is read in the page by phoneProbe.ts (test ids and DOM facts only), so the
 * bench measures whatever the current build loads. Our client is built fresh into
 * node_modules/.cache/cg-bench/phone/client (not dist/, which other work shares), or taken from
 * BENCH_PHONE_CLIENT_DIR.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContextOptions } from 'playwright-core'
import { launchChromium } from '../helpers/browser.js'
import { startOurServer } from './benchServers.js'
import { median, waitUnloaded } from './coldLoadKit.js'
import { accessState, NEEDS, PLAN, seedPhoneBoard } from './phoneBoard.js'
import { buildPhoneFloorApp, copyPictures, servePhoneFloor } from './phoneFloor.js'
import { installProbe, timeline, type ProbeOptions, type ProbeResult } from './phoneProbe.js'
import { CPU_SLOWDOWN, NETWORKS, networkQuiet, pollPage, throttlePage, type Network } from './phoneThrottle.js'
import { viteBuild } from './viteApp.js'

export interface PhoneOptions {
  runs: number
  /** Shape counts of the boards (300: the realistic board; 5,000). */
  boards: number[]
  /** Keys of NETWORKS. */
  networks: string[]
  /** When given, only these board × network pairs ("300:4g"), in the order of `boards` and `networks`. */
  only?: string[]
  clientDir?: string
}

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'zh-CN' }
/** The longest a visit may take before it counts as never ready. */
const TIMEOUT_MS = 150_000
type Page = 'ours' | 'floor'
type Visit = 'first' | 'second'

interface Load { probe: ProbeResult; timedOut: boolean }
interface Case { board: number; net: Network; visit: Visit; ours: Load[]; floor: Load[] }

/** How much longer a visit of ours waits, after "ready", for the editor to take over from the light view. */
const EDITOR_WAIT_MS = 20_000

async function visit(context: import('playwright-core').BrowserContext, url: string, net: Network, which: Page): Promise<Load> {
  const page = await context.newPage()
  const cdp = await throttlePage(page, net)
  await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS })
  const marks = 'window.__cgPhone && window.__cgPhone.marks'
  const mark = which === 'ours' ? 'ready' : 'floorReady'
  const timedOut = !(await pollPage(cdp, `!!(${marks} && ${marks}.${mark} !== undefined)`, TIMEOUT_MS))
  // The milestones that may come after "ready" (strokes under a light view, the guidance) get a few seconds more.
  await pollPage(cdp, `!!(${marks} && ${marks}.strokes !== undefined && ${marks}.meaningful !== undefined)`, 3_000)
  // Ours on a phone opens on the light view and the editor takes over later: when, up to EDITOR_WAIT_MS more.
  if (which === 'ours') await pollPage(cdp, `!!(${marks} && ${marks}.editor !== undefined)`, EDITOR_WAIT_MS)
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'JSON.stringify(window.__cgPhone || { marks: {}, changes: [], pinsSeen: 0 })', returnByValue: true })
  return { probe: JSON.parse(result.value as string) as ProbeResult, timedOut }
}

/**
 * One device, two visits: a fresh context (nothing cached; for ours only the join's access in
 * localStorage), then the same context again once the first visit has gone quiet (the service worker
 * has cached the app, the sync layer written its IndexedDB copy) and the page was closed.
 */
async function device(browser: Browser, which: Page, url: string, net: Network, probe: ProbeOptions, storageState: BrowserContextOptions['storageState'], afterClose: () => Promise<void>): Promise<Record<Visit, Load>> {
  const context = await browser.newContext({ ...PHONE, storageState })
  // addInitScript sends its argument as JSON: counts, never Infinity.
  await context.addInitScript(installProbe, probe)
  try {
    const first = await visit(context, url, net, which)
    await networkQuiet(context, 2_000, 60_000)
    for (const p of context.pages()) await p.close()
    await afterClose()
    const second = await visit(context, url, net, which)
    return { first, second }
  } finally {
    await context.close()
    await afterClose()
  }
}

export async function benchPhone(opts: PhoneOptions, log: (l: string) => void): Promise<string> {
  const started = Date.now()
  const clientDir = opts.clientDir ?? path.resolve('node_modules/.cache/cg-bench/phone/client')
  if (!opts.clientDir) {
    viteBuild(['--outDir', clientDir, '--emptyOutDir'])
    log('our client built')
  }
  if (!fs.existsSync(path.join(clientDir, 'index.html'))) throw new Error(`no built client in ${clientDir}`)
  const floorDist = buildPhoneFloorApp(path.resolve('node_modules/.cache/cg-bench/phone-floor'))
  log('tldraw-alone app built')
  const server = await startOurServer({ clientDir, unloadDelayMs: 500, maxConnectionsPerIp: 0, syncMessagesPerSecond: 0, rateLimitPerMinute: 0 })
  const browser = await launchChromium()
  const cases: Case[] = []
  let planKiB = 0
  try {
    for (const shapes of opts.boards) {
      const board = await seedPhoneBoard(server, browser, shapes, log)
      planKiB = board.planBytes / 1024
      await waitUnloaded(server)
      const floor = await servePhoneFloor(floorDist, board.records, await copyPictures(server.url, board.records))
      const shapeRecords = board.records.filter((r) => (r as { typeName: string }).typeName === 'shape').length
      try {
        for (const key of opts.networks) {
          if (opts.only && !opts.only.includes(`${shapes}:${key}`)) continue
          const net = NETWORKS[key]
          const first: Case = { board: shapes, net, visit: 'first', ours: [], floor: [] }
          const second: Case = { board: shapes, net, visit: 'second', ours: [], floor: [] }
          for (let run = 0; run < opts.runs; run++) {
            // Alternating which page goes first, so neither always meets the machine in the same state.
            const order: Page[] = run % 2 === 0 ? ['ours', 'floor'] : ['floor', 'ours']
            for (const which of order) {
              const result = which === 'ours'
                ? await device(browser, 'ours', `${server.url}/p/${board.projectId}`, net, { needs: NEEDS, shapes: 1e9 },
                  accessState(server.url, board.projectId, board.resident), () => waitUnloaded(server))
                : await device(browser, 'floor', `${floor.url}/`, net, { needs: 1e9, shapes: shapeRecords }, undefined, async () => {})
              first[which].push(result.first)
              second[which].push(result.second)
              const mark = which === 'ours' ? 'ready' : 'floorReady'
              const s = (l: Load) => l.timedOut ? `not within ${TIMEOUT_MS / 1000} s` : `${secs(l.probe.marks[mark])} s`
              log(`${shapes} shapes, ${net.name}, run ${run + 1}, ${which}: first visit ready ${s(result.first)}, second ${s(result.second)}`)
            }
          }
          cases.push(first, second)
        }
      } finally {
        await floor.close()
      }
    }
  } finally {
    await browser.close()
    await server.stop()
  }
  // Every run's milestones and changes, for a closer look than the medians.
  const runsFile = path.resolve('node_modules/.cache/cg-bench/phone/runs.json')
  fs.mkdirSync(path.dirname(runsFile), { recursive: true })
  fs.writeFileSync(runsFile, JSON.stringify(cases, null, 1))
  return phoneMarkdown(opts, cases, planKiB, (Date.now() - started) / 60_000)
}

const secs = (msValue: number | undefined) => (msValue === undefined || !Number.isFinite(msValue) ? '—' : (msValue / 1000).toFixed(1))
/** A milestone's median over runs; a run that never reached it counts as the slowest. */
function mid(loads: Load[], mark: keyof ProbeResult['marks']): number {
  return median(loads.map((l) => l.probe.marks[mark] ?? Number.POSITIVE_INFINITY))
}
const cell = (loads: Load[], mark: keyof ProbeResult['marks']) =>
  `${secs(mid(loads, mark))} (${loads.map((l) => secs(l.probe.marks[mark])).join(', ')})`

function caseName(c: Case): string {
  return `${c.board === 300 ? '300 shapes' : `${c.board.toLocaleString('en')} shapes`}, ${c.net.name}, ${c.visit} visit`
}

/** The run whose ready time is the median one: its timeline is the one shown. */
function medianRun(loads: Load[], mark: keyof ProbeResult['marks']): Load {
  const sorted = [...loads].sort((a, b) => (a.probe.marks[mark] ?? Infinity) - (b.probe.marks[mark] ?? Infinity))
  return sorted[Math.floor((sorted.length - 1) / 2)]
}

function phoneMarkdown(opts: PhoneOptions, cases: Case[], planKiB: number, minutes: number): string {
  const nets = opts.networks.map((k) => NETWORKS[k])
  const lines = [
    `A resident opening her project board on a phone: ${PHONE.viewport!.width}×${PHONE.viewport!.height} at deviceScaleFactor ${PHONE.deviceScaleFactor},`,
    `isMobile, hasTouch, zh-CN; Chromium's CPU slowed ${CPU_SLOWDOWN}× (CDP \`Emulation.setCPUThrottlingRate\`) and the network emulated`,
    '(CDP `Network.emulateNetworkConditions` on the page): ' +
      nets.map((n) => `${n.name} ${n.latencyMs} ms RTT, ${(n.downKbps / 1000).toFixed(1)} Mbit/s down, ${(n.upKbps / 1000).toFixed(2)} Mbit/s up`).join('; ') + '.',
    'What the emulation does not reach: the service worker\'s own fetches (on a second visit the navigation, `/api/config` and',
    '`/api/boards/<id>` go network-first through it, unslowed: at most about two round trips, 0.3 s on 4G, 0.8 s on slow 3G, in the',
    'second visit\'s favour; emulating on the worker\'s own CDP target was tried and changed nothing), and WebSocket messages (the',
    'handshake pays the round trip, the messages after it are not delayed by it).',
    'Chromium runs without the desktop address bar\'s two WebUI popups (`--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup`,',
    'test/helpers/browser.ts): a phone has no such thing, and each window\'s pair of popup renderers took ~2 s of the 2 cores\' CPU.',
    '**All figures are seconds from navigation start on a 2-core machine shared with other work (see the load average above), ',
    `Chromium and our server on the same 2 cores**; medians of ${opts.runs} run${opts.runs === 1 ? '' : 's'} (each run in parentheses).`,
    '',
    `The board: a project in 收集需求 with a ${planKiB.toFixed(0)} KiB JPEG base plan (${PLAN.width}×${PLAN.height} px) put on the board by the`,
    `organizer's own client, shapes (draw strokes, notes, rectangles, 64×48 photos; the first 300 drawn on the plan, the rest beside it)`,
    `and ${NEEDS} needs on the plan, each ticked by three people. Our page is opened at /p/<id> by a resident whose device holds her access`,
    'as the join page leaves it (a personal token and her name in localStorage). **First visit**: a fresh browser context, nothing',
    'cached. **Second visit**: the same context after the first visit went quiet (service worker installed and the app cached, the',
    "board's IndexedDB copy written) and its page was closed, the board unloaded on the server.",
    '**tldraw alone with the same records**: a Vite app that fetches every record of the board as JSON, puts them into a tldraw store',
    'in one go and renders `<Tldraw>` (its own UI) fitted to the base plan; served compressed (brotli), hashed files cached immutable,',
    'the pictures from its own origin with our server\'s headers. Same device, same throttling, alternating with ours (ours first on odd',
    'runs, tldraw alone first on even ones).',
    '',
    '**Ready** (ours) = the plan visible, every pin on screen and "＋ 提需求" tappable, all at once; **first meaningful view** = the plan',
    'and the stage\'s guidance on screen. tldraw alone is **ready** when the plan is visible and every shape is mounted. How each is',
    'detected, in the page every 100 ms (test/bench/phoneProbe.ts; only test ids and DOM facts, so it measures whatever the build loads):',
    '- *plan visible*: an `img.tl-image` (tldraw\'s image shape) or an `<img>`/`<canvas>` with `data-testid="light-plan"`, covering at least',
    '  10 % of the viewport once clipped to it, not hidden, loaded (natural size > 0) and `img.decode()` resolved;',
    `- *every pin shown*: \`need-pin\` elements intersecting the viewport count 1 each, a \`need-pin-group\` bubble its \`data-need-count\`; all ${NEEDS} needs`,
    '  must be counted (they all stand on the plan, and the board opens fitted to the plan and every pin);',
    '- *提需求 tappable*: `[data-testid="add-need"]` enabled, its centre inside the viewport and `document.elementFromPoint` there is the button;',
    '- *guidance*: `[data-testid="stage-guidance"]` with text, intersecting the viewport;',
    '- *connected*: `[data-testid="connection-status"][data-status="connected"]`; *strokes*: a shown `.tl-shape[data-shape-type="draw"]`',
    '  (or a path in a `[data-testid^="light"]` view); *loading*: a shown `[aria-busy="true"]` or `part-loading` element, its text quoted',
    '  (tldraw\'s spinner has none: "spinner"); *blank*: none of these, no tldraw canvas and no text in `#root`.',
    '- *editor takes over*: tldraw\'s `.tl-container` is there and our light view (`data-testid="light-board"`) is gone. A phone opens',
    '  our project board on the light view (src/lightView: plan, shapes, pins and our controls without tldraw, from the same live',
    '  sources) and fetches the editor once the plan is on screen; the editor mounts beneath it (`inert`) and takes over when it draws',
    '  the same view. Nothing inside an `inert` subtree is counted for any milestone: it is not what she sees or taps.',
    '',
    '| board, network, visit (2 cores, s) | ours: first meaningful view | ours: ready | tldraw alone: ready | ours − tldraw alone |',
    '|---|---:|---:|---:|---:|',
    ...cases.map((c) => `| ${caseName(c)} | ${cell(c.ours, 'meaningful')} | ${cell(c.ours, 'ready')} | ${cell(c.floor, 'floorReady')} | ${secs(mid(c.ours, 'ready') - mid(c.floor, 'floorReady'))} |`),
    '',
    'Each milestone of our page (medians, s, 2 cores): ',
    '',
    '| board, network, visit | connected | plan visible | strokes | every pin | 提需求 tappable | guidance | editor takes over | tldraw alone: plan | tldraw alone: every shape |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...cases.map((c) => `| ${caseName(c)} | ${secs(mid(c.ours, 'connected'))} | ${secs(mid(c.ours, 'plan'))} | ${secs(mid(c.ours, 'strokes'))} | ${secs(mid(c.ours, 'pins'))} | ${secs(mid(c.ours, 'addNeed'))} | ${secs(mid(c.ours, 'guidance'))} | ${secs(mid(c.ours, 'editor'))} | ${secs(mid(c.floor, 'plan'))} | ${secs(mid(c.floor, 'shapes'))} |`),
  ]
  const unreached = cases.flatMap((c) => [...c.ours.map((l) => ({ c, l, p: 'ours' })), ...c.floor.map((l) => ({ c, l, p: 'tldraw alone' }))]).filter((x) => x.l.timedOut)
  if (unreached.length > 0) {
    lines.push('', `Not ready within ${TIMEOUT_MS / 1000} s (counted as slowest in the medians): ` +
      unreached.map((x) => `${x.p}, ${caseName(x.c)} (most pins seen ${x.l.probe.pinsSeen}/${NEEDS})`).join('; ') + '.')
  }
  lines.push('', 'What the page shows every 500 ms (the run with the median ready time; steps that show the same merged; in the page\'s clock,',
    'so a step that fell inside a long task shows what was on screen before it):')
  for (const c of cases) {
    for (const [which, loads, mark] of [['ours', c.ours, 'ready'], ['tldraw alone', c.floor, 'floorReady']] as const) {
      const run = medianRun(loads, mark)
      const until = run.probe.marks[mark] ?? run.probe.changes[run.probe.changes.length - 1]?.t ?? 0
      lines.push('', `${which}, ${caseName(c)} — ready ${secs(run.probe.marks[mark])} s:`, '', '| time (2 cores) | shows |', '|---|---|', ...timeline(run.probe.changes, until))
    }
  }
  lines.push('',
    `This run took ${minutes.toFixed(0)} min (boards ${opts.boards.join(', ')}; networks ${nets.map((n) => n.name).join(', ')}; ${opts.runs} runs). ` +
    'Shorter: `BENCH_PHONE_RUNS=1`, `BENCH_PHONE_BOARDS=300`, `BENCH_PHONE_NETWORKS=4g` (comma lists; networks `4g`, `slow3g`); ' +
    '`BENCH_PHONE_CLIENT_DIR=<dir>` measures a client already built there instead of building one.')
  return lines.join('\n')
}
