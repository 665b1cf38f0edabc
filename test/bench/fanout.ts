/**
 * Fan-out. N real y-websocket clients on one board, W of them writing R updates/s
 * for D seconds; every update carries its send time, every other client records when it arrived.
 * Measured for our server and for the reference y-websocket@2.1.0 server under the same load, each
 * in its own process so its CPU time can be read from /proc.
 */
import { connectClient, waitFor, type Client } from '../server/syncTestKit.js'
import { startOurServer, startReferenceServer, type BenchServer } from './benchServers.js'
import os from 'node:os'
import type { Profile } from './cpuProfile.js'
import { cpuMs, ms, quantile, sleep } from './processStats.js'

export interface FanoutOptions {
  sizes: number[]
  writers: number
  ratePerWriter: number
  seconds: number
  /** Runs per size and server (default BENCH_FANOUT_REPEATS, else 5), alternating which server goes first. */
  repeats?: number
}

export interface FanoutResult {
  server: BenchServer['name']
  clients: number
  writes: number
  expected: number
  delivered: number
  p50: number
  p95: number
  p99: number
  max: number
  serverCpuMs: number
  cpuPer1000: number
  /** CPU the benchmark process (all clients) used per wall-clock second: near 1000 means the clients were the bottleneck. */
  clientCpuPerSecond: number
  /** The machine's 1-minute load average when the send window began (other work on the machine). */
  load1: number
}

interface Stamp { w: number; s: number; t: number }

/** `n` clients on the board, 25 at a time; client j connects to `syncUrlOf(j)` (the cluster benchmark spreads them). */
export async function connectAll(syncUrlOf: (j: number) => string, boardId: string, n: number): Promise<Client[]> {
  const clients: Client[] = []
  for (let i = 0; i < n; i += 25) {
    const batch: Client[] = []
    for (let j = i; j < Math.min(n, i + 25); j++) {
      const c = connectClient(syncUrlOf(j), boardId)
      // No presence: this measures document fan-out. Awareness renewals (every 15 s per client,
      // N² messages) would add the same noise to both servers but blur the per-update numbers.
      c.provider.awareness.setLocalState(null)
      batch.push(c)
    }
    await waitFor(() => batch.every((c) => c.provider.synced), `${n} clients synced`, 60_000)
    clients.push(...batch)
  }
  return clients
}

/** `profile`: record a CPU profile of the server over the send-and-deliver window (not for timed runs). */
export async function fanoutRun(server: BenchServer, n: number, opts: FanoutOptions, profile?: (p: Profile) => void): Promise<FanoutResult> {
  const boardId = await server.newBoard()
  const clients = await connectAll(() => server.syncUrl, boardId, n)
  const writesPerWriter = opts.ratePerWriter * opts.seconds
  const writers = Math.min(opts.writers, n)
  const writes = writers * writesPerWriter
  const expected = writes * (n - 1)
  const latencies = new Float64Array(expected)
  let delivered = 0

  clients.forEach((client, index) => {
    client.doc.getArray<Stamp>('bench').observe((event) => {
      const now = performance.now()
      for (const d of event.changes.delta) {
        if (!d.insert) continue
        for (const item of d.insert as Stamp[]) {
          if (item.w === index) continue // our own write, applied locally
          if (delivered < expected) latencies[delivered] = now - item.t
          delivered++
        }
      }
    })
  })

  await sleep(500)
  if (profile) await server.profileStart()
  const load1 = os.loadavg()[0]
  const cpuBefore = cpuMs(server.pid)
  const clientCpuBefore = process.cpuUsage()
  const wallStart = performance.now()

  // Writers are staggered evenly across each period; the schedule is absolute so timer drift does not
  // lower the rate.
  const period = 1000 / opts.ratePerWriter
  const start = performance.now() + 50
  const slots: { at: number; w: number; s: number }[] = []
  for (let s = 0; s < writesPerWriter; s++) {
    for (let w = 0; w < writers; w++) slots.push({ at: start + s * period + (w * period) / writers, w, s })
  }
  for (const slot of slots) {
    const wait = slot.at - performance.now()
    if (wait > 1) await sleep(wait)
    clients[slot.w].doc.getArray<Stamp>('bench').push([{ w: slot.w, s: slot.s, t: performance.now() }])
  }
  try {
    await waitFor(() => delivered >= expected, `${expected} deliveries`, 60_000)
  } catch {
    // Reported as a shortfall in the table rather than aborting the whole run.
  }
  const wall = performance.now() - wallStart
  const serverCpuMs = cpuMs(server.pid) - cpuBefore
  const clientCpu = process.cpuUsage(clientCpuBefore)
  if (profile) profile(await server.profileStop())

  for (const c of clients) c.destroy()
  const got = Math.min(delivered, expected)
  const sorted = latencies.subarray(0, got).sort()
  return {
    server: server.name,
    clients: n,
    writes,
    expected,
    delivered,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted[got - 1] ?? NaN,
    serverCpuMs,
    cpuPer1000: (serverCpuMs / Math.max(1, delivered)) * 1000,
    clientCpuPerSecond: ((clientCpu.user + clientCpu.system) / 1000 / wall) * 1000,
    load1,
  }
}

function startServer(which: BenchServer['name']): Promise<BenchServer> {
  // A fresh process per run: no warm caches or leftover boards from the previous run.
  return which === 'ours' ? startOurServer({ maxConnectionsPerIp: 0, syncMessagesPerSecond: 0 }) : startReferenceServer()
}

export async function benchFanout(opts: FanoutOptions, log: (line: string) => void): Promise<string> {
  const repeats = opts.repeats ?? Number(process.env.BENCH_FANOUT_REPEATS ?? 5)
  const results: FanoutResult[] = []
  for (const n of opts.sizes) {
    for (let r = 0; r < repeats; r++) {
      // Alternate which server goes first (ABBA…), so a slow drift in the machine's load (the
      // other work on it) falls on both alike rather than always on the second.
      const order = r % 2 === 0 ? (['reference', 'ours'] as const) : (['ours', 'reference'] as const)
      for (const which of order) {
        const server = await startServer(which)
        try {
          const res = await fanoutRun(server, n, opts)
          log(`fan-out ${which} N=${n} run ${r + 1}/${repeats}: p50 ${ms(res.p50)} p99 ${ms(res.p99)} ms, ` +
            `${res.delivered}/${res.expected} delivered, ${ms(res.cpuPer1000)} CPU ms/1000, load ${res.load1.toFixed(1)}`)
          results.push(res)
        } finally {
          await server.stop()
        }
      }
    }
  }
  const largest = Math.max(...opts.sizes)
  const profiles: string[] = []
  for (const which of ['ours', 'reference'] as const) profiles.push(await profileRun(which, largest, opts, log))
  return fanoutMarkdown(results, opts, repeats) + '\n\n' + profiles.join('\n\n')
}

/** One more run at the largest size with the V8 profiler on during the send window (not timed): where CPU goes. */
async function profileRun(which: BenchServer['name'], n: number, opts: FanoutOptions, log: (l: string) => void): Promise<string> {
  const server = await startServer(which)
  let profile: Profile | undefined
  try {
    await fanoutRun(server, n, opts, (p) => { profile = p })
  } finally {
    await server.stop()
  }
  log(`profiled ${which}`)
  return [
    `Where the ${which === 'ours' ? 'our' : 'reference'} server's CPU goes at ${n} clients (a separate, untimed run with the V8 profiler`,
    'on during the send window only; self time, share of the non-idle time):',
    '',
    '| function — source | self ms | share |',
    '|---|---:|---:|',
    ...selfTimes(profile!, 12),
  ].join('\n')
}

/** Markdown rows: the `top` functions by self time, idle excluded. */
function selfTimes(profile: Profile, top: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const groups = new Map<string, number>()
  let total = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const f = byId.get(profile.samples[i])!.callFrame
    const t = (profile.timeDeltas[i + 1] ?? 0) / 1000
    if (f.functionName === '(idle)') continue
    const src = f.url.replace(/^file:\/\//, '').replace(/^.*node_modules\/\.cache\/cg-bench[^/]*\//, '').replace(/^.*node_modules\//, '')
    const label = f.url === '' ? `(${f.functionName})` : `${f.functionName || '(anonymous)'} — ${src}:${f.lineNumber + 1}`
    groups.set(label, (groups.get(label) ?? 0) + t)
    total += t
  }
  return [...groups].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([label, t]) => `| ${label.replace(/\|/g, '\\|')} | ${t.toFixed(0)} | ${((t / total) * 100).toFixed(1)} % |`)
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  const m = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
}

function fanoutMarkdown(results: FanoutResult[], opts: FanoutOptions, repeats: number): string {
  const lines = [
    `Load: ${opts.writers} writers × ${opts.ratePerWriter} updates/s for ${opts.seconds} s on one board; every update is one`,
    'Y.Array push carrying its send time (performance.now() in the benchmark process, which hosts all clients);',
    'latency is measured on every other client when the update is applied. Presence is off. Server CPU is',
    'utime+stime of the server process from /proc over the send-and-deliver window (10 ms resolution).',
    `Each size runs ${repeats} times per server, alternating which server goes first, each run a fresh server process;`,
    'the table gives the median of the runs (CPU: median, with the lowest and highest run). The load average is the',
    "machine's 1-minute load at the start of each run (2 cores; above 2 other work was queueing for them).",
    '',
    '| clients | server | delivered / expected (all runs) | p50 ms | p95 ms | p99 ms | max ms | CPU ms / 1,000 deliveries (range) | client process CPU ms/s | load average (range) |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  const of = (n: number, server: string) => results.filter((r) => r.clients === n && r.server === server)
  for (const n of opts.sizes) {
    for (const server of ['reference', 'ours']) {
      const rs = of(n, server)
      if (rs.length === 0) continue
      const m = (f: (r: FanoutResult) => number) => median(rs.map(f))
      const cpu = rs.map((r) => r.cpuPer1000)
      const load = rs.map((r) => r.load1)
      const delivered = rs.reduce((a, r) => a + r.delivered, 0)
      const expected = rs.reduce((a, r) => a + r.expected, 0)
      lines.push(`| ${n} | ${server} | ${delivered} / ${expected} | ${ms(m((r) => r.p50))} | ${ms(m((r) => r.p95))} | ` +
        `${ms(m((r) => r.p99))} | ${ms(m((r) => r.max))} | ${ms(median(cpu))} (${ms(Math.min(...cpu))}–${ms(Math.max(...cpu))}) | ` +
        `${m((r) => r.clientCpuPerSecond).toFixed(0)} | ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} |`)
    }
  }
  lines.push('', 'Ratios ours / reference: of the medians above, and the median of the ratios of each pair of runs made',
    'back to back (the pairs share the machine\'s state, so this one is less sensitive to other work on it).', '',
    '| clients | p99: of medians | p99: median of pairs (each pair) | CPU per delivery: of medians | CPU per delivery: median of pairs (each pair) | target at 200 (≤ 1.0×) |',
    '|---:|---:|---|---:|---|---|')
  for (const n of opts.sizes) {
    const o = of(n, 'ours')
    const ref = of(n, 'reference')
    if (o.length === 0 || ref.length === 0) continue
    const pairs = (f: (r: FanoutResult) => number) => o.flatMap((r, i) => (ref[i] ? [f(r) / f(ref[i])] : []))
    const show = (xs: number[]) => `${median(xs).toFixed(2)}× (${xs.map((x) => x.toFixed(2)).join(', ')})`
    const p = median(o.map((r) => r.p99)) / median(ref.map((r) => r.p99))
    const c = median(o.map((r) => r.cpuPer1000)) / median(ref.map((r) => r.cpuPer1000))
    const pp = pairs((r) => r.p99)
    const cp = pairs((r) => r.cpuPer1000)
    const met = Math.max(p, median(pp)) <= 1 && Math.max(c, median(cp)) <= 1
    const verdict = n === 200 ? (met ? 'met' : 'missed') : ''
    lines.push(`| ${n} | ${p.toFixed(2)}× | ${show(pp)} | ${c.toFixed(2)}× | ${show(cp)} | ${verdict} |`)
  }
  return lines.join('\n')
}
