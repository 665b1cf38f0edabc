/**
 * Pieces of a real cluster for tests: a Redis server of the test's own (so it can be restarted
 * without disturbing anything else on the machine), a TCP proxy in front of PostgreSQL (so the
 * database can be made unreachable or silent for a while), and built server instances pointed at both.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { Worker } from 'node:worker_threads'
import { startBuiltServer, tempDataDir, type BuiltServer } from './builtServer.js'
import { freePort } from './nginxBalancer.js'

export const REDIS_SERVER = '/usr/bin/redis-server'

export interface TestRedis {
  url: string
  port: number
  /** Stop the server (SIGKILL: as a crash, nothing kept) and start a new one on the same port. */
  restart(downMs: number): Promise<void>
  stop(): Promise<void>
}

export async function startRedis(): Promise<TestRedis> {
  const port = await freePort()
  let child = await spawnRedis(port)
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart(downMs) {
      await killAndWait(child)
      await new Promise((r) => setTimeout(r, downMs))
      child = await spawnRedis(port)
    },
    async stop() { await killAndWait(child) },
  }
}

async function spawnRedis(port: number): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  const deadline = Date.now() + 10_000
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`)
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return child
}

async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGKILL')
  await exited
}

/** A TCP proxy to PostgreSQL on 127.0.0.1:5432 that the test can cut. */
export interface PgProxy {
  port: number
  /** The DATABASE_URL through the proxy for database `name`. */
  url(name: string): string
  /** Cut every connection and refuse new ones (a restart, a reset). */
  down(): Promise<void>
  /** Pass nothing either way, without closing anything (a network that drops packets). */
  stall(): Promise<void>
  up(): Promise<void>
  close(): Promise<void>
}

/**
 * The proxy runs in a worker thread of its own: a server under test may run in the test's thread,
 * and its synchronous stores wait for PostgreSQL with that thread's event loop blocked
 * (storage/sql/PgSqlDb.ts), so a proxy there could not pass their bytes on.
 */
const PROXY_WORKER = `
  const net = require('node:net')
  const { parentPort } = require('node:worker_threads')
  const live = new Set()
  let isDown = false
  let stalled = false
  const server = net.createServer((inbound) => {
    if (isDown) return inbound.destroy()
    const outbound = net.connect(5432, '127.0.0.1')
    for (const s of [inbound, outbound]) {
      live.add(s)
      s.on('error', () => {})
      s.on('close', () => { live.delete(s); inbound.destroy(); outbound.destroy() })
    }
    inbound.pipe(outbound)
    outbound.pipe(inbound)
    // After pipe(), which would resume them.
    if (stalled) for (const s of [inbound, outbound]) s.pause()
  })
  server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }))
  parentPort.on('message', ({ op, id }) => {
    if (op === 'down' || op === 'close') { isDown = true; for (const s of live) s.destroy() }
    if (op === 'stall') { stalled = true; for (const s of live) s.pause() }
    if (op === 'up') { isDown = false; stalled = false; for (const s of live) s.resume() }
    if (op === 'close') server.close(() => parentPort.postMessage({ id }))
    else parentPort.postMessage({ id })
  })
`

export async function startPgProxy(): Promise<PgProxy> {
  const worker = new Worker(PROXY_WORKER, { eval: true })
  const port = await new Promise<number>((resolve) => worker.once('message', (m: { port: number }) => resolve(m.port)))
  let next = 0
  // Each command is acknowledged, so "down" has cut the connections before the test goes on.
  const command = (op: string) => new Promise<void>((resolve) => {
    const id = ++next
    const onMessage = (m: { id?: number }) => { if (m.id === id) { worker.off('message', onMessage); resolve() } }
    worker.on('message', onMessage)
    worker.postMessage({ op, id })
  })
  return {
    port,
    url: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`,
    down: () => command('down'),
    stall: () => command('stall'),
    up: () => command('up'),
    async close() {
      await command('close')
      await worker.terminate()
    },
  }
}

/** `count` built instances sharing one database and one Redis (each its own temp DATA_DIR). */
export async function startInstances(count: number, env: Record<string, string>): Promise<BuiltServer[]> {
  return Promise.all(Array.from({ length: count }, () => startBuiltServer(tempDataDir(), env)))
}

/** "127.0.0.1:port" of a built instance, for the balancer's upstream list. */
export function hostPort(instance: BuiltServer): string {
  return new URL(instance.url).host
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1')
    s.once('connect', () => { s.destroy(); resolve(true) })
    s.once('error', () => resolve(false))
  })
}
