/**
 * Pieces of a real cluster for tests: a Redis server of the test's own (so it can be restarted
 * without disturbing anything else on the machine), a TCP proxy in front of PostgreSQL (so the
 * database can be made unreachable for a few seconds), and built server instances pointed at both.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
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

/** A TCP proxy to PostgreSQL that can cut every connection and refuse new ones for a while. */
export interface PgProxy {
  port: number
  /** The DATABASE_URL through the proxy for database `name`. */
  url(name: string): string
  /** Cut every open connection and refuse new ones until resume(). */
  cut(): void
  resume(): void
  stop(): Promise<void>
}

export async function startPgProxy(target = { host: '127.0.0.1', port: 5432 }): Promise<PgProxy> {
  let open = true
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    if (!open) { client.destroy(); return }
    const upstream = net.connect(target.port, target.host)
    sockets.add(client).add(upstream)
    const close = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream) }
    client.on('error', close).on('close', close)
    upstream.on('error', close).on('close', close)
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  const cut = () => {
    open = false
    for (const s of sockets) s.destroy()
    sockets.clear()
  }
  return {
    port,
    url: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`,
    cut,
    resume() { open = true },
    async stop() {
      cut()
      await new Promise<void>((resolve) => server.close(() => resolve()))
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
