/**
 * A mid-range phone on a mobile network, in Chromium through CDP: the page's main thread slowed 4×
 * (Emulation.setCPUThrottlingRate) and its requests delayed and capped
 * (Network.emulateNetworkConditions). Both are per target, and what the emulation does not reach is
 * said in docs/performance.md next to the figures: the service worker fetches for itself (on a second
 * visit the navigation, /api/config and /api/boards/<id> go network-first through it) and those
 * fetches are not slowed — attaching to the worker's own target and emulating there was tried
 * (Chromium 156) and changed nothing; and a WebSocket pays the RTT on its handshake, but its
 * messages are not delayed by it (measured: a reply 56 ms after open on "slow 3G", 21 ms without).
 */
import type { BrowserContext, CDPSession, Page, Request } from 'playwright-core'

export interface Network {
  name: string
  /** Round-trip time added to every request, ms. */
  latencyMs: number
  downKbps: number
  upKbps: number
}

/**
 * The two networks a resident's phone is measured on. Upload: the 4G line is symmetric as far as this page cares (it sends
 * little); slow 3G uploads at 750 kbit/s, Lighthouse's figure for its mobile line.
 */
export const NETWORKS: Record<string, Network> = {
  '4g': { name: '4G', latencyMs: 150, downKbps: 9_000, upKbps: 9_000 },
  slow3g: { name: 'slow 3G', latencyMs: 400, downKbps: 1_600, upKbps: 750 },
}

/**
 * How much slower than this host's CPU the phone's is: 4, the issue's own definition of a mid-range
 * phone. BENCH_PHONE_CPU_SLOWDOWN sets another, to compare hosts: a fixed rate on a slower host
 * emulates a slower phone (docs/performance.md). The table then says which rate it was run at.
 */
export const CPU_SLOWDOWN = Number(process.env.BENCH_PHONE_CPU_SLOWDOWN ?? 4)
if (!(CPU_SLOWDOWN >= 1)) throw new Error(`BENCH_PHONE_CPU_SLOWDOWN must be a number ≥ 1, not "${process.env.BENCH_PHONE_CPU_SLOWDOWN}"`)

const conditions = (net: Network) => ({
  offline: false,
  latency: net.latencyMs,
  downloadThroughput: (net.downKbps * 1000) / 8,
  uploadThroughput: (net.upKbps * 1000) / 8,
})

/** Slows `page` (before it navigates: the emulation stays with the target across navigations). */
export async function throttlePage(page: Page, net: Network): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', conditions(net))
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  return cdp
}

/** Resolves once `context` has had no request in flight for `quietMs` (at most `maxMs`). */
export async function networkQuiet(context: BrowserContext, quietMs: number, maxMs: number): Promise<void> {
  let inFlight = 0
  let lastChange = Date.now()
  // A live event stream (the participation layer's) never finishes: not counted.
  const counted = (req: Request) => req.resourceType() !== 'eventsource'
  const up = (req: Request) => { if (counted(req)) { inFlight++; lastChange = Date.now() } }
  const down = (req: Request) => { if (counted(req)) { inFlight = Math.max(0, inFlight - 1); lastChange = Date.now() } }
  context.on('request', up)
  context.on('requestfinished', down)
  context.on('requestfailed', down)
  const started = Date.now()
  try {
    while (Date.now() - started < maxMs) {
      if (inFlight === 0 && Date.now() - lastChange >= quietMs) return
      await new Promise((r) => setTimeout(r, 200))
    }
  } finally {
    context.off('request', up)
    context.off('requestfinished', down)
    context.off('requestfailed', down)
  }
}

/**
 * Polls an expression in the page through CDP's Runtime.evaluate until it is true (or `timeoutMs`
 * passes): true when it held. Not Playwright's waitForFunction or evaluate: those first inject
 * Playwright's own script into the page (about 330 KB, measured: ~150 ms of the emulated phone's main
 * thread early in the load), a cost no real phone pays. A plain expression costs the page nothing more.
 */
export async function pollPage(cdp: CDPSession, expression: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs
  for (;;) {
    // A page between documents (its context destroyed, or not yet made) answers with an error: not yet.
    const value = await cdp.send('Runtime.evaluate', { expression, returnByValue: true }).then((r) => r.result.value, () => undefined)
    if (value === true) return true
    if (Date.now() >= until) return false
    await new Promise((r) => setTimeout(r, 250))
  }
}
