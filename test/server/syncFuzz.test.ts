/**
 * Fuzzing the sync endpoint: over 10,000 random and mutated frames — real
 * y-websocket frames with bytes flipped, truncated, spliced together, padded, or pure noise —
 * arrive over many connections while a well-behaved client edits. Afterwards the server still
 * serves a fresh client, the well-behaved client's content is stored exactly, and what is stored
 * is what the server serves. Seeded, so a failure can be replayed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import { CloseCode, MessageType } from '../../src/shared/protocol.js'
import {
  connectClient, createBoard, destroyAllClients, openRaw, prng, startSeamedServer, storedDoc, synced, waitFor,
  type RawSocket, type SeamedServer,
} from './syncTestKit.js'

const SEED = 0x7c0ffee
const FRAMES = 10_500
const WORKERS = 8

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

/** Real frames the way y-websocket builds them, from an attacker's own doc (root map `fuzz`). */
function realFrames(): Uint8Array[] {
  const frames: Uint8Array[] = []
  const doc = new Y.Doc()
  doc.on('update', (update: Uint8Array) => {
    frames.push(frame((e) => { encoding.writeVarUint(e, MessageType.sync); syncProtocol.writeUpdate(e, update) }))
  })
  const map = doc.getMap('fuzz')
  const list = doc.getArray<unknown>('fuzzList')
  const text = doc.getText('fuzzText')
  for (let i = 0; i < 40; i++) {
    map.set(`k${i % 7}`, { n: i, s: '健身区'.repeat(i % 3), nested: [i, true, null] })
    list.push([i, `item ${i}`])
    if (i % 3 === 0) list.delete(0, 1)
    text.insert(0, `t${i}`)
    if (i % 5 === 0) map.delete(`k${(i + 1) % 7}`)
  }
  frames.push(frame((e) => { encoding.writeVarUint(e, MessageType.sync); syncProtocol.writeSyncStep1(e, doc) }))
  frames.push(frame((e) => { encoding.writeVarUint(e, MessageType.sync); syncProtocol.writeSyncStep2(e, doc) }))
  const awareness = new awarenessProtocol.Awareness(doc)
  for (let i = 0; i < 5; i++) {
    awareness.setLocalState({ user: { name: `attacker ${i}`, color: '#f00', role: 'organizer' }, presence: { cursor: { x: i, y: i } } })
    frames.push(frame((e) => {
      encoding.writeVarUint(e, MessageType.awareness)
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]))
    }))
  }
  frames.push(Uint8Array.of(MessageType.queryAwareness))
  awareness.destroy()
  doc.destroy()
  return frames
}

function mutate(rand: () => number, seeds: Uint8Array[]): Uint8Array {
  const pick = () => seeds[Math.floor(rand() * seeds.length)]
  const byte = () => Math.floor(rand() * 256)
  const src = pick()
  switch (Math.floor(rand() * 7)) {
    case 0: { // flip 1–4 bytes
      const out = src.slice()
      const n = 1 + Math.floor(rand() * 4)
      for (let i = 0; i < n; i++) out[Math.floor(rand() * out.length)] ^= 1 << Math.floor(rand() * 8)
      return out
    }
    case 1: // truncate
      return src.slice(0, Math.floor(rand() * src.length))
    case 2: { // splice the head of one frame onto the tail of another
      const other = pick()
      return Uint8Array.from([...src.slice(0, Math.floor(rand() * src.length)), ...other.slice(Math.floor(rand() * other.length))])
    }
    case 3: { // overwrite a byte with a random one
      const out = src.slice()
      out[Math.floor(rand() * out.length)] = byte()
      return out
    }
    case 4: { // insert random bytes
      const at = Math.floor(rand() * src.length)
      const noise = Array.from({ length: 1 + Math.floor(rand() * 8) }, byte)
      return Uint8Array.from([...src.slice(0, at), ...noise, ...src.slice(at)])
    }
    case 5: // pure noise, sometimes behind a plausible message type
      return Uint8Array.from(Array.from({ length: 1 + Math.floor(rand() * 64) }, (_, i) => (i === 0 && rand() < 0.5 ? Math.floor(rand() * 4) : byte())))
    default: // an untouched real frame (valid changes to the attacker's own roots)
      return src
  }
}

/** Sync step 1 with an empty state vector: always answered with a sync step 2. */
const PROBE = Uint8Array.of(MessageType.sync, syncProtocol.messageYjsSyncStep1, 1, 0)
const isStep2 = (m: Uint8Array) => m[0] === MessageType.sync && m[1] === syncProtocol.messageYjsSyncStep2

/** Codes a fuzzed connection may legitimately be closed with. */
const EXPECTED_CLOSES = new Set<number>([CloseCode.badMessage, CloseCode.tooLarge])

describe('sync endpoint fuzzing', () => {
  let server: SeamedServer

  afterEach(async () => {
    destroyAllClients()
    await server.stop()
  })

  it(`survives ${FRAMES} random and mutated frames; the board keeps exactly what the good client wrote`, async () => {
    server = await startSeamedServer({}, { maxConnectionsPerIp: 0 })
    const boardId = await createBoard(server.running.storage)
    const good = connectClient(server.syncUrl, boardId)
    await synced(good)
    good.provider.awareness.setLocalState({ user: { name: 'good' } })

    const rand = prng(SEED)
    const seeds = realFrames()
    let sent = 0
    let connections = 0
    const closeCodes = new Map<number, number>()
    let goodEdits = 0

    const open = async (): Promise<{ raw: RawSocket; closed: boolean }> => {
      connections++
      const raw = await openRaw(server.syncUrl, boardId)
      const conn = { raw, closed: false }
      void raw.closed.then(({ code }) => {
        conn.closed = true
        closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1)
      })
      return conn
    }

    /** Resolves at the next sync step 2 on the socket, or when it closes. */
    const answered = (conn: { raw: RawSocket; closed: boolean }) => new Promise<void>((resolve) => {
      if (conn.closed) return resolve()
      const done = () => {
        conn.raw.ws.off('message', onMessage)
        conn.raw.ws.off('close', done)
        resolve()
      }
      const onMessage = (data: Buffer) => { if (isStep2(new Uint8Array(data))) done() }
      conn.raw.ws.on('message', onMessage)
      conn.raw.ws.on('close', done)
    })

    // Each worker sends one frame, then a probe; the probe's answer (or the close) shows that the
    // server has handled the frame before the next one goes. A closed connection is replaced.
    const worker = async () => {
      let conn = await open()
      while (sent < FRAMES) {
        const answer = answered(conn)
        conn.raw.ws.send(mutate(rand, seeds))
        conn.raw.ws.send(PROBE)
        sent++
        await answer
        conn.raw.messages.length = 0
        if (sent % 500 === 0) good.map.set(`good-${goodEdits++}`, { at: sent, text: '花坛' })
        if (conn.closed) conn = await open()
      }
      conn.raw.ws.close()
    }
    await Promise.all(Array.from({ length: WORKERS }, worker))

    expect(sent).toBeGreaterThanOrEqual(10_000)
    expect(connections).toBeGreaterThan(WORKERS)
    // Every close was one of the documented answers to bad input (or the worker's own goodbye).
    for (const code of closeCodes.keys()) expect([...EXPECTED_CLOSES, 1000, 1005]).toContain(code)
    expect(closeCodes.get(CloseCode.badMessage)).toBeGreaterThan(0)

    // The good client was never disturbed, and the server still serves a newcomer everything.
    expect(good.closeCodes).toEqual([])
    good.map.set('last', 'written after the fuzzing')
    const fresh = connectClient(server.syncUrl, boardId)
    await waitFor(() => fresh.map.get('last') === 'written after the fuzzing', 'a fresh client gets the board')
    expect(fresh.map.toJSON()).toEqual(good.map.toJSON())
    expect(good.map.size).toBe(goodEdits + 1)

    // Storage holds exactly what the good client wrote in its map, and as a whole it is what the
    // server serves (anything valid the fuzzer slipped into its own roots is stored consistently).
    await waitFor(async () => (await storedDoc(server.running.storage, boardId)).doc.getMap('test').has('last'), 'stored')
    const stored = (await storedDoc(server.running.storage, boardId)).doc
    expect(stored.getMap('test').toJSON()).toEqual(good.map.toJSON())
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(fresh.doc))

    // And after a restart (everything from storage alone) the board is the same.
    destroyAllClients()
    await server.restart()
    const reader = connectClient(server.syncUrl, boardId)
    await synced(reader)
    expect(reader.map.toJSON()).toEqual(stored.getMap('test').toJSON())
  })
})
