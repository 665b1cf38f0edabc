/**
 * `npm run bench -- cluster`: several instances on one PostgreSQL database and one Redis.
 * 1. Fan-out across instances: 200 real y-websocket clients on one board, spread evenly over 1, 2
 *    and 3 instances (client i on instance i mod k, connected directly: the balancer's own cost is
 *    not what is measured); 5 writers at 10 updates/s for 10 s; every update carries its send time.
 *    Delivery latency p50/p99 (all deliveries, and those crossing instances) and CPU per delivered
 *    update summed over the instances' processes.
 * 2. Idle connections: 1,000 over 100 boards on one instance, 3,000 over 300 boards on three;
 *    memory per connection on each instance (RSS and heap deltas after a full GC).
 * Each instance is its own child process (serverProcess.ts), so its CPU and memory are its own.
 */
import os from 'node:os'
import { freshPgDatabase } from '../helpers/pgDatabase.js'
import { connectClient, waitFor, type Client } from '../server/syncTestKit.js'
import { connectAll } from './fanout.js'
import { startOurServer, type OurServer } from './benchServers.js'
import { cpuMs, kib, ms, quantile, rssBytes, sleep } from './processStats.js'

export interface ClusterOptions {
  clients: number
  instanceCounts: number[]
  writers: number
  ratePerWriter: number
  seconds: number
  repeats: number
  idleBoardsPerInstance: number
  idleConnectionsPerBoard: number
}

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379'

interface Stamp { w: number; s: number; t: number }

interface FanRow {
  instances: number
  expected: number
  delivered: number
  p50: number
  p99: number
  crossP50: number
  crossP99: number
  cpuMs: number
  cpuPer1000: number
  load1: number
}

async function startInstances(k: number, databaseUrl: string, prefix: string, extra: Record<string, unknown> = {}): Promise<OurServer[]> {
  const overrides = {
    databaseUrl, redisUrl: REDIS_URL, redisPrefix: prefix, maxConnectionsPerIp: 0, syncMessagesPerSecond: 0, ...extra,
  }
  // One after another: the first creates the tables (the others would wait on its lock anyway).
  const servers: OurServer[] = []
  for (let i = 0; i < k; i++) servers.push(await startOurServer(overrides))
  return servers
}

async function fanRun(k: number, opts: ClusterOptions): Promise<FanRow> {
  const db = await freshPgDatabase(ADMIN_URL)
  const prefix = `cgbench:${Date.now().toString(36)}:`
  const servers = await startInstances(k, db.url, prefix)
  try {
    const boardId = await servers[0].newBoard()
    const clients = await connectAll((j) => servers[j % servers.length].syncUrl, boardId, opts.clients)
    const writesPerWriter = opts.ratePerWriter * opts.seconds
    const writers = Math.min(opts.writers, opts.clients)
    const expected = writers * writesPerWriter * (opts.clients - 1)
    const all: number[] = []
    const cross: number[] = []
    clients.forEach((client, index) => {
      client.doc.getArray<Stamp>('bench').observe((event) => {
        const now = performance.now()
        for (const d of event.changes.delta) {
          if (!d.insert) continue
          for (const item of d.insert as Stamp[]) {
            if (item.w === index) continue
            all.push(now - item.t)
            if (item.w % k !== index % k) cross.push(now - item.t)
          }
        }
      })
    })
    await sleep(500)
    const load1 = os.loadavg()[0]
    const cpuBefore = servers.map((s) => cpuMs(s.pid))
    const period = 1000 / opts.ratePerWriter
    const start = performance.now() + 50
    for (let s = 0; s < writesPerWriter; s++) {
      for (let w = 0; w < writers; w++) {
        const wait = start + s * period + (w * period) / writers - performance.now()
        if (wait > 1) await sleep(wait)
        clients[w].doc.getArray<Stamp>('bench').push([{ w, s, t: performance.now() }])
      }
    }
    try {
      await waitFor(() => all.length >= expected, `${expected} deliveries`, 60_000)
    } catch {
      // Reported as a shortfall in the table.
    }
    const used = servers.reduce((sum, s, i) => sum + cpuMs(s.pid) - cpuBefore[i], 0)
    for (const c of clients) c.destroy()
    const sortedAll = Float64Array.from(all).sort()
    const sortedCross = Float64Array.from(cross).sort()
    return {
      instances: k, expected, delivered: all.length,
      p50: quantile(sortedAll, 0.5), p99: quantile(sortedAll, 0.99),
      crossP50: quantile(sortedCross, 0.5), crossP99: quantile(sortedCross, 0.99),
      cpuMs: used, cpuPer1000: (used / Math.max(1, all.length)) * 1000, load1,
    }
  } finally {
    for (const s of servers) await s.stop()
    await db.drop()
  }
}

interface IdleRow { instances: number; boards: number; connections: number; perConnRss: number; perConnHeap: number; rssPerInstance: number[] }

async function idleRun(k: number, opts: ClusterOptions): Promise<IdleRow> {
  const db = await freshPgDatabase(ADMIN_URL)
  const prefix = `cgbench:${Date.now().toString(36)}:`
  const servers = await startInstances(k, db.url, prefix)
  const clients: Client[] = []
  try {
    const boards: { id: string; server: number }[] = []
    for (let i = 0; i < k * opts.idleBoardsPerInstance; i++) boards.push({ id: await servers[i % k].newBoard(), server: i % k })
    // One connection per board first (it also loads the board), so the deltas below are connections only.
    for (const b of boards) clients.push(connectClient(servers[b.server].syncUrl, b.id))
    await waitFor(() => clients.every((c) => c.provider.synced), 'first connections synced', 120_000)
    await sleep(1000)
    const before = await Promise.all(servers.map(async (s) => ({ mem: await s.mem(), rss: rssBytes(s.pid) })))
    for (let round = 1; round < opts.idleConnectionsPerBoard; round++) {
      const batch = boards.map((b) => connectClient(servers[b.server].syncUrl, b.id))
      await waitFor(() => batch.every((c) => c.provider.synced), 'connections synced', 120_000)
      clients.push(...batch)
    }
    await sleep(1000)
    const after = await Promise.all(servers.map(async (s) => ({ mem: await s.mem(), rss: rssBytes(s.pid) })))
    const added = boards.length * (opts.idleConnectionsPerBoard - 1)
    const rss = after.reduce((sum, a, i) => sum + a.rss - before[i].rss, 0)
    const heap = after.reduce((sum, a, i) => sum + a.mem.heapUsed + a.mem.external - before[i].mem.heapUsed - before[i].mem.external, 0)
    return {
      instances: k, boards: boards.length, connections: clients.length,
      perConnRss: rss / added, perConnHeap: heap / added, rssPerInstance: after.map((a) => a.rss),
    }
  } finally {
    for (const c of clients) c.destroy()
    for (const s of servers) await s.stop()
    await db.drop()
  }
}

export async function benchCluster(opts: ClusterOptions, log: (l: string) => void): Promise<string> {
  const fan: FanRow[] = []
  for (let r = 0; r < opts.repeats; r++) {
    // Alternate the order of the instance counts between repeats, so drift in the machine's load
    // falls on all of them alike.
    const order = r % 2 === 0 ? opts.instanceCounts : [...opts.instanceCounts].reverse()
    for (const k of order) {
      const row = await fanRun(k, opts)
      log(`${opts.clients} clients on ${k} instance(s): p50 ${ms(row.p50)} ms, p99 ${ms(row.p99)} ms, cross p99 ${ms(row.crossP99)} ms, ` +
        `${row.delivered}/${row.expected} delivered, CPU ${row.cpuPer1000.toFixed(1)} ms per 1000`)
      fan.push(row)
    }
  }
  const idle: IdleRow[] = []
  for (const k of [1, 3]) {
    const row = await idleRun(k, opts)
    log(`${row.connections} idle connections on ${k} instance(s): ${kib(row.perConnRss)} KiB RSS per connection`)
    idle.push(row)
  }
  return clusterMarkdown(fan, idle, opts)
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)]
}

function clusterMarkdown(fan: FanRow[], idle: IdleRow[], opts: ClusterOptions): string {
  const lines: string[] = []
  lines.push(`${opts.clients} y-websocket clients on one board, client i connected to instance i mod k; ${opts.writers} writers ` +
    `at ${opts.ratePerWriter} updates/s for ${opts.seconds} s; medians of ${opts.repeats} runs (instance counts alternated). ` +
    'PostgreSQL 15 and Redis 7 on the same machine; every instance, PostgreSQL, Redis and the clients share its 2 cores, so ' +
    'more instances do not add CPU here — the figures show the cost of crossing instances, not the capacity of a real cluster.')
  lines.push('')
  lines.push('| instances | delivered | p50 ms | p99 ms | cross-instance p50 ms | cross-instance p99 ms | CPU ms per 1000 deliveries (sum over instances) |')
  lines.push('|---:|---:|---:|---:|---:|---:|---:|')
  const byK = new Map<number, FanRow[]>()
  for (const r of fan) byK.set(r.instances, [...(byK.get(r.instances) ?? []), r])
  const summary = new Map<number, { p99: number; crossP99: number; cpu: number }>()
  for (const [k, rows] of [...byK].sort((a, b) => a[0] - b[0])) {
    const p99 = median(rows.map((r) => r.p99))
    const crossP99 = median(rows.map((r) => r.crossP99))
    const cpu = median(rows.map((r) => r.cpuPer1000))
    summary.set(k, { p99, crossP99, cpu })
    lines.push(`| ${k} | ${median(rows.map((r) => r.delivered))} / ${rows[0].expected} | ${ms(median(rows.map((r) => r.p50)))} | ${ms(p99)} | ` +
      `${k === 1 ? '—' : ms(median(rows.map((r) => r.crossP50)))} | ${k === 1 ? '—' : ms(crossP99)} | ${cpu.toFixed(1)} |`)
  }
  const one = summary.get(1)
  if (one) {
    lines.push('')
    lines.push('Against the targets (cross-instance p99 ≤ 2× the single-instance p99; summed CPU per delivery ≤ 1.5× single-instance):')
    lines.push('')
    for (const [k, s] of summary) {
      if (k === 1) continue
      lines.push(`- ${k} instances: cross-instance p99 ${(s.crossP99 / one.p99).toFixed(2)}× (target ≤ 2), CPU per delivery ` +
        `${(s.cpu / one.cpu).toFixed(2)}× (target ≤ 1.5).`)
    }
  }
  lines.push('')
  lines.push(`Idle connections: ${opts.idleConnectionsPerBoard} connections on each of ${opts.idleBoardsPerInstance} boards per instance ` +
    '(one connection per board opened first, so the per-connection figures exclude loading the board).')
  lines.push('')
  lines.push('| instances | boards | connections | RSS per connection KiB | heap+external per connection KiB | RSS per instance MiB |')
  lines.push('|---:|---:|---:|---:|---:|---|')
  for (const r of idle) {
    lines.push(`| ${r.instances} | ${r.boards} | ${r.connections} | ${kib(r.perConnRss)} | ${kib(r.perConnHeap)} | ` +
      `${r.rssPerInstance.map((b) => (b / 1024 ** 2).toFixed(0)).join(', ')} |`)
  }
  return lines.join('\n')
}
