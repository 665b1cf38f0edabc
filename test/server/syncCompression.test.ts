/**
 * permessage-deflate on the sync endpoint (docs/protocol.md, "Compression"): a large first sync
 * arrives deflated to a client that offered the extension, a client that did not still syncs, and
 * relayed edits (pre-built fan-out frames) reach both kinds of client uncompressed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { connectClient, createBoard, destroyAllClients, geoShape, synced, waitFor } from './syncTestKit.js'

/** What one server-to-client frame looked like on the wire. */
interface WireFrame { rsv1: boolean; opcode: number; length: number }

interface Watched {
  frames: WireFrame[]
  /** Bytes read from the TCP socket since the upgrade (frame headers and payloads). */
  bytes: number
}

/**
 * Read the frames a client's socket receives, as they are on the wire (before ws inflates them).
 * Attached on 'open', which ws emits right after it has put the bytes that came with the upgrade
 * response back into the socket and before any of them are read, so no frame is missed.
 */
function watchWire(ws: WebSocket): Watched {
  const seen: Watched = { frames: [], bytes: 0 }
  ws.once('open', () => {
    const socket = (ws as unknown as { _socket: NodeJS.ReadableStream })._socket
    let pending = Buffer.alloc(0)
    let skip = 0
    socket.on('data', (chunk: Buffer) => {
      seen.bytes += chunk.length
      pending = Buffer.concat([pending, chunk])
      for (;;) {
        if (skip > 0) {
          const n = Math.min(skip, pending.length)
          pending = pending.subarray(n)
          skip -= n
          if (skip > 0) return
        }
        if (pending.length < 2) return
        // Server frames are unmasked: 2, 4 or 10 header bytes (RFC 6455 §5.2).
        const len7 = pending[1] & 0x7f
        const head = len7 === 126 ? 4 : len7 === 127 ? 10 : 2
        if (pending.length < head) return
        const length = len7 === 126 ? pending.readUInt16BE(2) : len7 === 127 ? Number(pending.readBigUInt64BE(2)) : len7
        seen.frames.push({ rsv1: (pending[0] & 0x40) !== 0, opcode: pending[0] & 0x0f, length })
        pending = pending.subarray(head)
        skip = length
      }
    })
  })
  return seen
}

/** ws as a browser without compression would be: it offers no permessage-deflate. */
class PlainWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { perMessageDeflate: false })
  }
}

interface WireClient { doc: Y.Doc; provider: WebsocketProvider; map: Y.Map<unknown>; ws: WebSocket; wire: Watched }

const wireClients: WireClient[] = []

/** A real y-websocket client whose wire is watched; `deflate: false` offers no compression. */
function connectWatched(syncUrl: string, boardId: string, deflate: boolean): WireClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(syncUrl, boardId, doc, {
    WebSocketPolyfill: (deflate ? WebSocket : PlainWebSocket) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  const ws = provider.ws as unknown as WebSocket
  const client = { doc, provider, map: doc.getMap('test'), ws, wire: watchWire(ws) }
  wireClients.push(client)
  return client
}

/** Write `n` tldraw-sized shape records through a client, 100 per transaction as a paste would. */
async function seedBoard(syncUrl: string, boardId: string, n: number): Promise<number> {
  const seeder = connectClient(syncUrl, boardId)
  await synced(seeder)
  for (let i = 0; i < n; i += 100) {
    seeder.doc.transact(() => {
      for (let k = i; k < Math.min(n, i + 100); k++) seeder.map.set(`shape:${k}`, geoShape(`shape:${k}`, k * 7, `需求 ${k}：这里需要一张长椅`))
    })
  }
  const size = Y.encodeStateAsUpdate(seeder.doc).byteLength
  // Stored and relayed once the server has it all: a second client sees every record.
  const check = connectClient(syncUrl, boardId)
  await synced(check)
  await waitFor(() => check.map.size === n, 'the board holds every seeded record')
  seeder.destroy()
  check.destroy()
  return size
}

const SHAPES = 1000

describe('permessage-deflate on the sync endpoint', () => {
  let server: TestServer
  let boardId: string
  let docBytes: number

  beforeEach(async () => {
    server = await startTestServer()
    boardId = await createBoard(server.running.storage)
    docBytes = await seedBoard(server.syncUrl, boardId, SHAPES)
  })

  afterEach(async () => {
    for (const c of wireClients.splice(0)) {
      c.provider.destroy()
      c.doc.destroy()
    }
    destroyAllClients()
    await server.stop()
  })

  it('sends a large first sync deflated to a client that offers it, and small messages as they are', async () => {
    const client = connectWatched(server.syncUrl, boardId, true)
    await waitFor(() => client.provider.synced && client.map.size === SHAPES, 'client synced the whole board')
    expect(client.ws.extensions).toContain('permessage-deflate')
    expect(Y.encodeStateAsUpdate(client.doc).byteLength).toBeGreaterThanOrEqual(docBytes)

    const { frames, bytes } = client.wire
    const compressed = frames.filter((f) => f.rsv1)
    // The sync step 2 with the whole board, and nothing else, is above the threshold.
    expect(compressed).toHaveLength(1)
    expect(compressed[0].length).toBeLessThan(docBytes / 5)
    // Sync step 1 and presence are small and go uncompressed.
    expect(frames.filter((f) => !f.rsv1 && f.opcode === 2).length).toBeGreaterThan(0)
    // Everything this connection read, headers included, is a fraction of the board.
    expect(bytes).toBeLessThan(docBytes / 5)
    const socket = (client.ws as unknown as { _socket: { bytesRead: number } })._socket
    expect(socket.bytesRead).toBeLessThan(docBytes / 5)
  })

  it('syncs the same board to a client that offers no compression', async () => {
    const plain = connectWatched(server.syncUrl, boardId, false)
    await waitFor(() => plain.provider.synced && plain.map.size === SHAPES, 'plain client synced the whole board')
    expect(plain.ws.extensions).toBe('')
    expect(plain.wire.frames.every((f) => !f.rsv1)).toBe(true)
    expect(plain.wire.bytes).toBeGreaterThan(docBytes)
    expect(plain.map.get('shape:999')).toEqual(geoShape('shape:999', 999 * 7, '需求 999：这里需要一张长椅'))
  })

  it('relays live edits, large ones too, uncompressed to compressed and plain clients alike', async () => {
    const a = connectWatched(server.syncUrl, boardId, true)
    const b = connectWatched(server.syncUrl, boardId, true)
    const c = connectWatched(server.syncUrl, boardId, false)
    await waitFor(() => [a, b, c].every((x) => x.provider.synced && x.map.size === SHAPES), 'all three synced')
    const before = { b: b.wire.frames.length, c: c.wire.frames.length }
    // The fan-out fast path (Connection.sendFrame writing pre-built frames to the socket) must stay
    // in use where deflate was negotiated: no relayed frame goes through the server's ws.send.
    const serverSends = vi.spyOn(WebSocket.prototype, 'send')

    // Small edits from each kind of client, and one paste far above the compression threshold.
    a.map.set('from-a', 1)
    c.map.set('from-c', 2)
    a.doc.transact(() => {
      for (let k = 0; k < 100; k++) a.map.set(`paste:${k}`, geoShape(`paste:${k}`, k, `贴上 ${k}`))
    })
    b.map.set('shape:0', geoShape('shape:0', -1, 'moved'))
    const total = SHAPES + 102
    await waitFor(() => [a, b, c].every((x) => x.map.size === total && x.map.get('from-c') === 2 && (x.map.get('shape:0') as { x: number }).x === -1), 'every edit everywhere')
    expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(a.doc))
    expect(Y.encodeStateVector(c.doc)).toEqual(Y.encodeStateVector(a.doc))
    expect(b.map.toJSON()).toEqual(a.map.toJSON())
    expect(c.map.toJSON()).toEqual(a.map.toJSON())
    const byServer = serverSends.mock.contexts.filter((ws) => (ws as unknown as { _isServer: boolean })._isServer)
    serverSends.mockRestore()
    expect(byServer).toHaveLength(0)

    // What b and c received after their first sync: relayed frames, none compressed, the paste
    // among them at full size (a compressed b would have seen it shrunk with RSV1 set).
    for (const [x, from] of [[b, before.b], [c, before.c]] as const) {
      const live = x.wire.frames.slice(from).filter((f) => f.opcode === 2)
      expect(live.length).toBeGreaterThan(0)
      expect(live.every((f) => !f.rsv1)).toBe(true)
      expect(Math.max(...live.map((f) => f.length))).toBeGreaterThan(16 * 1024)
    }
  })
})
