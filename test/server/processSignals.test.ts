/**
 * The built server as an operator runs it (`node dist/server/server/main.js`, what `npm start` ends
 * in): SIGTERM while a client is editing → it exits 0 and the edits are on disk for the next start.
 * `npm test` builds before it runs the tests, so dist/ is fresh here.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startBuiltServer, stopBuiltServers, tempDataDir } from '../helpers/builtServer.js'
import { connectClient, destroyAllClients, synced, waitFor } from './syncTestKit.js'

afterEach(() => {
  destroyAllClients()
  stopBuiltServers()
})

describe('the server process', () => {
  it('on SIGTERM saves every board and exits 0; the next start serves the same board', async () => {
    const dataDir = tempDataDir()
    const first = await startBuiltServer(dataDir)

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

    const second = await startBuiltServer(dataDir)
    const reader = connectClient(second.url.replace('http', 'ws') + '/sync', id)
    await synced(reader)
    expect(reader.map.size).toBe(50)
    expect(reader.map.get('k49')).toBe(49)
    second.child.kill('SIGINT')
    expect(await second.exit).toBe(0)
  })
})
