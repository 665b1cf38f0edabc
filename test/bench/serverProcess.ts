/**
 * Child-process entry: our real server (startTestServer: port 0, temp data dir) in a process of its
 * own, so a benchmark can read this process's CPU and memory. Config overrides arrive as JSON in
 * BENCH_SERVER_CONFIG. Talks to the parent over IPC: 'ready' with the URLs, then answers
 * {type:'mem'} (after a full GC when run with --expose-gc) and {type:'stats'}; SIGTERM stops it.
 */
import { startTestServer } from '../helpers/startTestServer.js'

const overrides = JSON.parse(process.env.BENCH_SERVER_CONFIG ?? '{}') as Record<string, unknown>
const server = await startTestServer(overrides, { log: () => {} })
const send = (msg: unknown) => process.send?.(msg)

send({ type: 'ready', url: server.url, syncUrl: server.syncUrl, dataDir: server.dataDir })

process.on('message', (msg: { type: string; id: number }) => {
  if (msg.type === 'mem') {
    const gc = (globalThis as { gc?: () => void }).gc
    // Two passes: the first frees objects whose finalisers release more.
    gc?.()
    gc?.()
    send({ type: 'mem', id: msg.id, mem: process.memoryUsage() })
  } else if (msg.type === 'stats') {
    send({ type: 'stats', id: msg.id, stats: server.running.sync.stats() })
  }
})

let stopping = false
process.on('SIGTERM', () => {
  if (stopping) return
  stopping = true
  server.stop().then(() => process.exit(0), () => process.exit(1))
})
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'))
