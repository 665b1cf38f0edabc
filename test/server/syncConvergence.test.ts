/**
 * Faults: five real y-websocket clients edit at random — a Y.Map and a YKeyValue
 * `records` array like the board doc (docs/board-format.md) — while being cut off and reconnected at
 * random, editing offline in between. At the end all five and the stored board (read by a fresh
 * client after a restart) are identical. Seeded, so a failure can be replayed.
 */
import { isDeepStrictEqual } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import {
  connectClient, createBoard, destroyAllClients, prng, startSeamedServer, synced, waitFor,
  type Client, type SeamedServer,
} from './syncTestKit.js'

const SEED = 20261123
const ROUNDS = 400

interface Editor {
  client: Client
  records: YKeyValue<{ id: string; x: number; by: number }>
}

/** Everything a board holds, in a form two docs can be compared by. */
function content(doc: Y.Doc) {
  const records = new YKeyValue<unknown>(doc.getArray('records'))
  return {
    records: Object.fromEntries([...records.map.entries()].map(([k, v]) => [k, v.val]).sort(([a], [b]) => String(a).localeCompare(String(b)))),
    meta: doc.getMap('meta').toJSON(),
    test: doc.getMap('test').toJSON(),
  }
}

describe('convergence under random disconnects', () => {
  let server: SeamedServer

  afterEach(async () => {
    destroyAllClients()
    await server.stop()
  })

  it('five clients editing while cut off and reconnected at random end identical, and so does storage', async () => {
    server = await startSeamedServer({}, { compactAfterUpdates: 50 })
    const boardId = await createBoard(server.running.storage)
    const rand = prng(SEED)
    const editors: Editor[] = Array.from({ length: 5 }, () => {
      const client = connectClient(server.syncUrl, boardId)
      return { client, records: new YKeyValue(client.doc.getArray('records')) }
    })
    await Promise.all(editors.map((e) => synced(e.client)))

    for (let round = 0; round < ROUNDS; round++) {
      const i = Math.floor(rand() * editors.length)
      const { client, records } = editors[i]
      const roll = rand()
      if (roll < 0.08) {
        if (client.provider.wsconnected || client.provider.wsconnecting) client.provider.disconnect()
        else void client.provider.connect()
      } else if (roll < 0.5) {
        const id = `shape:${Math.floor(rand() * 30)}`
        records.set(id, { id, x: Math.floor(rand() * 1000), by: i })
      } else if (roll < 0.6) {
        records.delete(`shape:${Math.floor(rand() * 30)}`)
      } else if (roll < 0.9) {
        client.map.set(`k${Math.floor(rand() * 20)}`, { round, by: i })
      } else if (roll < 0.95) {
        client.map.delete(`k${Math.floor(rand() * 20)}`)
      } else {
        client.doc.transact(() => {
          client.doc.getMap('meta').set('schema', { round, by: i })
          records.set('document:document', { id: 'document:document', x: round, by: i })
        })
      }
      // Let the network breathe now and then, so some edits travel while others pile up offline.
      if (rand() < 0.2) await new Promise((r) => setTimeout(r, Math.floor(rand() * 15)))
    }

    for (const e of editors) if (!e.client.provider.wsconnected && !e.client.provider.wsconnecting) void e.client.provider.connect()
    const first = editors[0].client.doc
    await waitFor(
      () => editors.every((e) => e.client.provider.synced && isDeepStrictEqual(content(e.client.doc), content(first))),
      'all five converge', 20_000,
    )
    // Converged means the same state too, not just the same visible content.
    const vector = Y.encodeStateVector(first)
    for (const e of editors) expect(Y.encodeStateVector(e.client.doc)).toEqual(vector)
    const expected = content(first)
    expect(Object.keys(expected.records).length).toBeGreaterThan(0)
    expect(editors.every((e) => e.client.closeCodes.every((c) => c === 1000 || c === 1005 || c === 1006))).toBe(true)

    destroyAllClients()
    await server.restart()
    const fresh = connectClient(server.syncUrl, boardId)
    await synced(fresh)
    expect(content(fresh.doc)).toEqual(expected)
  })
})
