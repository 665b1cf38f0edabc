/**
 * The built server as an operator runs it (`node dist/server/server/main.js`, what `npm start` ends
 * in), in a child process on port 0: for tests that signal or kill the real process. `npm test`
 * builds first, so dist/ is fresh.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { waitFor } from '../server/syncTestKit.js'

const MAIN = path.resolve('dist/server/server/main.js')

export interface BuiltServer {
  child: ChildProcess
  url: string
  /** Resolves with the signal that ended the process, or its exit code. */
  exit: Promise<NodeJS.Signals | number | null>
}

const started: ChildProcess[] = []
const dirs: string[] = []

/** A fresh temp DATA_DIR, removed by stopBuiltServers(). */
export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-proc-'))
  dirs.push(dir)
  return dir
}

export async function startBuiltServer(dataDir: string, env: Record<string, string> = {}): Promise<BuiltServer> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`)
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, UNLOAD_DELAY_MS: '60000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  started.push(child)
  const exit = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)))
  let out = ''
  child.stdout!.on('data', (chunk) => { out += chunk })
  child.stderr!.on('data', (chunk) => { out += chunk })
  // Generous: three instances starting at once on two cores already busy with browser tests took
  // over 10 s to print anything (loading the server's modules, then PostgreSQL and Redis).
  await waitFor(() => /http:\/\/[^\s]+:\d+/.test(out), 'the server to print its URL', 30_000).catch((err: Error) => {
    throw new Error(`${err.message} (it printed: ${out || 'nothing'})`)
  })
  const url = out.match(/http:\/\/[^\s]+:\d+/)![0].replace('localhost', '127.0.0.1')
  return { child, url, exit }
}

/** Kills whatever is still running and removes the temp data dirs (call in afterEach). */
export function stopBuiltServers(): void {
  for (const p of started.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL')
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
}
