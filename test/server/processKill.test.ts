/**
 * Faults: the built server (`node dist/server/server/main.js`) is killed with
 * SIGKILL in the middle of a burst of edits from several clients. After a restart on the same
 * DATA_DIR, every update the server had relayed before it died is in storage — the server relays
 * only what is durable (docs/protocol.md, "Durability and batching"). `npm test` builds first.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startBuiltServer, stopBuiltServers, tempDataDir } from '../helpers/builtServer.js'
import { connectClient, destroyAllClients, synced } from './syncTestKit.js'

afterEach(() => {
  destroyAllClients()
  stopBuiltServers()
})

describe('the server process killed with SIGKILL', () => {
  it('keeps every update it had relayed before it died', async () => {
    const dataDir = tempDataDir()
    // COMPACT_AFTER_UPDATES low, so the kill can also land inside a compaction.
    const first = await startBuiltServer(dataDir, { COMPACT_AFTER_UPDATES: '40' })
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

    const second = await startBuiltServer(dataDir, { COMPACT_AFTER_UPDATES: '40' })
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
