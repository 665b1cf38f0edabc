/**
 * Many boards in one process: 1,000 open connections over 100 boards; memory per
 * idle connection and per loaded board (deltas of our server process after a full GC), and proof
 * that boards nobody is connected to are unloaded after UNLOAD_DELAY_MS.
 */
import * as Y from 'yjs'
import { connectClient, waitFor, type Client } from '../server/syncTestKit.js'
import { startOurServer, type OurServer } from './benchServers.js'
import { kib, rssBytes, sleep } from './processStats.js'
import { geoShape, recordsOf } from './shapes.js'

export interface BoardsOptions { boards: number; connectionsPerBoard: number; shapesPerBoard: number }

interface Snap { label: string; heap: number; external: number; rss: number; boardsLoaded: number; connections: number }

const UNLOAD_DELAY_MS = 2_000

async function snap(server: OurServer, label: string): Promise<Snap> {
  const mem = await server.mem()
  const stats = await server.stats()
  // RSS read from /proc after the GC that mem() ran.
  return { label, heap: mem.heapUsed, external: mem.external, rss: rssBytes(server.pid), ...stats }
}

async function connectMany(server: OurServer, boardIds: string[], perBoard: number): Promise<Client[]> {
  const clients: Client[] = []
  for (const id of boardIds) {
    const batch = Array.from({ length: perBoard }, () => connectClient(server.syncUrl, id))
    await waitFor(() => batch.every((c) => c.provider.synced), 'clients synced', 60_000)
    clients.push(...batch)
  }
  return clients
}

export async function benchManyBoards(opts: BoardsOptions, log: (l: string) => void): Promise<string> {
  const server = await startOurServer({ maxConnectionsPerIp: 0, syncMessagesPerSecond: 0, unloadDelayMs: UNLOAD_DELAY_MS })
  const snaps: Snap[] = []
  try {
    const boardIds: string[] = []
    for (let b = 0; b < opts.boards; b++) boardIds.push(await server.newBoard())
    // Seed every board with shapes, then let them unload, so "loaded" below means loaded from storage.
    for (const id of boardIds) {
      const seeder = connectClient(server.syncUrl, id)
      await waitFor(() => seeder.provider.synced, 'seeder synced')
      const kv = recordsOf(seeder.doc)
      seeder.doc.transact(() => { for (let i = 0; i < opts.shapesPerBoard; i++) kv.set(`shape:bench${i}`, geoShape(i)) })
      const check = connectClient(server.syncUrl, id)
      await waitFor(() => check.provider.synced && check.doc.getArray('records').length === opts.shapesPerBoard, 'seed arrived')
      check.destroy()
      seeder.destroy()
    }
    await waitFor(async () => (await server.stats()).boardsLoaded === 0, 'seeded boards unloaded', 30_000)
    snaps.push(await snap(server, `${opts.boards} boards stored, none loaded`))
    log(`${opts.boards} boards seeded`)

    const first = await connectMany(server, boardIds, 1)
    await sleep(500)
    snaps.push(await snap(server, `1 connection on each board (${first.length})`))
    const rest = await connectMany(server, boardIds, opts.connectionsPerBoard - 1)
    await sleep(500)
    snaps.push(await snap(server, `${opts.connectionsPerBoard} connections on each board (${first.length + rest.length})`))
    log(`${first.length + rest.length} connections open`)

    for (const c of [...first, ...rest]) c.destroy()
    await waitFor(async () => (await server.stats()).connections === 0, 'connections closed', 30_000)
    snaps.push(await snap(server, 'all disconnected, before the unload delay'))
    await sleep(UNLOAD_DELAY_MS + 3_000)
    snaps.push(await snap(server, `all disconnected, ${UNLOAD_DELAY_MS / 1000 + 3} s later`))
  } finally {
    await server.stop()
  }
  return boardsMarkdown(snaps, opts)
}

function boardsMarkdown(s: Snap[], opts: BoardsOptions): string {
  const [base, loaded, full, closed, unloaded] = s
  const extraConns = opts.boards * (opts.connectionsPerBoard - 1)
  const perConnHeap = (full.heap + full.external - loaded.heap - loaded.external) / extraConns
  const perConnRss = (full.rss - loaded.rss) / extraConns
  // The first connection on a board also loads it; subtract one idle connection's share.
  const perBoardHeap = (loaded.heap + loaded.external - base.heap - base.external) / opts.boards - perConnHeap
  const perBoardRss = (loaded.rss - base.rss) / opts.boards - perConnRss
  const lines = [
    `${opts.boards} boards of ${opts.shapesPerBoard} geo shapes each (Yjs state ≈ ${kib(seedSize(opts.shapesPerBoard))} KiB), ${opts.connectionsPerBoard} real y-websocket`,
    'clients per board (default presence on), all in the benchmark process; our server in its own process, measured',
    `after a full GC (heap = V8 heapUsed + external; RSS from /proc). UNLOAD_DELAY_MS=${UNLOAD_DELAY_MS}.`,
    '',
    '| state | boards loaded | connections | heap+external MiB | RSS MiB |',
    '|---|---:|---:|---:|---:|',
    ...s.map((x) => `| ${x.label} | ${x.boardsLoaded} | ${x.connections} | ${((x.heap + x.external) / 1024 ** 2).toFixed(1)} | ${(x.rss / 1024 ** 2).toFixed(1)} |`),
    '',
    '| per | heap+external KiB | RSS KiB | target |',
    '|---|---:|---:|---|',
    `| idle connection | ${kib(perConnHeap)} | ${kib(perConnRss)} | ≤ 50 KiB: ${Math.max(perConnHeap, perConnRss) <= 50 * 1024 ? 'met' : 'missed'} |`,
    `| loaded board | ${kib(perBoardHeap)} | ${kib(perBoardRss)} | |`,
    '',
    `Unloading: ${closed.boardsLoaded} boards loaded right after the last client left, ${unloaded.boardsLoaded} after the unload delay` +
      ` (${unloaded.boardsLoaded === 0 ? 'every board with no connections was unloaded' : 'NOT all unloaded'}).`,
  ]
  return lines.join('\n')
}

function seedSize(shapes: number): number {
  const doc = new Y.Doc()
  const kv = recordsOf(doc)
  doc.transact(() => { for (let i = 0; i < shapes; i++) kv.set(`shape:bench${i}`, geoShape(i)) })
  return Y.encodeStateAsUpdate(doc).length
}
