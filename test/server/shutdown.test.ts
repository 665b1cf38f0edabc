import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../src/shared/protocol.js'
import { openSqliteStorage } from '../../server/storage/SqliteStorage.js'
import {
  ControlledStorage, connectClient, createBoard, destroyAllClients, gate, startSeamedServer, storedDoc,
  synced, upgradeStatus, waitFor, type SeamedServer,
} from './syncTestKit.js'

describe('RunningServer.close()', () => {
  let server: SeamedServer
  let storage: ControlledStorage

  afterEach(async () => {
    destroyAllClients()
    storage.releaseAll()
    await server.stop()
  })

  it('says goodbye with 1001, waits for writes in flight and leaves every board in one snapshot', async () => {
    server = await startSeamedServer({ wrapStorage: (s) => (storage = new ControlledStorage(s)) })
    const boardId = await createBoard(storage)
    const a = connectClient(server.syncUrl, boardId)
    const b = connectClient(server.syncUrl, boardId)
    await Promise.all([synced(a), synced(b)])
    a.map.set('first', 1)
    await waitFor(() => b.map.get('first') === 1, 'first update relayed')

    const append = gate()
    storage.appendGate = append
    a.map.set('in-flight', 2)
    await waitFor(() => storage.appendCalls === 2, 'second write in flight')
    const closing = server.running.close()
    await waitFor(() => a.closeCodes.includes(CloseCode.goingAway) && b.closeCodes.includes(CloseCode.goingAway),
      'clients told the server is going away')
    append.open()
    await closing
    // The clients would reconnect to the next instance; they must not find this one.
    destroyAllClients()

    const reopened = openSqliteStorage(server.dataDir)
    try {
      const stored = await storedDoc(reopened, boardId)
      expect(stored.doc.getMap('test').toJSON()).toEqual({ first: 1, 'in-flight': 2 })
      expect(stored).toMatchObject({ hasSnapshot: true, updates: 0 })
    } finally {
      await reopened.close()
    }
  })

  it('can be called twice and stops listening', async () => {
    server = await startSeamedServer({ wrapStorage: (s) => (storage = new ControlledStorage(s)) })
    const boardId = await createBoard(storage)
    const first = server.running.close()
    expect(server.running.close()).toBe(first)
    await first
    await expect(upgradeStatus(`${server.syncUrl}/${boardId}`)).rejects.toThrow(/ECONNREFUSED/)
  })
})
