/**
 * Child-process entry for the servers a benchmark measures, so a benchmark can read this process's
 * CPU and memory apart from the clients'. Two kinds:
 * - ours (default): the real server (startTestServer: port 0, temp data dir). Config overrides
 *   arrive as JSON in BENCH_SERVER_CONFIG.
 * - the reference: with BENCH_REFERENCE_SCRIPT set (y-websocket@2.1.0 bin/server.cjs, which reads
 *   HOST and PORT), that script is loaded as it is, in this process.
 * Talks to the parent over IPC: 'ready' (ours: with the URLs), then answers {type:'mem'} (after a
 * full GC when run with --expose-gc), {type:'stats'} (ours), and {type:'profile-start'} /
 * {type:'profile-stop'} (a V8 CPU profile of just the time in between, for both kinds); SIGTERM stops it.
 */
import { Session } from 'node:inspector'
import { createRequire } from 'node:module'
import type { TestServer } from '../helpers/startTestServer.js'

const send = (msg: unknown) => process.send?.(msg)
const referenceScript = process.env.BENCH_REFERENCE_SCRIPT

let server: TestServer | undefined
if (referenceScript) {
  createRequire(import.meta.url)(referenceScript)
  // The reference prints "running at …" when it listens; the parent waits for that on stdout.
  send({ type: 'ready' })
} else {
  // Imported only here: the reference must not share its process with a second copy of Yjs.
  const { startTestServer } = await import('../helpers/startTestServer.js')
  const overrides = JSON.parse(process.env.BENCH_SERVER_CONFIG ?? '{}') as Record<string, unknown>
  server = await startTestServer(overrides, { log: () => {} })
  send({ type: 'ready', url: server.url, syncUrl: server.syncUrl, dataDir: server.dataDir })
}

let profiler: Session | undefined
const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) =>
  profiler!.post(method, params, (err, result) => (err ? reject(err) : resolve(result))))

process.on('message', (msg: { type: string; id: number }) => {
  if (msg.type === 'mem') {
    const gc = (globalThis as { gc?: () => void }).gc
    // Two passes: the first frees objects whose finalisers release more.
    gc?.()
    gc?.()
    send({ type: 'mem', id: msg.id, mem: process.memoryUsage() })
  } else if (msg.type === 'stats') {
    send({ type: 'stats', id: msg.id, stats: server?.running.sync.stats() })
  } else if (msg.type === 'profile-start') {
    profiler = new Session()
    profiler.connect()
    void post('Profiler.enable')
      .then(() => post('Profiler.setSamplingInterval', { interval: 200 }))
      .then(() => post('Profiler.start'))
      .then(() => send({ type: 'profile-start', id: msg.id, ok: true }))
  } else if (msg.type === 'profile-stop') {
    void post('Profiler.stop').then((r) => {
      profiler!.disconnect()
      send({ type: 'profile-stop', id: msg.id, profile: (r as { profile: unknown }).profile })
    })
  }
})

let stopping = false
process.on('SIGTERM', () => {
  if (stopping) return
  stopping = true
  if (!server) process.exit(0)
  server.stop().then(() => process.exit(0), () => process.exit(1))
})
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'))
