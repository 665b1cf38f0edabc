/**
 * Faults (issue 7, point 5): the built server (`node dist/server/server/main.js`) is killed with
 * SIGKILL in the middle of a burst of edits from several clients. After a restart on the same
 * DATA_DIR, every update the server had relayed before it died is in storage — the server relays
 * only what is durable (docs/protocol.md, "Durability and batching"). `npm test` builds first.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { connectClient, destroyAllClients, synced, waitFor } from './syncTestKit.js'

const MAIN = path.resolve('dist/server/server/main.js')

interface Proc { child: ChildProcess; url: string; exit: Promise<NodeJS.Signals | number | null> }

async function startProcess(dataDir: string): Promise<Proc> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`)
  const child = spawn(process.execPath, [MAIN], {
    // COMPACT_AFTER_UPDATES low, so the kill can also land inside a compaction.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, UNLOAD_DELAY_MS: '60000', COMPACT_AFTER_UPDATES: '40' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exit = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)))
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
  for (const p of procs.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL')
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

describe('the server process killed with SIGKILL', () => {
  it('keeps every update it had relayed before it died', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-kill-'))
    dirs.push(dataDir)
    const first = await startProcess(dataDir)
    procs.push(first.child)
    const res = await fetch(`${first.url}/api/boards`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '停电演练' }),
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const syncUrl = first.url.replace('http', 'ws') + '/sync'

    const watcher = connectClient(syncUrl, id)
    const writers = Array.from({ length: 4 }, () => connectClient(syncUrl, id))
    await Promise.all([watcher, ...writers].map(synced))

    // The watcher edits nothing: what it holds came from the server, i.e. was relayed.
    let killed = false
    watcher.map.observe(() => {
      if (!killed && watcher.map.size >= 300) {
        killed = true
        first.child.kill('SIGKILL')
      }
    })
    let stop = false
    const bursts = writers.map(async (w, i) => {
      for (let n = 0; !stop && n < 5000; n++) {
        w.map.set(`w${i}-${n}`, { n, text: '长椅'.repeat(n % 5) })
        if (n % 10 === 9) await new Promise((r) => setImmediate(r))
      }
    })
    expect(await first.exit).toBe('SIGKILL')
    stop = true
    await Promise.all(bursts)
    // Frames already on the wire when the process died may still arrive: they were relayed too.
    await new Promise((r) => setTimeout(r, 200))
    const relayed = watcher.map.toJSON()
    expect(Object.keys(relayed).length).toBeGreaterThanOrEqual(300)
    destroyAllClients()

    const second = await startProcess(dataDir)
    procs.push(second.child)
    const reader = connectClient(second.url.replace('http', 'ws') + '/sync', id)
    await synced(reader)
    const stored = reader.map.toJSON()
    const missing = Object.keys(relayed).filter((k) => !(k in stored))
    expect(missing).toEqual([])
    for (const [k, v] of Object.entries(relayed)) expect(stored[k]).toEqual(v)
    second.child.kill('SIGTERM')
    expect(await second.exit).toBe(0)
  })
})
