/**
 * The two servers a benchmark compares, each in its own child process started the same way
 * (serverProcess.ts): ours (the real server on port 0 with a temp data dir) and the reference
 * y-websocket@2.1.0 bin/server.cjs (installed as the dev dependency `y-websocket-ref`, with its own
 * ws@6), which keeps documents in memory only.
 */
import { fork, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { Profile } from './cpuProfile.js'

export interface BenchServer {
  readonly name: 'ours' | 'reference'
  readonly pid: number
  /** Base URL for a WebsocketProvider (the board id is appended as the room). */
  readonly syncUrl: string
  /** A board to use: ours creates it through POST /api/boards; the reference accepts any room. */
  newBoard(): Promise<string>
  /** Start the V8 CPU profiler in the server process; stop() returns the profile of the time in between. */
  profileStart(): Promise<void>
  profileStop(): Promise<Profile>
  stop(): Promise<void>
}

export interface OurServer extends BenchServer {
  readonly url: string
  mem(): Promise<NodeJS.MemoryUsage>
  stats(): Promise<{ boardsLoaded: number; connections: number }>
}

const here = path.dirname(fileURLToPath(import.meta.url))

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

async function stopChild(child: ChildProcess): Promise<void> {
  const done = exited(child)
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  await done
  clearTimeout(timer)
}

/** Ask the child over IPC and wait for the answer with the same id. */
function asker(child: ChildProcess) {
  let nextId = 1
  return <T>(type: string, key: string): Promise<T> => {
    const id = nextId++
    return new Promise((resolve) => {
      const onMessage = (m: { type: string; id: number } & Record<string, unknown>) => {
        if (m.id !== id) return
        child.off('message', onMessage)
        resolve(m[key] as T)
      }
      child.on('message', onMessage)
      child.send({ type, id })
    })
  }
}

/** `profileDir`: write a V8 CPU profile (.cpuprofile) of the server process there when it exits. */
export async function startOurServer(overrides: Record<string, unknown> = {}, profileDir?: string): Promise<OurServer> {
  const child = fork(path.join(here, 'serverProcess.js'), [], {
    env: { ...process.env, BENCH_SERVER_CONFIG: JSON.stringify(overrides) },
    execArgv: ['--expose-gc', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const ready = await new Promise<{ url: string; syncUrl: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string; syncUrl: string }))
    child.once('exit', (code) => reject(new Error(`our server exited with ${code} before it was ready`)))
  })
  const ask = asker(child)
  return {
    name: 'ours',
    pid: child.pid!,
    url: ready.url,
    syncUrl: ready.syncUrl,
    async newBoard() {
      const res = await fetch(`${ready.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bench' }),
      })
      if (res.status !== 201) throw new Error(`POST /api/boards answered ${res.status}: ${await res.text()}`)
      return ((await res.json()) as { id: string }).id
    },
    mem: () => ask<NodeJS.MemoryUsage>('mem', 'mem'),
    stats: () => ask('stats', 'stats'),
    profileStart: () => ask<void>('profile-start', 'ok'),
    profileStop: () => ask<Profile>('profile-stop', 'profile'),
    stop: () => stopChild(child),
  }
}

async function freePort(): Promise<number> {
  const srv = net.createServer()
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()))
  const port = (srv.address() as net.AddressInfo).port
  await new Promise<void>((r) => srv.close(() => r()))
  return port
}

export async function startReferenceServer(): Promise<BenchServer> {
  const require = createRequire(import.meta.url)
  const script = path.join(path.dirname(require.resolve('y-websocket-ref/package.json')), 'bin', 'server.cjs')
  const port = await freePort()
  // The reference server prints the PORT it was given, not the bound one, so it gets a free port.
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), BENCH_REFERENCE_SCRIPT: script }
  // Any YPERSISTENCE value (even empty) would switch on LevelDB persistence; the reference runs in memory.
  delete env.YPERSISTENCE
  // The same child entry and flags as ours, so both run under the same Node options.
  const child = fork(path.join(here, 'serverProcess.js'), [], {
    env,
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('running at')) resolve() })
    child.once('exit', (code) => reject(new Error(`reference server exited with ${code}`)))
  })
  const ask = asker(child)
  let n = 0
  return {
    name: 'reference',
    pid: child.pid!,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    newBoard: async () => `bench-board-${n++}`,
    profileStart: () => ask<void>('profile-start', 'ok'),
    profileStop: () => ask<Profile>('profile-stop', 'profile'),
    stop: () => stopChild(child),
  }
}
