/**
 * A board of 5,000 shapes (draw strokes, notes, geo shapes, images):
 * the server's time to the first sync reply and its bytes from a cold (unloaded) board; in headless
 * Chromium, the time from navigation until every shape is in the page; then a burst of 1,000 remote
 * shape changes applied to tldraw: total time and the longest main-thread task (Long Tasks API).
 */
import fs from 'node:fs'
import path from 'node:path'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { launchChromium, openRecordedPage } from '../helpers/browser.js'
import { connectClient, waitFor } from '../server/syncTestKit.js'
import { median, seedShapes, timeLoad, VIEWPORT, waitUnloaded } from './coldLoadKit.js'
import { benchProjectColdLoad } from './coldLoadProject.js'
import { startOurServer, type OurServer } from './benchServers.js'
import { profilePage, summarise, summariseByPackage, summariseInclusive } from './cpuProfile.js'
import { kib, ms, sleep } from './processStats.js'
import { recordsOf } from './shapes.js'
import { buildFloorApp, serveFloor } from './tldrawFloor.js'

export interface ColdLoadOptions {
  shapes: number
  burst: number
  clientDir: string
  /** Needs on the project board run (coldLoadProject.ts), and ticks on each (author included). */
  needs?: number
  ticksPerNeed?: number
}

/** Cold loads of our page (the last one profiled) and of the floor; BENCH_COLDLOAD_RUNS for more. */
const RUNS = Math.max(3, Number(process.env.BENCH_COLDLOAD_RUNS ?? 3))
/** Sources counted as the sync side of a load: src/sync and the Yjs libraries. */
const SYNC_SOURCES = /(^|\/)src\/sync\/|^(yjs|y-websocket|y-indexeddb|y-utility|y-protocols|lib0)\//
/** A raw connection that sends sync step 1 with an empty state vector and times the step-2 answer. */
async function firstSyncReply(server: OurServer, boardId: string): Promise<{ ms: number; bytes: number; messages: number }> {
  const t0 = performance.now()
  const ws = new WebSocket(`${server.syncUrl}/${boardId}`)
  let bytes = 0
  let messages = 0
  return new Promise((resolve, reject) => {
    ws.on('open', () => {
      const enc = encoding.createEncoder()
      encoding.writeVarUint(enc, 0)
      syncProtocol.writeSyncStep1(enc, new Y.Doc())
      ws.send(encoding.toUint8Array(enc))
    })
    ws.on('message', (data: Buffer) => {
      bytes += data.length
      messages++
      if (data[0] === 0 && data[1] === 1) {
        resolve({ ms: performance.now() - t0, bytes, messages })
        ws.close()
      }
    })
    ws.on('error', reject)
  })
}

export async function benchColdLoad(opts: ColdLoadOptions, log: (l: string) => void): Promise<string> {
  if (!fs.existsSync(path.join(opts.clientDir, 'index.html'))) throw new Error(`no built client in ${opts.clientDir}; run the bundle benchmark first`)
  const server = await startOurServer({ clientDir: opts.clientDir, unloadDelayMs: 500, maxConnectionsPerIp: 0, syncMessagesPerSecond: 0, rateLimitPerMinute: 0 })
  const browser = await launchChromium()
  try {
    const boardId = await server.newBoard()
    const boardUrl = `${server.url}/b/${boardId}`
    // First visit: the page writes the tldraw document, page and schema; the device learns a name.
    const first = await openRecordedPage(browser, { viewport: VIEWPORT })
    await first.page.goto(boardUrl)
    await first.page.getByTestId('name-input').fill('基准')
    await first.page.getByTestId('name-submit').click()
    await first.page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 30_000 })
    await sleep(1_000)
    const storageState = await first.context.storageState()
    await first.context.close()

    const boardRecords = await seedShapes(server, boardId, opts.shapes)
    await waitUnloaded(server)
    log(`${opts.shapes} shapes stored`)

    const cold = await firstSyncReply(server, boardId)
    const warmRuns: number[] = []
    for (let i = 0; i < 5; i++) warmRuns.push((await firstSyncReply(server, boardId)).ms)
    warmRuns.sort((a, b) => a - b)
    await waitUnloaded(server)

    // Cold load in a fresh context (no IndexedDB copy of the board; only the remembered name).
    const loads: { all: number; firstShape: number; count: number }[] = []
    let burst: Burst | null = null
    let cleanBurst: Burst | null = null
    let loadProfile: string[] = []
    let loadByPackage: string[] = []
    let loadSync: string[] = []
    let burstProfile: string[] = []
    const floorRunner = await startFloor(browser, boardRecords, opts.shapes, log)
    const pairedDiffs: number[] = []
    try {
      for (let run = 0; run < RUNS; run++) {
        const profiled = run === RUNS - 1
        const viewer = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', storageState })
        await viewer.addInitScript(() => {
          const w = window as unknown as { __longTasks: { start: number; duration: number }[] }
          w.__longTasks = []
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration })
          }).observe({ type: 'longtask', buffered: true })
        })
        const p = await viewer.newPage()
        const load = () => timeLoad(p, boardUrl, opts.shapes)
        // The last run is profiled (the profiler slows it a little); the others are clean timings.
        let firstShape: number, all: number
        if (profiled) {
          const profiled = await profilePage(p, load)
          ;({ firstShape, all } = profiled.result)
          loadProfile = summarise(profiled.profile, opts.clientDir)
          loadByPackage = summariseByPackage(profiled.profile, opts.clientDir)
          loadSync = summariseInclusive(profiled.profile, opts.clientDir, SYNC_SOURCES, 30)
        } else {
          ({ firstShape, all } = await load())
        }
        const count = await p.evaluate(() => document.querySelectorAll('.tl-shape').length)
        loads.push({ all, firstShape, count })
        log(`cold load ${run + 1}: first shape ${ms(firstShape)} ms, all ${count} shapes ${ms(all)} ms`)

        // The burst twice: after the first load without the profiler (the figures), after the last
        // with it (where the time goes).
        if (run === 0 || profiled) {
          await p.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 30_000 })
          await sleep(1_500)
          if (profiled) {
            const result = await profilePage(p, () => remoteBurst(server, boardId, p, opts.burst))
            burst = result.result
            burstProfile = summarise(result.profile, opts.clientDir)
          } else {
            cleanBurst = await remoteBurst(server, boardId, p, opts.burst)
          }
          const b = (profiled ? burst : cleanBurst)!
          log(`burst of ${opts.burst}${profiled ? ' (profiled)' : ''}: ${ms(b.totalMs)} ms, longest task ${ms(b.longest)} ms (CPU ${ms(b.longestCpu)} ms)`)
        }
        await viewer.close()
        await waitUnloaded(server)
        // Right after ours, with our page closed: both see the same load on a shared machine.
        const floorAll = await floorRunner.run(profiled)
        if (!profiled) pairedDiffs.push(all - floorAll)
      }
    } finally {
      await floorRunner.close()
    }
    // Baseline: the same page with an empty board, to separate booting the app from the shapes' cost.
    const emptyId = await server.newBoard()
    const empty: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const viewer = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', storageState })
      const p = await viewer.newPage()
      await p.goto(`${server.url}/b/${emptyId}`, { waitUntil: 'commit' })
      await p.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 60_000 })
      await p.locator('.tl-canvas').waitFor({ timeout: 60_000 })
      empty.push(await p.evaluate(() => performance.now()))
      await viewer.close()
    }
    log(`empty board: ${ms(median(empty))} ms`)
    const project = await benchProjectColdLoad(server, browser, { shapes: opts.shapes, needs: opts.needs ?? 300, ticksPerNeed: opts.ticksPerNeed ?? 3, runs: RUNS }, log)
    const floor = floorRunner.result()
    const ours = median(loads.slice(0, -1).map((l) => l.all))
    return coldMarkdown(opts, cold, warmRuns[2], loads, project, cleanBurst!, burst!) + [
      '', '', `Baseline and floor, in the same Chromium and conditions (medians; the profiled last run of each page left out of its load time):`, '',
      '| page | empty board ms | every one of the 5,000 shapes in the page ms | shapes\' cost ms |',
      '|---|---:|---:|---:|',
      `| tldraw alone (floor): a Vite app that fetches the same records as JSON, puts them into a tldraw store in one go, renders \`<Tldraw>\` | ${ms(floor.empty)} | ${ms(floor.all)} | ${ms(floor.all - floor.empty)} |`,
      `| ours: the board page, records from our server over y-websocket into the bound store | ${ms(median(empty))} | ${ms(ours)} | ${ms(ours - median(empty))} |`,
      `| ours − floor | ${ms(median(empty) - floor.empty)} | ${ms(ours - floor.all)} | ${ms(ours - median(empty) - (floor.all - floor.empty))} |`,
      '',
      `Each floor load ran right after one of ours; the median of those paired differences (ours − floor, every shape in the page) is ${ms(median(pairedDiffs))} ms.`,
      'The floor is what tldraw 5.4 itself takes for these shapes on this machine (no sync, no server, none of our UI);',
      'only the difference is ours to cut.',
      '', '', 'Where the page spends its time (CPU profile of the last load run, self time by original function via the source maps):', '',
      '| function — source | self ms | share |', '|---|---:|---:|', ...loadProfile,
      '', 'The same profile by package (ours: src/<folder>; the browser\'s own work in parentheses):', '',
      '| package | self ms | share |', '|---|---:|---:|', ...loadByPackage,
      '', 'Our sync code and the sync libraries in that profile, total time including what they call (tldraw included):', '',
      '| function — source | total ms | share |', '|---|---:|---:|', ...loadSync,
      '', 'The floor\'s load (its last run, profiled the same way), by function and by package:', '',
      '| function — source | self ms | share |', '|---|---:|---:|', ...floor.profile,
      '', '| package | self ms | share |', '|---|---:|---:|', ...floor.byPackage,
      '', 'And during the burst:', '',
      '| function — source | self ms | share |', '|---|---:|---:|', ...burstProfile,
    ].join('\n')
  } finally {
    await browser.close()
    await server.stop()
  }
}

/**
 * The floor (see tldrawFloor.ts): the same records into tldraw with no sync, and the same app with
 * none. One floor run follows each of our runs, so both see the same load on a shared machine.
 */
async function startFloor(browser: import('playwright-core').Browser, records: unknown[], shapes: number, log: (l: string) => void) {
  const dist = buildFloorApp(path.resolve('node_modules/.cache/cg-bench/coldload-floor'))
  const server = await serveFloor(dist, records)
  const all: number[] = []
  const empty: number[] = []
  let profile: string[] = []
  let byPackage: string[] = []
  return {
    async run(profiled: boolean): Promise<number> {
      const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' })
      const p = await context.newPage()
      const load = async () => {
        await p.goto(`${server.url}/`, { waitUntil: 'commit' })
        return (await p.waitForFunction((n) => document.querySelectorAll('.tl-shape').length >= n ? performance.now() : 0, shapes, { polling: 16, timeout: 120_000 })).jsonValue()
      }
      if (profiled) {
        const result = await profilePage(p, load)
        all.push(result.result)
        profile = summarise(result.profile, dist)
        byPackage = summariseByPackage(result.profile, dist)
      } else {
        all.push(await load())
      }
      await context.close()
      const emptyContext = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' })
      const q = await emptyContext.newPage()
      await q.goto(`${server.url}/?empty`, { waitUntil: 'commit' })
      await q.locator('.tl-canvas').waitFor({ timeout: 60_000 })
      empty.push(await q.evaluate(() => performance.now()))
      await emptyContext.close()
      log(`floor ${all.length}: all ${shapes} shapes ${ms(all[all.length - 1])} ms, empty ${ms(empty[empty.length - 1])} ms`)
      return all[all.length - 1]
    },
    /** Medians, the profiled (last) load left out. */
    result: () => ({ all: median(all.slice(0, -1)), empty: median(empty), profile, byPackage }),
    close: () => server.close(),
  }
}

interface Burst { totalMs: number; longest: number; longestCpu: number; longTasks: number; changes: number }

/**
 * The page's main-thread tasks from a Chromium trace: wall time and the thread's CPU time of each.
 * Long Tasks report wall time only, which on a machine shared with other work includes the time
 * the thread waited for a core; CPU time is what the task itself cost.
 */
function mainThreadTasks(trace: Buffer): { dur: number; tdur: number }[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } }[] }).traceEvents
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`))
  const byThread = new Map<string, { dur: number; tdur: number }[]>()
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`
    if (e.name !== 'RunTask' || e.ph !== 'X' || !mains.has(key)) continue
    const list = byThread.get(key) ?? []
    list.push({ dur: (e.dur ?? 0) / 1000, tdur: (e.tdur ?? e.dur ?? 0) / 1000 })
    byThread.set(key, list)
  }
  // The page under test is the renderer main thread that worked the most.
  const busiest = [...byThread.values()].sort((a, b) => b.reduce((t, x) => t + x.dur, 0) - a.reduce((t, x) => t + x.dur, 0))[0]
  return busiest ?? []
}

async function remoteBurst(server: OurServer, boardId: string, page: import('playwright-core').Page, changes: number): Promise<Burst> {
  const writer = connectClient(server.syncUrl, boardId)
  await waitFor(() => writer.provider.synced, 'burst writer synced')
  const kv = recordsOf(writer.doc)
  const browser = page.context().browser()!
  await browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline'] })
  const pageStart = await page.evaluate(() => performance.now())
  const t0 = performance.now()
  // Each change is its own transaction and message, like 1,000 moves from other people arriving at once.
  for (let i = changes; i >= 1; i--) {
    const id = `shape:bench${i % 5000}`
    const rec = kv.get(id) as { x: number; y: number } | undefined
    if (rec) kv.set(id, { ...rec, x: rec.x + 7, y: rec.y + 3 } as never)
  }
  // The last change moves shape 0, which is on screen: when its transform shows it, all were applied.
  const last = kv.get('shape:bench0') as Record<string, unknown>
  const target = { x: Math.round(Number(last.x)) + 37, y: Math.round(Number(last.y)) + 41 }
  kv.set('shape:bench0', { ...last, ...target } as never)
  await page.waitForFunction((t) => {
    const el = document.querySelector('.tl-shape[data-shape-id="shape:bench0"]') as HTMLElement | null
    // tldraw writes the page transform as matrix(a, b, c, d, x, y).
    return !!el && el.style.transform.endsWith(`, ${t.x}, ${t.y})`)
  }, target, { polling: 'raf', timeout: 60_000 })
  const totalMs = performance.now() - t0
  await sleep(300)
  const tasks = mainThreadTasks(await browser.stopTracing())
  const longTasks = await page.evaluate((since) =>
    (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start >= since), pageStart)
  writer.destroy()
  return {
    totalMs,
    longest: Math.max(0, ...longTasks.map((t) => t.duration), ...tasks.map((t) => t.dur)),
    longestCpu: Math.max(0, ...tasks.map((t) => t.tdur)),
    longTasks: longTasks.length,
    changes: changes + 1,
  }
}

function coldMarkdown(opts: ColdLoadOptions, cold: { ms: number; bytes: number; messages: number }, warmMs: number,
  loads: { all: number; firstShape: number; count: number }[], project: string, burst: Burst, profiledBurst: Burst): string {
  // The last run was profiled, which slows it: the median is of the others.
  const middle = { all: median((loads.length > 1 ? loads.slice(0, -1) : loads).map((l) => l.all)) }
  return [
    `${opts.shapes.toLocaleString('en')} shapes (40 % draw strokes of 24 points, 30 % notes, 20 % geo shapes with a label, 10 % images of 5 uploaded PNGs)`,
    'on a plain board, laid out 100 per row (most are off screen and culled). Needs (participation pins) exist on project boards only: see the project board below.',
    '',
    '| server, board not loaded (read from SQLite) | ms | bytes to the client |',
    '|---|---:|---:|',
    `| connect → sync step 2 (the whole board), cold | ${ms(cold.ms)} | ${kib(cold.bytes)} KiB in ${cold.messages} messages |`,
    `| the same, board already loaded (median of 5) | ${ms(warmMs)} | |`,
    '',
    `Headless Chromium (${VIEWPORT.width}×${VIEWPORT.height}, no GPU), our production build served by our server, a fresh browser context each time (nothing cached,`,
    'no IndexedDB copy), board unloaded on the server; time from navigation start:',
    '',
    '| run | first shape in the page ms | every shape in the page ms | .tl-shape elements |',
    '|---:|---:|---:|---:|',
    ...loads.map((l, i) => `| ${i + 1} | ${ms(l.firstShape)} | ${ms(l.all)} | ${l.count} |`),
    '',
    `Target (every shape rendered < 1.5 s): ${middle.all < 1500 ? 'met' : 'missed'} (median ${ms(middle.all)} ms of the runs not profiled).`,
    '',
    project,
    '',
    `Client binding burst: ${burst.changes.toLocaleString('en')} remote shape changes (one transaction and message each, sent as fast as one`,
    'Node client can) into the page that just loaded the board. Task lengths from a Chromium trace of the page\'s main thread',
    '(and the Long Tasks API): wall time, and the thread\'s own CPU time, which waiting for a core on a shared machine does not inflate.',
    '',
    '| run | total time until the last change shows ms | longest main-thread task ms (wall) | the same, CPU ms | long tasks (> 50 ms wall) |',
    '|---|---:|---:|---:|---:|',
    ...([['after the first load', burst], ['after the last load, under the CPU profiler', profiledBurst]] as const).map(([what, b]) =>
      `| ${what} | ${ms(b.totalMs)} | ${ms(b.longest)} | ${ms(b.longestCpu)} | ${b.longTasks} |`),
    '',
    `Target (longest block < 100 ms, the run without profiler): ${burst.longest < 100 ? 'met' : 'missed'} (wall ${ms(burst.longest)} ms, CPU ${ms(burst.longestCpu)} ms).`,
  ].join('\n')
}
