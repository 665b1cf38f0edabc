/**
 * `npm run bench [-- name…]`: runs the benchmarks and writes docs/performance.md.
 * Compiled by test/bench/tsconfig.json into node_modules/.cache/cg-bench (Node 20 runs no TypeScript).
 */
import path from 'node:path'
import { benchBundle } from './bundle.js'
import { benchCluster } from './cluster.js'
import { benchColdLoad } from './coldLoad.js'
import { benchFanout } from './fanout.js'
import { benchManyBoards } from './manyBoards.js'
import { benchPhone } from './phone.js'
import { benchPresence } from './presence.js'
import { benchStorage } from './storage.js'
import { machineFacts } from './processStats.js'
import { writeSections, type Section } from './report.js'

const ORDER = ['fanout', 'presence', 'boards', 'storage', 'bundle', 'coldload']

const benches: Record<string, { title: string; run: (log: (l: string) => void) => Promise<string> }> = {
  fanout: {
    title: 'Fan-out: ours vs the reference y-websocket server',
    run: (log) => benchFanout({
      sizes: (process.env.BENCH_FANOUT_SIZES ?? '10,50,200').split(',').map(Number),
      writers: 5,
      ratePerWriter: 10,
      seconds: Number(process.env.BENCH_FANOUT_SECONDS ?? 10),
    }, log),
  },
  presence: {
    title: 'Presence: cursors of a meeting, ours vs the reference y-websocket server',
    run: (log) => benchPresence({
      sizes: (process.env.BENCH_PRESENCE_SIZES ?? '10,50,200').split(',').map(Number),
      movingShares: [0.1, 0.5],
      seconds: Number(process.env.BENCH_PRESENCE_SECONDS ?? 8),
    }, log),
  },
  boards: {
    title: 'Many boards in one process',
    run: (log) => benchManyBoards({ boards: 100, connectionsPerBoard: 10, shapesPerBoard: 100 }, log),
  },
  storage: {
    title: 'Storage after 50,000 edits',
    run: (log) => benchStorage({ edits: Number(process.env.BENCH_STORAGE_EDITS ?? 50_000), shapes: 200 }, log),
  },
  bundle: {
    title: 'Initial JavaScript vs tldraw alone',
    run: (log) => benchBundle(log),
  },
  coldload: {
    title: 'Cold load of a 5,000-shape board, and a burst of remote changes',
    // Uses the client the bundle benchmark built (dist/ is shared with other work, so not that one).
    run: (log) => benchColdLoad({ shapes: 5_000, burst: 1_000, clientDir: path.resolve('node_modules/.cache/cg-bench/bundle/client') }, log),
  },
}

/**
 * Run only when asked for: `npm run bench -- phone` takes most of an hour on our 2-core machines;
 * `npm run bench -- cluster` needs PostgreSQL and Redis (BENCH_PG_ADMIN_URL, BENCH_REDIS_URL).
 */
const ON_REQUEST: Record<string, { title: string; run: (log: (l: string) => void) => Promise<string> }> = {
  cluster: {
    title: 'Several instances on PostgreSQL and Redis',
    run: (log) => benchCluster({
      clients: Number(process.env.BENCH_CLUSTER_CLIENTS ?? 200),
      instanceCounts: [1, 2, 3],
      writers: 5,
      ratePerWriter: 10,
      seconds: Number(process.env.BENCH_CLUSTER_SECONDS ?? 10),
      repeats: Number(process.env.BENCH_CLUSTER_REPEATS ?? 3),
      idleBoardsPerInstance: 100,
      idleConnectionsPerBoard: 10,
    }, log),
  },
  phone: {
    title: 'A resident\'s phone: ready on 4G and slow 3G, ours vs tldraw alone',
    run: (log) => benchPhone({
      runs: Number(process.env.BENCH_PHONE_RUNS ?? 3),
      boards: (process.env.BENCH_PHONE_BOARDS ?? '300,5000').split(',').map(Number),
      networks: (process.env.BENCH_PHONE_NETWORKS ?? '4g,slow3g').split(','),
      // e.g. BENCH_PHONE_ONLY=300:4g,300:slow3g,5000:4g — a shorter run than every pair.
      only: process.env.BENCH_PHONE_ONLY ? process.env.BENCH_PHONE_ONLY.split(',') : undefined,
      clientDir: process.env.BENCH_PHONE_CLIENT_DIR ? path.resolve(process.env.BENCH_PHONE_CLIENT_DIR) : undefined,
    }, log),
  },
}
Object.assign(benches, ON_REQUEST)

async function main(): Promise<void> {
  // Every y-websocket client in Node adds a process 'exit' listener; hundreds are expected here.
  process.setMaxListeners(0)
  const asked = process.argv.slice(2)
  const names = asked.length > 0 ? asked : ORDER.filter((n) => n in benches)
  for (const n of names) if (!(n in benches)) throw new Error(`unknown benchmark "${n}"; known: ${Object.keys(benches).join(', ')}`)
  const file = path.resolve(process.cwd(), 'docs/performance.md')
  for (const name of names) {
    const bench = benches[name]
    const log = (line: string) => console.log(`[${name}] ${line}`)
    log('running…')
    const started = Date.now()
    const facts = machineFacts()
    const body = await bench.run(log)
    const section: Section = { name, title: bench.title, body: `Machine: ${facts}.\n\n${body}` }
    // Written after each benchmark, so a later failure keeps the finished ones.
    writeSections(file, [section], ORDER)
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err)
  process.exit(1)
})
