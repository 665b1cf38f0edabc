/**
 * Canaries for the private parts of libraries we rely on. Each use below works around a gap in a
 * library's public API, and each one, if a dependency update renamed or changed the part, would go
 * wrong quietly (a fast path silently off, memory kept, a board that never opens, presence echoed
 * N-fold). These tests fail loudly instead, naming the dependency, the use site and what changed.
 *
 * When one fails after an update: read the named file's comment, check the library's new source,
 * and either adapt the use site or drop it for the public API (and this canary with it).
 */
import type { AddressInfo } from 'node:net'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { createTLStore, defaultBindingUtils, defaultShapeUtils } from 'tldraw'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { IndexeddbPersistence } from 'y-indexeddb'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { fullAccess } from '../../server/sync/authorize.js'
import { Connection, rawSocket } from '../../server/sync/Connection.js'
import { Frame } from '../../server/sync/Frame.js'
import { releaseDeflate, SYNC_DEFLATE } from '../../server/sync/syncDeflate.js'
import { AuthMessageType, MessageType, StorageState } from '../../src/shared/protocol.js'
import { sendOwnPresenceOnly } from '../../src/sync/ownPresenceOnly.js'
import { watchConnection } from '../../src/sync/watchConnection.js'
import { geoShape } from '../binding/harness.js'

/** The message a failing canary prints: which dependency, which of our files, what changed. */
function changed(dependency: string, useSite: string, what: string): string {
  return `${dependency} changed a private API we use (${useSite}): ${what}`
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

// ---------------------------------------------------------------------------------------------
// ws@8 internals: server/sync/Connection.ts (rawSocket, the fan-out fast path) and
// server/sync/syncDeflate.ts (releaseDeflate).
// ---------------------------------------------------------------------------------------------

const WS = 'ws (server/sync/Connection.ts rawSocket)'
const WS_DEFLATE = 'ws (server/sync/syncDeflate.ts releaseDeflate)'

/** A ws server as the sync endpoint sets it up, one real ws client, and the server side of it. */
async function wsPair(): Promise<{ server: WebSocket; client: WebSocket; received: Buffer[] }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: SYNC_DEFLATE })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  const serverSide = new Promise<WebSocket>((resolve) => wss.once('connection', (ws) => resolve(ws)))
  // The ws client offers permessage-deflate by default, as browsers do: the negotiated case is the one to check.
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`)
  const received: Buffer[] = []
  client.on('message', (data: Buffer, isBinary) => {
    // A text frame would be a wrong header byte: recorded as nothing, so the comparison fails.
    received.push(isBinary ? data : Buffer.alloc(0))
  })
  await new Promise<void>((resolve, reject) => {
    client.once('open', () => resolve())
    client.once('error', reject)
  })
  const server = await serverSide
  cleanups.push(() => new Promise<void>((resolve) => {
    client.terminate()
    wss.close(() => resolve())
  }))
  return { server, client, received }
}

describe('ws@8 internals', () => {
  it('has the socket, sender and extensions where rawSocket looks for them, idle after the handshake', async () => {
    const { server } = await wsPair()
    const w = server as unknown as Record<string, unknown>
    const socket = w._socket as { write?: unknown; cork?: unknown; uncork?: unknown; writable?: unknown } | undefined
    expect(typeof socket?.write, changed(WS, '_socket', 'WebSocket._socket is no longer the underlying net.Socket')).toBe('function')
    expect(typeof socket?.cork, changed(WS, '_socket', 'WebSocket._socket has no cork()')).toBe('function')
    expect(typeof socket?.uncork, changed(WS, '_socket', 'WebSocket._socket has no uncork()')).toBe('function')
    const sender = w._sender as { _state?: unknown; _queue?: unknown } | undefined
    expect(sender?._state, changed(WS, '_sender._state', 'an idle Sender no longer has _state === 0 (DEFAULT)')).toBe(0)
    expect(Array.isArray(sender?._queue), changed(WS, '_sender._queue', 'Sender._queue is no longer an array')).toBe(true)
    expect((sender?._queue as unknown[]).length, changed(WS, '_sender._queue', 'an idle Sender has queued work')).toBe(0)
    expect(typeof w._extensions, changed(WS, '_extensions', 'WebSocket._extensions is gone')).toBe('object')
    expect(Object.keys(w._extensions as object), changed(WS_DEFLATE, "_extensions['permessage-deflate']",
      'the negotiated extension is no longer kept under its name')).toContain('permessage-deflate')
    expect(rawSocket(server), changed(WS, 'rawSocket', 'the fast path no longer finds the socket of an idle connection: every relay goes through ws.send'))
      .toBe(w._socket)
  })

  it('delivers a pre-built Frame written to the raw socket as one binary message, at every header length', async () => {
    const { server, received } = await wsPair()
    const connection = new Connection(server, 'canaryboard', fullAccess)
    // 7-bit, 16-bit and 64-bit payload lengths (RFC 6455 §5.2).
    const payloads = [10, 300, 70_000].map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff))
    expect(rawSocket(server), changed(WS, 'rawSocket', 'no raw socket, so this would test ws.send, not the fast path')).toBeDefined()
    connection.cork()
    for (const payload of payloads) connection.sendFrame(new Frame(payload))
    connection.uncork()
    await waitFor(() => received.length === payloads.length, 'the three frames')
    received.forEach((data, i) => expect(new Uint8Array(data), changed(WS, 'Frame', `frame ${i} arrived altered`)).toEqual(payloads[i]))
  })

  it('reports the sender busy while it deflates a large message, so a fan-out frame queues behind it in order', async () => {
    const { server, received } = await wsPair()
    const connection = new Connection(server, 'canaryboard', fullAccess)
    const large = Uint8Array.from({ length: SYNC_DEFLATE.threshold * 4 }, (_, i) => i % 7)
    connection.send(large)
    expect(rawSocket(server), changed(WS, '_sender._state / _queue',
      'while ws deflates a message its sender no longer looks busy: a raw frame written now would overtake it')).toBeUndefined()
    const small = Uint8Array.of(MessageType.sync, 2, 1, 0)
    connection.sendFrame(new Frame(small))
    await waitFor(() => received.length === 2, 'both messages')
    expect(new Uint8Array(received[0]), 'the large message first').toEqual(large)
    expect(new Uint8Array(received[1]), 'then the frame sent after it').toEqual(small)
  })

  it('keeps the deflate stream where releaseDeflate frees it, and makes a new one for the next large message', async () => {
    const { server, received } = await wsPair()
    const deflate = () => (server as unknown as { _extensions: Record<string, { _deflate?: unknown } | undefined> })._extensions['permessage-deflate']
    const large = Uint8Array.from({ length: SYNC_DEFLATE.threshold * 2 }, (_, i) => i % 5)
    await new Promise<void>((resolve, reject) => server.send(large, (err) => (err ? reject(err) : resolve())))
    const stream = deflate()?._deflate as { close?: unknown } | null | undefined
    expect(typeof stream?.close, changed(WS_DEFLATE, "_extensions['permessage-deflate']._deflate",
      'the deflate stream of a connection is no longer kept there after a compressed message: releaseDeflate frees nothing')).toBe('function')
    releaseDeflate(server)
    expect(deflate()?._deflate ?? null, changed(WS_DEFLATE, 'releaseDeflate', 'the stream was not released')).toBeNull()
    // ws must make a new stream when _deflate is null, or the next large message would throw.
    await new Promise<void>((resolve, reject) => server.send(large, (err) => (err ? reject(err) : resolve())))
    await waitFor(() => received.length === 2, 'both large messages')
    expect(new Uint8Array(received[1]), changed(WS_DEFLATE, 'releaseDeflate',
      'a large message after the stream was released did not arrive intact')).toEqual(large)
  })
})

// ---------------------------------------------------------------------------------------------
// tldraw: src/sync/bindStoreToYDoc.ts calls store._flushHistory().
// ---------------------------------------------------------------------------------------------

describe('tldraw Store._flushHistory', () => {
  it('hands pending local changes to a document listener at once', () => {
    const TLDRAW = 'tldraw (src/sync/bindStoreToYDoc.ts flushRemote and unbind)'
    const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
    cleanups.push(() => store.dispose())
    expect(typeof store._flushHistory, changed(TLDRAW, '_flushHistory', 'Store._flushHistory is gone')).toBe('function')
    const heard: string[] = []
    // The listener bindStoreToYDoc installs.
    const stop = store.listen(({ changes }) => heard.push(...Object.keys(changes.added)), { source: 'user', scope: 'document' })
    cleanups.push(stop)
    const shape = geoShape('canary')
    store.put([shape])
    store._flushHistory()
    expect(heard, changed(TLDRAW, '_flushHistory',
      'it no longer delivers pending changes to listeners synchronously: a remote value could overwrite a local edit')).toEqual([shape.id])
  })
})

// ---------------------------------------------------------------------------------------------
// y-indexeddb: src/sync/boardConnection.ts watches persistence._db for a database that cannot open.
// ---------------------------------------------------------------------------------------------

/**
 * Runs `body` with this process's unhandled-rejection listeners set aside: y-indexeddb chains a
 * .then() on `_db` without a catch, so a database that cannot open is also an unhandled rejection
 * (in a browser, a console line); here it would fail the test run for something that is not ours.
 */
async function besideUnhandledRejections(body: () => Promise<void>): Promise<void> {
  const saved = process.listeners('unhandledRejection')
  process.removeAllListeners('unhandledRejection')
  const ignore = () => {}
  process.on('unhandledRejection', ignore)
  try {
    await body()
  } finally {
    // Node reports an unhandled rejection once the microtasks have run; give it that time.
    await new Promise((r) => setTimeout(r, 20))
    process.off('unhandledRejection', ignore)
    for (const listener of saved) process.on('unhandledRejection', listener)
  }
}

describe('y-indexeddb IndexeddbPersistence._db', () => {
  it('rejects when the database cannot be opened, while whenSynced stays pending', async () => {
    const IDB = 'y-indexeddb (src/sync/boardConnection.ts)'
    const denied = new Error('IndexedDB is not available in this mode')
    // What a private window or a locked-down webview does: open() fails through the request's onerror.
    const fakeIndexedDb = {
      open: () => {
        const request: { onerror?: (event: unknown) => void; onsuccess?: unknown; onupgradeneeded?: unknown } = {}
        setTimeout(() => request.onerror?.({ target: { error: denied } }), 0)
        return request
      },
    }
    const had = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB')
    Object.defineProperty(globalThis, 'indexedDB', { value: fakeIndexedDb, configurable: true, writable: true })
    try {
      await besideUnhandledRejections(async () => {
        const persistence = new IndexeddbPersistence('canary', new Y.Doc())
        let synced = false
        void persistence.whenSynced.then(() => { synced = true })
        expect(persistence._db, changed(IDB, '_db', 'IndexeddbPersistence._db is no longer the promise of the open database'))
          .toBeInstanceOf(Promise)
        const outcome = await persistence._db.then(() => 'opened', (error: unknown) => error)
        expect(String(outcome), changed(IDB, '_db', 'a database that cannot be opened no longer rejects _db: boards on such devices would wait for it forever'))
          .toContain(denied.message)
        expect(synced, 'whenSynced resolved after a failed open (y-indexeddb now settles it: the _db catch may be unneeded)').toBe(false)
        await persistence.destroy().catch(() => {})
      })
    } finally {
      if (had) Object.defineProperty(globalThis, 'indexedDB', had)
      else delete (globalThis as { indexedDB?: unknown }).indexedDB
    }
  })
})

// ---------------------------------------------------------------------------------------------
// y-websocket: src/sync/ownPresenceOnly.ts replaces provider._awarenessUpdateHandler;
// src/sync/watchConnection.ts replaces an entry of provider.messageHandlers.
// ---------------------------------------------------------------------------------------------

/** A bare ws server standing in for the sync endpoint: records what clients send, sends what it is told. */
async function fakeSyncServer(onConnection: (ws: WebSocket) => void = () => {}): Promise<{ url: string; received: Uint8Array[] }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  const received: Uint8Array[] = []
  wss.on('connection', (ws) => {
    ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
    onConnection(ws)
  })
  cleanups.push(() => new Promise<void>((resolve) => {
    for (const ws of wss.clients) ws.terminate()
    wss.close(() => resolve())
  }))
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, received }
}

function provider(url: string, connect = true): WebsocketProvider {
  const p = new WebsocketProvider(url, 'canaryroom', new Y.Doc(), { WebSocketPolyfill: WebSocket as never, disableBc: true, connect })
  cleanups.push(() => p.destroy())
  return p
}

/** Client ids whose states an awareness message the server received carries. */
function awarenessIds(message: Uint8Array): number[] {
  const d = decoding.createDecoder(message)
  if (decoding.readVarUint(d) !== MessageType.awareness) return []
  const update = decoding.readVarUint8Array(d)
  const ids: number[] = []
  const dd = decoding.createDecoder(update)
  const n = decoding.readVarUint(dd)
  for (let i = 0; i < n; i++) {
    ids.push(decoding.readVarUint(dd))
    decoding.readVarUint(dd)
    decoding.readVarString(dd)
  }
  return ids
}

describe('y-websocket WebsocketProvider internals', () => {
  it('sends awareness through _awarenessUpdateHandler, which sendOwnPresenceOnly can replace and destroy() removes', async () => {
    const YWS = 'y-websocket (src/sync/ownPresenceOnly.ts)'
    const server = await fakeSyncServer()
    const p = provider(server.url)
    expect(typeof p._awarenessUpdateHandler, changed(YWS, '_awarenessUpdateHandler', 'WebsocketProvider._awarenessUpdateHandler is gone')).toBe('function')
    sendOwnPresenceOnly(p)
    await waitFor(() => p.wsconnected, 'the provider to connect')

    // Someone else's state arrives from the server: the stock handler would send it straight back.
    const other = new Awareness(new Y.Doc())
    other.setLocalState({ user: { name: 'other' } })
    await waitFor(() => server.received.some((m) => awarenessIds(m).includes(p.awareness.clientID)), 'the greeting presence')
    const before = server.received.length
    applyAwarenessUpdate(p.awareness, encodeAwarenessUpdate(other, [other.clientID]), 'server')
    // Then a change of our own; awareness messages go out in order, so once ours has arrived
    // anything the stock handler sent for the other state has arrived before it.
    p.awareness.setLocalStateField('user', { name: 'me' })
    const own = p.awareness.clientID
    await waitFor(() => server.received.slice(before).some((m) => awarenessIds(m).includes(own)), 'our own change at the server')
    const echoed = server.received.filter((m) => awarenessIds(m).includes(other.clientID))
    expect(echoed.length, changed(YWS, '_awarenessUpdateHandler',
      "awareness.off('update', provider._awarenessUpdateHandler) no longer removes the stock handler: every client echoes everyone's presence"))
      .toBe(0)

    // destroy() unsubscribes whatever the property holds at that moment (our handler).
    const ours = p._awarenessUpdateHandler
    let calls = 0
    const counting = (changes: Parameters<typeof ours>[0], origin: unknown) => {
      calls++
      ours(changes, origin)
    }
    p.awareness.off('update', ours)
    p._awarenessUpdateHandler = counting
    p.awareness.on('update', counting)
    // destroy() itself removes the others' states through the handler (disconnect); only later changes count.
    p.destroy()
    calls = 0
    p.awareness.setLocalStateField('user', { name: 'after destroy' })
    expect(calls, changed(YWS, '_awarenessUpdateHandler',
      'destroy() no longer removes the handler the property holds: a closed board would keep sending presence')).toBe(0)
  })

  it('keeps a handler table per provider and dispatches incoming messages through it', async () => {
    const YWS = 'y-websocket (src/sync/watchConnection.ts)'
    const notice = encoding.createEncoder()
    encoding.writeVarUint(notice, MessageType.auth)
    encoding.writeVarUint(notice, AuthMessageType.storage)
    encoding.writeVarUint(notice, StorageState.failing)
    encoding.writeVarString(notice, 'disk full')
    const server = await fakeSyncServer((ws) => ws.send(encoding.toUint8Array(notice)))
    const watched = provider(server.url)
    const bystander = provider(server.url, false)
    const stockAuth = bystander.messageHandlers[MessageType.auth]
    expect(typeof stockAuth, changed(YWS, 'messageHandlers', 'WebsocketProvider.messageHandlers has no auth handler')).toBe('function')
    expect(watched.messageHandlers, changed(YWS, 'messageHandlers',
      'providers now share one handler table: replacing an entry would change every board')).not.toBe(bystander.messageHandlers)
    const failing: boolean[] = []
    const stop = watchConnection(watched, { onStatus: () => {}, onServerClose: () => {}, onStorageFailing: (f) => failing.push(f) })
    cleanups.push(stop)
    expect(bystander.messageHandlers[MessageType.auth], changed(YWS, 'messageHandlers', "another provider's table changed")).toBe(stockAuth)
    await waitFor(() => failing.includes(true), 'the storage notice through the replaced handler')
  })
})
