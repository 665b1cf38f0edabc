/**
 * Issue 6 point 2 — fan-out. N real y-websocket clients on one board, W of them writing R updates/s
 * for D seconds; every update carries its send time, every other client records when it arrived.
 * Measured for our server and for the reference y-websocket@2.1.0 server under the same load, each
 * in its own process so its CPU time can be read from /proc.
 */
import { connectClient, waitFor, type Client } from '../server/syncTestKit.js'
import { startOurServer, startReferenceServer, type BenchServer } from './benchServers.js'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { summarise, type Profile } from './cpuProfile.js'
import { cpuMs, ms, quantile, sleep } from './processStats.js'

export interface FanoutOptions {
  sizes: number[]
  writers: number
  ratePerWriter: number
  seconds: number
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
}

interface Stamp { w: number; s: number; t: number }

async function connectAll(server: BenchServer, boardId: string, n: number): Promise<Client[]> {
  const clients: Client[] = []
  for (let i = 0; i < n; i += 25) {
    const batch: Client[] = []
    for (let j = i; j < Math.min(n, i + 25); j++) {
      const c = connectClient(server.syncUrl, boardId)
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

export async function fanoutRun(server: BenchServer, n: number, opts: FanoutOptions): Promise<FanoutResult> {
  const boardId = await server.newBoard()
  const clients = await connectAll(server, boardId, n)
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
  }
}

export async function benchFanout(opts: FanoutOptions, log: (line: string) => void): Promise<string> {
  const results: FanoutResult[] = []
  for (const n of opts.sizes) {
    for (const which of ['reference', 'ours'] as const) {
      // A fresh process per run: no warm caches or leftover boards from the previous size.
      const server = which === 'ours'
        ? await startOurServer({ maxConnectionsPerIp: 0, syncMessagesPerSecond: 0 })
        : await startReferenceServer()
      try {
        const r = await fanoutRun(server, n, opts)
        log(`fan-out ${which} N=${n}: p50 ${ms(r.p50)} p99 ${ms(r.p99)} ms, ${r.delivered}/${r.expected} delivered, ${ms(r.cpuPer1000)} CPU ms/1000`)
        results.push(r)
      } finally {
        await server.stop()
      }
    }
  }
  return fanoutMarkdown(results, opts) + '\n\n' + await profileOurs(Math.max(...opts.sizes), opts, log)
}

/** One more run of ours at the largest size under the V8 profiler (not timed): where its CPU goes. */
async function profileOurs(n: number, opts: FanoutOptions, log: (l: string) => void): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-bench-prof-'))
  try {
    const server = await startOurServer({ maxConnectionsPerIp: 0, syncMessagesPerSecond: 0 }, dir)
    try {
      await fanoutRun(server, n, opts)
    } finally {
      await server.stop()
    }
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
    if (!file) return 'Our server could not be profiled (no .cpuprofile written).'
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile
    log('profiled our server')
    return [
      `Where our server's CPU goes at ${n} clients (a separate, untimed run under \`--cpu-prof\`; whole process life, including connects):`,
      '',
      '| function — source | self ms | share |',
      '|---|---:|---:|',
      ...summarise(profile, dir, 20),
    ].join('\n')
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

function fanoutMarkdown(results: FanoutResult[], opts: FanoutOptions): string {
  const lines = [
    `Load: ${opts.writers} writers × ${opts.ratePerWriter} updates/s for ${opts.seconds} s on one board; every update is one`,
    'Y.Array push carrying its send time (performance.now() in the benchmark process, which hosts all clients);',
    'latency is measured on every other client when the update is applied. Presence is off. Server CPU is',
    'utime+stime of the server process from /proc over the send-and-deliver window (10 ms resolution).',
    '',
    '| clients | server | delivered / expected | p50 ms | p95 ms | p99 ms | max ms | server CPU ms | CPU ms / 1,000 deliveries | client process CPU ms/s |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const r of results) {
    lines.push(`| ${r.clients} | ${r.server} | ${r.delivered} / ${r.expected} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.serverCpuMs.toFixed(0)} | ${ms(r.cpuPer1000)} | ${r.clientCpuPerSecond.toFixed(0)} |`)
  }
  lines.push('', '| clients | p99 ours / reference | CPU per delivery ours / reference | target at 200 (≤ 1.0×) |', '|---:|---:|---:|---|')
  for (const n of opts.sizes) {
    const o = results.find((r) => r.clients === n && r.server === 'ours')
    const ref = results.find((r) => r.clients === n && r.server === 'reference')
    if (!o || !ref) continue
    const p = o.p99 / ref.p99
    const c = o.cpuPer1000 / ref.cpuPer1000
    const verdict = n === 200 ? (p <= 1 && c <= 1 ? 'met' : 'missed') : ''
    lines.push(`| ${n} | ${p.toFixed(2)}× | ${c.toFixed(2)}× | ${verdict} |`)
  }
  return lines.join('\n')
}

