/**
 * The built server as an operator runs it (`node dist/server/server/main.js`, what `npm start` ends
 * in): SIGTERM while a client is editing → it exits 0 and the edits are on disk for the next start.
 * `npm test` builds before it runs the tests, so dist/ is fresh here.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { connectClient, destroyAllClients, synced, waitFor } from './syncTestKit.js'

const MAIN = path.resolve('dist/server/server/main.js')

interface Proc { child: ChildProcess; url: string; exit: Promise<number | null> }

async function startProcess(dataDir: string): Promise<Proc> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`)
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, UNLOAD_DELAY_MS: '60000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  let out = ''
  child.stdout!.on('data', (chunk) => { out += chunk })
  child.stderr!.on('data', (chunk) => { out += chunk })
  await waitFor(() => /http:\/\/[^\s]+:\d+/.test(out), `server prints its URL (got: ${out})`)
  const url = out.match(/http:\/\/[^\s]+:\d+/)![0].replace('localhost', '127.0.0.1')
  return { child, url, exit }
}

const procs: ChildProcess[] = []
const dirs: string[] = []

afterEach(() => {
  destroyAllClients()
  for (const p of procs.splice(0)) if (p.exitCode === null) p.kill('SIGKILL')
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

describe('the server process', () => {
  it('on SIGTERM saves every board and exits 0; the next start serves the same board', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-proc-'))
    dirs.push(dataDir)
    const first = await startProcess(dataDir)
    procs.push(first.child)

    const res = await fetch(`${first.url}/api/boards`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '花园' }),
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const health = (await (await fetch(`${first.url}/healthz`)).json()) as { ok: boolean }
    expect(health.ok).toBe(true)

    const writer = connectClient(first.url.replace('http', 'ws') + '/sync', id)
    await synced(writer)
    for (let i = 0; i < 50; i++) writer.map.set(`k${i}`, i)
    // The edits have reached the server once a second client sees them.
    const watcher = connectClient(first.url.replace('http', 'ws') + '/sync', id)
    await waitFor(() => watcher.map.size === 50, 'second client sees every edit')

    first.child.kill('SIGTERM')
    expect(await first.exit).toBe(0)
    destroyAllClients()

    const second = await startProcess(dataDir)
    procs.push(second.child)
    const reader = connectClient(second.url.replace('http', 'ws') + '/sync', id)
    await synced(reader)
    expect(reader.map.size).toBe(50)
    expect(reader.map.get('k49')).toBe(49)
    second.child.kill('SIGINT')
    expect(await second.exit).toBe(0)
  })
})
