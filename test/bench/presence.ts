/**
 * Presence at the scale of a meeting. N y-websocket clients on one board, a share
 * of them moving a cursor, for D seconds, against our server (default limits, so a disconnect would
 * show) and the reference y-websocket@2.1.0 server, each in its own process.
 *
 * Two kinds of client:
 * - "stock": an unmodified WebsocketProvider moving at 60 Hz (once per animation frame); it sends
 *   every presence change it receives back to the server (the echo a stock client makes).
 * - "like ours": the same provider with its awareness handler replaced as src/sync/ownPresenceOnly.ts
 *   does (only its own state goes out), moving at 20 Hz as src/sync/bindPresence.ts publishes.
 *   (Reimplemented here: the benchmark runs compiled by tsc for Node, which cannot load src/ modules.)
 *
 * Every state carries a presence record shaped like tldraw's (≈ the size our client publishes) and its
 * send time; latency is measured on every receiver when a state arrives (all clients share this
 * process's clock). Bytes are WebSocket payload bytes counted at each client's socket.
 */
import os from 'node:os'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { encodeAwarenessUpdate } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import { startOurServer, startReferenceServer, type BenchServer } from './benchServers.js'
import { cpuMs, ms, quantile, sleep } from './processStats.js'
import { packPresence } from '../../src/sync/presenceWire.js'

export interface PresenceOptions {
  sizes: number[]
  movingShares: number[]
  seconds: number
}

type Kind = 'stock' | 'like ours'

interface Counted { up: number; down: number }

interface BenchClient {
  provider: WebsocketProvider
  doc: Y.Doc
  bytes: Counted
  closes: number
}

interface Result {
  server: BenchServer['name']
  kind: Kind
  clients: number
  moving: number
  sent: number
  received: number
  p50: number
  p99: number
  lastArrived: number
  lastExpected: number
  disconnects: number
  serverCpuPerSecond: number
  upPerClient: number
  downPerClient: number
  /** A client that is not moving (a phone watching). */
  watcherUp: number
  watcherDown: number
  load1: number
  stateBytes: number
}

/**
 * A stock client's state: a whole presence record shaped like the one tldraw derives (what a
 * tldraw–Yjs binding that does not pack presence sends). A client like ours sends it packed
 * (src/sync/presenceWire.ts), its cursor carrying the move's number and send time (two numbers of the
 * size a real cursor has), so the bytes measured are what our client sends.
 */
function presenceState(i: number, seq: number, t: number, kind: Kind = 'stock'): Record<string, unknown> {
  const x = 412.3456789012 + seq * 1.37
  const y = 268.9876543210 + (seq % 97) * 0.91
  const user = { id: `device-${i.toString(36)}abcdef`, name: `居民 ${i}`, color: '#1971c2', role: 'resident' }
  if (kind === 'like ours') {
    return {
      user,
      p: packPresence({
        cursor: { x: seq, y: Math.round(t * 10) / 10, type: 'default', rotation: 0 },
        currentPageId: 'page:page' as never, camera: { x: -120.53125, y: -48.25, z: 1 },
        screenBounds: { x: 0, y: 0, w: 390, h: 844 }, selectedShapeIds: [], followingUserId: null,
        chatMessage: '', brush: null, scribbles: [],
      }),
    }
  }
  return {
    user: { id: `device-${i.toString(36)}abcdef`, name: `居民 ${i}`, color: '#1971c2', role: 'resident' },
    presence: {
      id: `instance_presence:client-${1_000_000 + i}`,
      typeName: 'instance_presence',
      userId: `user:device-${i.toString(36)}abcdef`,
      userName: `居民 ${i}`,
      lastActivityTimestamp: 1_733_460_000_000 + seq,
      color: '#1971c2',
      camera: { x: -120.53125, y: -48.25, z: 1 },
      selectedShapeIds: [],
      currentPageId: 'page:page',
      brush: null,
      scribbles: [],
      screenBounds: { x: 0, y: 0, w: 390, h: 844 },
      followingUserId: null,
      cursor: { x, y, type: 'default', rotation: 0 },
      chatMessage: '',
      meta: { seq, t },
    },
  }
}

/** The move number and send time a state carries, in either form. */
function stampOf(state: unknown): { seq: number; t: number } | undefined {
  const s = state as { p?: unknown; presence?: { meta?: { seq?: number; t?: number } } } | undefined
  if (s && Array.isArray(s.p)) return { seq: s.p[1] as number, t: s.p[2] as number }
  const meta = s?.presence?.meta
  return meta && typeof meta.seq === 'number' && typeof meta.t === 'number' ? { seq: meta.seq, t: meta.t } : undefined
}

function countingSocket(bytes: Counted): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols)
      this.on('message', (data: Buffer) => { bytes.down += data.byteLength })
    }

    override send(data: unknown, ...rest: unknown[]): void {
      bytes.up += (data as Uint8Array).byteLength
      ;(super.send as (...a: unknown[]) => void)(data, ...rest)
    }
  } as unknown as typeof WebSocket
}

/** What src/sync/ownPresenceOnly.ts does: only this client's own presence goes out. */
function ownPresenceOnly(provider: WebsocketProvider): void {
  const { awareness } = provider
  awareness.off('update', provider._awarenessUpdateHandler)
  const handler = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const own = awareness.clientID
    if (!added.includes(own) && !updated.includes(own) && !removed.includes(own)) return
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, [own]))
    const ws = provider.ws
    if (provider.wsconnected && ws && ws.readyState === ws.OPEN) ws.send(encoding.toUint8Array(e))
  }
  provider._awarenessUpdateHandler = handler
  awareness.on('update', handler)
}

async function connectAll(server: BenchServer, boardId: string, n: number, kind: Kind): Promise<BenchClient[]> {
  const clients: BenchClient[] = []
  for (let i = 0; i < n; i += 25) {
    const batch: BenchClient[] = []
    for (let j = i; j < Math.min(n, i + 25); j++) {
      const bytes: Counted = { up: 0, down: 0 }
      const doc = new Y.Doc()
      const provider = new WebsocketProvider(server.syncUrl, boardId, doc, {
        WebSocketPolyfill: countingSocket(bytes) as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      })
      if (kind === 'like ours') ownPresenceOnly(provider)
      const c: BenchClient = { provider, doc, bytes, closes: 0 }
      provider.on('connection-close', () => { c.closes++ })
      batch.push(c)
    }
    const deadline = Date.now() + 60_000
    while (!batch.every((c) => c.provider.synced) && Date.now() < deadline) await sleep(20)
    clients.push(...batch)
  }
  return clients
}

async function presenceRun(which: BenchServer['name'], kind: Kind, n: number, moving: number, seconds: number): Promise<Result> {
  const server = which === 'ours' ? await startOurServer({ maxConnectionsPerIp: 0 }) : await startReferenceServer()
  try {
    const boardId = await server.newBoard()
    const clients = await connectAll(server, boardId, n, kind)
    clients.forEach((c, i) => c.provider.awareness.setLocalState(presenceState(i, 0, performance.now(), kind)))
    const movers = clients.slice(0, moving)
    const moverIds = new Set(movers.map((m) => m.doc.clientID))
    const watcher = clients[n - 1]
    const latencies = new Float64Array(4_000_000)
    let received = 0
    for (const c of clients) {
      c.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
        const now = performance.now()
        for (const id of added.concat(updated)) {
          if (!moverIds.has(id) || id === c.doc.clientID) continue
          const t = stampOf(c.provider.awareness.getStates().get(id))?.t
          if (typeof t !== 'number') continue
          if (received < latencies.length) latencies[received] = now - t
          received++
        }
      })
    }
    await sleep(1_000)
    const hz = kind === 'stock' ? 60 : 20
    // Only the moves count: the first states arrived while everyone was still connecting.
    received = 0
    for (const c of clients) { c.bytes.up = 0; c.bytes.down = 0 }
    const load1 = os.loadavg()[0]
    const cpuBefore = cpuMs(server.pid)
    const start = performance.now()
    const ticks = seconds * hz
    let seq = 0
    while (seq < ticks) {
      seq++
      const t = performance.now()
      movers.forEach((m) => m.provider.awareness.setLocalState(presenceState(clients.indexOf(m), seq, t, kind)))
      const wait = start + (seq * 1000) / hz - performance.now()
      if (wait > 1) await sleep(wait)
    }
    const wall = (performance.now() - start) / 1000
    const serverCpu = cpuMs(server.pid) - cpuBefore
    const up = clients.reduce((a, c) => a + c.bytes.up, 0)
    const down = clients.reduce((a, c) => a + c.bytes.down, 0)
    const watcherUp = watcher.bytes.up
    const watcherDown = watcher.bytes.down
    const seqOf = (c: BenchClient, m: BenchClient) =>
      stampOf(c.provider.awareness.getStates().get(m.doc.clientID))?.seq
    const arrived = () => clients.reduce((a, c) => a + movers.filter((m) => m !== c && seqOf(c, m) === seq).length, 0)
    const deadline = Date.now() + 15_000
    while (arrived() < moving * (n - 1) && Date.now() < deadline) await sleep(100)
    const lastArrived = arrived()
    const disconnects = clients.reduce((a, c) => a + c.closes, 0)
    const stateBytes = Buffer.byteLength(JSON.stringify(presenceState(n, seq, 123456.789, kind)))
    for (const c of clients) {
      c.provider.destroy()
      c.doc.destroy()
    }
    const got = Math.min(received, latencies.length)
    const sorted = latencies.subarray(0, got).sort()
    return {
      server: which, kind, clients: n, moving, sent: moving * ticks, received,
      p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99),
      lastArrived, lastExpected: moving * (n - 1), disconnects,
      serverCpuPerSecond: serverCpu / wall,
      upPerClient: up / n / wall, downPerClient: down / n / wall,
      watcherUp: watcherUp / wall, watcherDown: watcherDown / wall,
      load1, stateBytes,
    }
  } finally {
    await server.stop()
  }
}

const kb = (bytesPerSecond: number) => (bytesPerSecond / 1000).toFixed(1)

export async function benchPresence(opts: PresenceOptions, log: (line: string) => void): Promise<string> {
  const results: Result[] = []
  const run = async (which: BenchServer['name'], kind: Kind, n: number, moving: number) => {
    const r = await presenceRun(which, kind, n, moving, opts.seconds)
    log(`${which} ${kind} N=${n} moving=${moving}: p50 ${ms(r.p50)} p99 ${ms(r.p99)} ms, last ${r.lastArrived}/${r.lastExpected}, ` +
      `${r.disconnects} disconnects, CPU ${r.serverCpuPerSecond.toFixed(0)} ms/s, down ${kb(r.downPerClient)} KB/s, up ${kb(r.upPerClient)} KB/s`)
    results.push(r)
  }
  for (const n of opts.sizes) {
    for (const share of opts.movingShares) {
      const moving = Math.max(1, Math.round(n * share))
      for (const kind of ['stock', 'like ours'] as const) {
        for (const which of ['reference', 'ours'] as const) await run(which, kind, n, moving)
      }
    }
  }
  // The phone of the target: a 50-person meeting with 10 cursors moving.
  for (const kind of ['stock', 'like ours'] as const) {
    for (const which of ['reference', 'ours'] as const) await run(which, kind, 50, 10)
  }
  return presenceMarkdown(results, opts)
}

function presenceMarkdown(results: Result[], opts: PresenceOptions): string {
  const lines = [
    `Load: N y-websocket clients on one board, a share of them moving a cursor for ${opts.seconds} s, each state carrying its send time.`,
    `**stock** = unmodified WebsocketProvider at 60 Hz, which echoes every presence change it receives, each state a whole`,
    `tldraw presence record (≈ ${results.find((r) => r.kind === 'stock')?.stateBytes ?? '?'} bytes of JSON, what a binding that does not pack presence sends);`,
    `**like ours** = the same provider sending only its own state (src/sync/ownPresenceOnly.ts) at 20 Hz (src/sync/bindPresence.ts),`,
    `packed as our client packs it (src/sync/presenceWire.ts, ≈ ${results.find((r) => r.kind === 'like ours')?.stateBytes ?? '?'} bytes of JSON with the user part).`,
    'Our server runs with its default limits (message budget 200/s after 2,000, presence relay every 50 ms); the reference',
    'is y-websocket@2.1.0\'s bin/server. Latency: from a state\'s send to its arrival on every other client, over every state that',
    'arrived (a state superseded before a relay never arrives; the *last* one must). "Last cursor" counts, after the movement',
    'stopped (15 s grace), the receivers holding each mover\'s final state. CPU: server process utime+stime per wall second',
    '(1000 = one core). Bytes: WebSocket payload per client per second, mean over all clients; "watcher" is one client that',
    'does not move (a phone watching). All clients run in one benchmark process, which shares the 2 cores with the server.',
    '',
    '| clients | moving | client | server | last cursor arrived | disconnects | p50 ms | p99 ms | server CPU ms/s | down KB/s per client | up KB/s per client | watcher down / up KB/s | load |',
    '|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const r of results) {
    lines.push(`| ${r.clients} | ${r.moving} | ${r.kind} | ${r.server} | ${r.lastArrived} / ${r.lastExpected} | ${r.disconnects} | ` +
      `${ms(r.p50)} | ${ms(r.p99)} | ${r.serverCpuPerSecond.toFixed(0)} | ${kb(r.downPerClient)} | ${kb(r.upPerClient)} | ` +
      `${kb(r.watcherDown)} / ${kb(r.watcherUp)} | ${r.load1.toFixed(1)} |`)
  }
  const pick = (kind: Kind, server: string, n: number, moving: number) => results.find((r) => r.kind === kind && r.server === server && r.clients === n && r.moving === moving)
  const largest = Math.max(...opts.sizes)
  lines.push('', '| target | client | measured | verdict |', '|---|---|---|---|')
  for (const kind of ['stock', 'like ours'] as const) {
    const ours = results.filter((r) => r.kind === kind && r.server === 'ours')
    const disc = ours.reduce((a, r) => a + r.disconnects, 0)
    lines.push(`| no disconnect (our server, every run) | ${kind} | ${disc} | ${disc === 0 ? 'met' : 'missed'} |`)
    for (const share of opts.movingShares) {
      const m50 = Math.max(1, Math.round(50 * share))
      const r50 = pick(kind, 'ours', 50, m50)
      if (r50) lines.push(`| p99 cursor latency ≤ 100 ms at 50 people, ${m50} moving | ${kind} | ${ms(r50.p99)} ms | ${r50.p99 <= 100 ? 'met' : 'missed'} |`)
      const mL = Math.max(1, Math.round(largest * share))
      const o = pick(kind, 'ours', largest, mL)
      const ref = pick(kind, 'reference', largest, mL)
      if (o && ref) {
        const ratio = o.serverCpuPerSecond / ref.serverCpuPerSecond
        lines.push(`| server CPU ≤ 0.5× reference at ${largest} people, ${mL} moving | ${kind} | ${ratio.toFixed(2)}× (${o.serverCpuPerSecond.toFixed(0)} vs ${ref.serverCpuPerSecond.toFixed(0)} ms/s) | ${ratio <= 0.5 ? 'met' : 'missed'} |`)
      }
    }
    const phone = pick(kind, 'ours', 50, 10)
    if (phone) {
      lines.push(`| a watching phone, 50 people, 10 moving: receives ≤ 20 KB/s | ${kind} | ${kb(phone.watcherDown)} KB/s | ${phone.watcherDown <= 20_000 ? 'met' : 'missed'} |`)
      lines.push(`| the same phone sends ≤ 2 KB/s | ${kind} | ${kb(phone.watcherUp)} KB/s | ${phone.watcherUp <= 2_000 ? 'met' : 'missed'} |`)
    }
  }
  return lines.join('\n')
}
