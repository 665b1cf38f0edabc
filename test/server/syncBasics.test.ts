import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import {
  connectClient, createBoard, destroyAllClients, dropClient, newBoardId, synced, upgradeStatus, waitFor,
} from './syncTestKit.js'

describe('sync endpoint with real y-websocket clients', () => {
  let server: TestServer
  let boardId: string

  beforeEach(async () => {
    server = await startTestServer()
    boardId = await createBoard(server.running.storage)
  })

  afterEach(async () => {
    destroyAllClients()
    await server.stop()
  })

  it('makes two clients converge, including concurrent edits', async () => {
    const a = connectClient(server.syncUrl, boardId)
    const b = connectClient(server.syncUrl, boardId)
    await Promise.all([synced(a), synced(b)])

    a.map.set('from-a', 1)
    b.map.set('from-b', 2)
    a.doc.getArray<string>('list').push(['a1', 'a2'])
    b.doc.getArray<string>('list').push(['b1'])

    await waitFor(() => a.map.size === 2 && b.map.size === 2, 'both maps have both keys')
    await waitFor(() => a.doc.getArray('list').length === 3 && b.doc.getArray('list').length === 3, 'lists merged')
    expect(a.map.toJSON()).toEqual({ 'from-a': 1, 'from-b': 2 })
    expect(b.doc.getArray('list').toJSON()).toEqual(a.doc.getArray('list').toJSON())
  })

  it('relays updates of every frame size intact (short, 16-bit and 64-bit WebSocket lengths)', async () => {
    const a = connectClient(server.syncUrl, boardId)
    const b = connectClient(server.syncUrl, boardId)
    const c = connectClient(server.syncUrl, boardId)
    await Promise.all([a, b, c].map(synced))
    const values = { tiny: 'x', edge125: 'y'.repeat(100), medium: '中'.repeat(2000), edge65535: 'z'.repeat(65_500), large: '图'.repeat(100_000) }
    for (const [key, value] of Object.entries(values)) a.map.set(key, value)
    await waitFor(() => [b, c].every((x) => x.map.size === 5), 'b and c have every value')
    expect(b.map.toJSON()).toEqual(values)
    expect(c.map.toJSON()).toEqual(values)
  })

  it('gives a late joiner the whole board', async () => {
    const a = connectClient(server.syncUrl, boardId)
    await synced(a)
    for (let i = 0; i < 50; i++) a.map.set(`key${i}`, { i, text: `shape ${i}` })
    a.doc.getText('notes').insert(0, '共绘 CommonGround')

    const late = connectClient(server.syncUrl, boardId)
    let sizeWhenSynced = -1
    late.provider.on('sync', (isSynced: boolean) => { if (isSynced) sizeWhenSynced = late.map.size })
    await synced(late)
    expect(sizeWhenSynced).toBe(50)
    expect(late.map.get('key49')).toEqual({ i: 49, text: 'shape 49' })
    expect(late.doc.getText('notes').toString()).toBe('共绘 CommonGround')
  })

  it('keeps the board across a server restart', async () => {
    const a = connectClient(server.syncUrl, boardId)
    await synced(a)
    a.map.set('rect', { x: 10, y: 20 })
    const b = connectClient(server.syncUrl, boardId)
    await waitFor(() => b.map.has('rect'), 'second client sees the rectangle')
    destroyAllClients()

    await server.restart()

    const c = connectClient(server.syncUrl, boardId)
    await synced(c)
    expect(c.map.get('rect')).toEqual({ x: 10, y: 20 })
  })

  it('removes a dropped client\'s awareness for the others at once', async () => {
    const a = connectClient(server.syncUrl, boardId)
    const b = connectClient(server.syncUrl, boardId)
    await Promise.all([synced(a), synced(b)])
    a.provider.awareness.setLocalState({ user: { name: '小明', color: '#f00' } })
    const aId = a.doc.clientID
    await waitFor(() => b.provider.awareness.getStates().get(aId)?.user?.name === '小明', 'b sees a\'s cursor')

    // No goodbye from the client (a pulled cable): only the server can tell b that a left. The
    // awareness protocol's own timeout is 30 s, far beyond waitFor's limit.
    dropClient(a)
    await waitFor(() => !b.provider.awareness.getStates().has(aId), 'a\'s awareness removed for b', 5_000)
  })

  it('shows a late joiner who is already present', async () => {
    const a = connectClient(server.syncUrl, boardId)
    await synced(a)
    a.provider.awareness.setLocalState({ user: { name: 'A' } })
    await waitFor(() => server.running.sync.stats().connections === 1, 'a connected')
    const b = connectClient(server.syncUrl, boardId)
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 'late joiner sees a present')
  })

  it('refuses an unknown board with 404 and a malformed id with 400', async () => {
    expect(await upgradeStatus(`${server.syncUrl}/${newBoardId()}`)).toBe(404)
    expect(await upgradeStatus(`${server.syncUrl}/bad.id`)).toBe(400)
    expect(await upgradeStatus(`${server.syncUrl}/${boardId}/extra`)).toBe(400)
    expect(await upgradeStatus(`${server.url.replace(/^http/, 'ws')}/elsewhere/${boardId}`)).toBe(404)
  })

  it('accepts a query string after the board id', async () => {
    const a = connectClient(server.syncUrl, boardId, { token: 'anything' })
    await synced(a)
    expect(server.running.sync.stats()).toEqual({ boardsLoaded: 1, connections: 1 })
  })
})
