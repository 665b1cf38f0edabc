import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { connectClient, createBoard, destroyAllClients, synced, waitFor } from './syncTestKit.js'

describe('ping/pong liveness', () => {
  let server: TestServer

  afterEach(async () => {
    destroyAllClients()
    await server.stop()
  })

  it('cuts off a connection that stops answering pings and keeps the ones that answer', async () => {
    server = await startTestServer({ pingIntervalMs: 100 })
    const boardId = await createBoard(server.running.storage)
    const healthy = connectClient(server.syncUrl, boardId)
    await synced(healthy)
    healthy.provider.awareness.setLocalState({ user: { name: 'healthy' } })

    // A client whose network went silent: the socket stays open but pongs never come back.
    const silent = new WebSocket(`${server.syncUrl}/${boardId}`, { autoPong: false })
    let pings = 0
    silent.on('ping', () => pings++)
    const closed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)))
    await new Promise((resolve) => silent.once('open', resolve))

    expect(await closed).toBe(1006)
    expect(pings).toBeGreaterThanOrEqual(1)
    await waitFor(() => server.running.sync.stats().connections === 1, 'only the healthy client remains')
    expect(healthy.closeCodes).toEqual([])
    expect(healthy.provider.wsconnected).toBe(true)
  })
})
