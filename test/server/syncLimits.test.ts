/**
 * Limits: an oversized presence state, a flood of messages from one
 * connection, too many connections from one address, and too many boards are each answered with a
 * documented close code or HTTP error, and everyone else goes on working.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { CloseCode, MessageType } from '../../src/shared/protocol.js'
import {
  awarenessFrame, connectClient, createBoard, destroyAllClients, openRaw, startSeamedServer, storedDoc, synced, waitFor,
  type SeamedServer,
} from './syncTestKit.js'
import { api } from './workflowTestKit.js'

/** The refused upgrade's status and JSON body. */
function refusal(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.on('unexpected-response', (_req, res) => {
      let text = ''
      res.on('data', (c: Buffer) => { text += c.toString() })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }))
    })
    ws.on('open', () => {
      ws.terminate()
      reject(new Error('upgrade was accepted'))
    })
    ws.on('error', () => {})
  })
}

describe('sync limits', () => {
  let server: SeamedServer

  afterEach(async () => {
    destroyAllClients()
    await server.stop()
  })

  it('closes a connection announcing a presence state over MAX_AWARENESS_BYTES with 4413; others see nothing of it', async () => {
    server = await startSeamedServer({}, { maxAwarenessBytes: 2048 })
    const boardId = await createBoard(server.running.storage)
    const a = connectClient(server.syncUrl, boardId)
    await synced(a)
    const raw = await openRaw(server.syncUrl, boardId)
    raw.ws.send(awarenessFrame([{ id: 4242, clock: 1, state: { user: { name: 'x'.repeat(4000) } } }]))
    const closed = await raw.closed
    expect(closed.code).toBe(CloseCode.tooLarge)
    expect(closed.reason).toMatch(/awareness/i)

    const small = await openRaw(server.syncUrl, boardId)
    small.ws.send(awarenessFrame([{ id: 4343, clock: 1, state: { user: { name: 'small' } } }]))
    await waitFor(() => a.provider.awareness.getStates().has(4343), 'a small state is relayed')
    expect(a.provider.awareness.getStates().has(4242)).toBe(false)
    expect(a.closeCodes).toEqual([])
    small.ws.close()
  })

  it('closes a connection that floods messages with 4429 and keeps serving the others', async () => {
    server = await startSeamedServer({}, { syncMessagesPerSecond: 10, syncMessageBurst: 50 })
    const boardId = await createBoard(server.running.storage)
    const a = connectClient(server.syncUrl, boardId)
    const b = connectClient(server.syncUrl, boardId)
    await Promise.all([synced(a), synced(b)])
    const raw = await openRaw(server.syncUrl, boardId)
    for (let i = 0; i < 500; i++) raw.ws.send(Uint8Array.of(MessageType.queryAwareness))
    const closed = await raw.closed
    expect(closed.code).toBe(CloseCode.rateLimited)
    expect(closed.reason).not.toBe('')

    a.map.set('after-flood', 1)
    await waitFor(() => b.map.get('after-flood') === 1, 'the others keep syncing')
    expect(a.closeCodes).toEqual([])
    expect((await storedDoc(server.running.storage, boardId)).doc.getMap('test').toJSON()).toEqual({ 'after-flood': 1 })
  })

  it('refuses the upgrade with 429 past MAX_CONNECTIONS_PER_IP and admits again once one leaves', async () => {
    server = await startSeamedServer({}, { maxConnectionsPerIp: 2 })
    const boardId = await createBoard(server.running.storage)
    const first = await openRaw(server.syncUrl, boardId)
    const second = await openRaw(server.syncUrl, boardId)
    const refused = await refusal(`${server.syncUrl}/${boardId}`)
    expect(refused.status).toBe(429)
    expect(refused.body.code).toBe('too_many_connections')
    expect(String(refused.body.error)).toMatch(/connections/)

    first.ws.close()
    await first.closed
    await waitFor(() => server.running.sync.stats().connections === 1, 'the server saw the close')
    const third = await openRaw(server.syncUrl, boardId)
    expect(third.ws.readyState).toBe(WebSocket.OPEN)
    second.ws.close()
    third.ws.close()
  })

  it('refuses new boards and projects with 507 once MAX_BOARDS are stored', async () => {
    server = await startSeamedServer({}, { maxBoards: 2 })
    expect((await api(server.url, 'POST', '/api/boards', { body: { name: 'one' } })).status).toBe(201)
    const project = await api(server.url, 'POST', '/api/projects', { body: { name: 'two', site: 's', area: 'a' } })
    expect(project.status).toBe(201)

    const board = await api(server.url, 'POST', '/api/boards', { body: { name: 'three' } })
    expect(board.status).toBe(507)
    expect(board.body.code).toBe('board_limit_reached')
    expect(String(board.body.error)).toMatch(/MAX_BOARDS/)
    const again = await api(server.url, 'POST', '/api/projects', { body: { name: 'three', site: 's', area: 'a' } })
    expect(again.status).toBe(507)
    expect(again.body.code).toBe('board_limit_reached')
    // What exists keeps working.
    const state = await api(server.url, 'GET', `/api/projects/${String(project.body.projectId)}`, { token: String(project.body.organizerToken) })
    expect(state.status).toBe(200)
  })
})
