/**
 * A closer look than `npm run bench -- phone`: one resident's first and second visit of the phone
 * benchmark's board (300 shapes, 4G, the same throttling and probe), printing, for each visit, what
 * the page showed when (phoneProbe.ts) and the resource timing of every request (start, connection,
 * request sent, first byte, end, bytes: where a request waited for a connection, or for the main
 * thread). With TRACE=1 it also writes a Chromium trace of each visit (open it in DevTools'
 * Performance panel) — tracing slows the page, so its times are not the benchmark's.
 *
 *   npx tsc -p test/bench/tsconfig.json && node node_modules/.cache/cg-bench/test/bench/phoneTrace.js
 *
 * CLIENT=<dir> a built client (default: the phone benchmark's); RUNS=<n> devices (default 1);
 * SHAPES=<n> the board's shapes (default 300); NET=4g|slow3g (default 4g); UNTIL=<mark> the probe's mark
 * each visit waits for (default ready; e.g. connected or strokes, to see what a big board waits on);
 * TRACE=1; TRACE_DIR=<dir> (default: the system's temp dir); PAUSE_MS=<ms> between the visits (over
 * 30 s and Chromium has stopped the idle service worker, as for a resident returning the next day).
 * Nothing is written to docs/.
 */
import os from 'node:os'
import path from 'node:path'
import type { CDPSession } from 'playwright-core'
import { launchChromium } from '../helpers/browser.js'
import { startOurServer } from './benchServers.js'
import { waitUnloaded } from './coldLoadKit.js'
import { accessState, NEEDS, seedPhoneBoard } from './phoneBoard.js'
import { installProbe, type ProbeResult } from './phoneProbe.js'
import { NETWORKS, networkQuiet, pollPage, throttlePage } from './phoneThrottle.js'

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'toplevel', 'blink']

/** Every request of the page so far, one line each: ms from navigation start, rounded. */
const RESOURCE_TIMING = `JSON.stringify(performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).map((e) =>
  [e.name.replace(location.origin, '').slice(0, 60), e.startTime, e.connectEnd, e.requestStart, e.responseStart, e.responseEnd].map((v) => typeof v === 'number' ? Math.round(v) : v)
    .concat([e.transferSize === 0 && e.decodedBodySize > 0 ? 'cache' : e.transferSize + ' B'])))`

async function evaluate(cdp: CDPSession, expression: string): Promise<unknown> {
  const { result } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true })
  return result.value
}

async function main() {
  const clientDir = process.env.CLIENT ?? path.resolve('node_modules/.cache/cg-bench/phone/client')
  const traceDir = process.env.TRACE_DIR ?? os.tmpdir()
  const server = await startOurServer({ clientDir, unloadDelayMs: 500, maxConnectionsPerIp: 0, syncMessagesPerSecond: 0, rateLimitPerMinute: 0 })
  const browser = await launchChromium()
  try {
    const board = await seedPhoneBoard(server, browser, Number(process.env.SHAPES ?? 300), (l) => console.log(l))
    await waitUnloaded(server)
    const url = `${server.url}/p/${board.projectId}`
    for (let run = 0; run < Number(process.env.RUNS ?? 1); run++) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'zh-CN',
        storageState: accessState(server.url, board.projectId, board.resident),
      })
      await context.addInitScript(installProbe, { needs: NEEDS, shapes: 1e9 })
      for (const visit of ['first', 'second']) {
        const page = await context.newPage()
        // Read through CDP only: Playwright's own evaluation would inject its script into the page.
        const cdp = await throttlePage(page, NETWORKS[(process.env.NET ?? '4g') as keyof typeof NETWORKS])
        // The sync socket's frames (not in resource timing): when the board itself came, and how big.
        const frames: string[] = []
        const wsStart = Date.now()
        cdp.on('Network.webSocketCreated', (e) => frames.push(`${Date.now() - wsStart} ms: socket ${e.url.replace(/\?.*/, '')}`))
        cdp.on('Network.webSocketFrameReceived', (e) => frames.push(`${Date.now() - wsStart} ms: frame in, ${e.response.payloadData.length} chars (base64)`))
        const traceFile = path.join(traceDir, `phone-${visit}-${run}.json`)
        if (process.env.TRACE) await browser.startTracing(page, { path: traceFile, categories: TRACE_CATEGORIES })
        await page.goto(url, { waitUntil: 'commit' })
        await pollPage(cdp, `!!(window.__cgPhone && window.__cgPhone.marks[${JSON.stringify(process.env.UNTIL ?? 'ready')}] !== undefined)`, 120_000)
        await page.waitForTimeout(500)
        if (process.env.TRACE) await browser.stopTracing()
        const probe = JSON.parse(await evaluate(cdp, 'JSON.stringify(window.__cgPhone)') as string) as ProbeResult
        console.log(`${visit} visit, run ${run + 1}: ${JSON.stringify(Object.fromEntries(Object.entries(probe.marks).map(([k, v]) => [k, Math.round(v)])))}`)
        for (const c of probe.changes) console.log(`  ${Math.round(c.t)} ms: ${c.shows}`)
        console.log('  request (ms from navigation): start, connected, sent, first byte, end, bytes')
        for (const row of JSON.parse(await evaluate(cdp, RESOURCE_TIMING) as string) as unknown[][]) console.log(`  ${row.join(' ')}`)
        console.log('  sync socket (ms from goto, roughly navigation):')
        for (const f of frames.slice(0, 30)) console.log(`  ${f}`)
        if (process.env.TRACE) console.log(`  trace: ${traceFile}`)
        if (visit === 'first') {
          await networkQuiet(context, 2000, 60000)
          await page.close()
          await waitUnloaded(server)
          // A returning resident comes back later: by then the service worker has been stopped.
          await new Promise((r) => setTimeout(r, Number(process.env.PAUSE_MS ?? 0)))
        }
      }
      await context.close()
      await waitUnloaded(server)
    }
  } finally {
    await browser.close()
    await server.stop()
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err)
  process.exit(1)
})
