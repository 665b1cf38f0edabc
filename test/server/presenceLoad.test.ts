/**
 * A busy room stays connected: 50 stock y-websocket clients on one board, 10 of them moving
 * a cursor at 60 Hz (once per animation frame, as the issue measured) and 2 drawing, for two minutes
 * (PRESENCE_LOAD_SECONDS). Stock clients echo every presence change they receive; before the fix all of
 * them were closed with 4429 within seconds. Asserts counts, never timings: nobody is closed, every
 * client ends with every mover's last cursor, every edit reaches everyone and edits kept arriving
 * throughout; a hostile flood during it is still cut off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import { CloseCode, MessageType } from '../../src/shared/protocol.js'
import { connectClient, createBoard, destroyAllClients, openRaw, startSeamedServer, waitFor, type Client, type SeamedServer } from './syncTestKit.js'

const SECONDS = Number(process.env.PRESENCE_LOAD_SECONDS ?? 120)
const CLIENTS = 50
const MOVERS = 10
const DRAWERS = 2
const MOVE_HZ = 60
const DRAW_HZ = 10

interface Cursor { user: { name: string }; presence: { cursor: { x: number; y: number }; seq: number } }

function floodFrame(clock: number): Uint8Array {
  const u = encoding.createEncoder()
  encoding.writeVarUint(u, 1)
  encoding.writeVarUint(u, 987_654)
  encoding.writeVarUint(u, clock)
  encoding.writeVarString(u, JSON.stringify({ user: { name: 'flood' } }))
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.awareness)
  encoding.writeVarUint8Array(e, encoding.toUint8Array(u))
  return encoding.toUint8Array(e)
}

describe('a busy room stays connected', () => {
  let server: SeamedServer
  beforeAll(async () => {
    // Every client is on 127.0.0.1, so the per-address cap is the default's concern only in production.
    server = await startSeamedServer({})
  })
  afterAll(async () => {
    destroyAllClients()
    await server?.stop()
  })

  it(`keeps ${CLIENTS} stock clients connected with ${MOVERS} cursors at ${MOVE_HZ} Hz and ${DRAWERS} people drawing`, async () => {
    // Every y-websocket client in Node adds a process 'exit' listener.
    process.setMaxListeners(0)
    const boardId = await createBoard(server.running.storage)
    const clients: Client[] = []
    for (let i = 0; i < CLIENTS; i += 10) {
      const batch = Array.from({ length: 10 }, () => connectClient(server.syncUrl, boardId))
      await waitFor(() => batch.every((c) => c.provider.synced), 'a batch synced', 30_000)
      clients.push(...batch)
    }
    const movers = clients.slice(0, MOVERS)
    const drawers = clients.slice(MOVERS, MOVERS + DRAWERS)
    clients.forEach((c, i) => c.provider.awareness.setLocalState({ user: { name: `p${i}` }, presence: { cursor: { x: 0, y: 0 }, seq: 0 } }))
    await waitFor(() => clients.every((c) => c.provider.awareness.getStates().size === CLIENTS), 'everyone sees everyone', 30_000)

    const strokes = (c: Client) => c.doc.getArray<number>('strokes')
    const watcher = clients[CLIENTS - 1]
    const strokesSeen: number[] = []
    let seq = 0
    let drawn = 0
    const ticksPerDraw = MOVE_HZ / DRAW_HZ
    const started = performance.now()
    const total = SECONDS * MOVE_HZ
    let hostileClosed: Promise<{ code: number }> | undefined
    // Absolute schedule: one tick per 1/60 s, each moving every mover once (timer drift does not lower the rate).
    while (seq < total) {
      seq++
      for (let m = 0; m < MOVERS; m++) {
        movers[m].provider.awareness.setLocalState({ user: { name: `p${m}` }, presence: { cursor: { x: seq, y: m }, seq } } satisfies Cursor)
      }
      if (seq % ticksPerDraw === 0) {
        for (const d of drawers) strokes(d).push([drawn++])
      }
      if (seq % (MOVE_HZ * 10) === 0) strokesSeen.push(strokes(watcher).length)
      if (seq === MOVE_HZ * 5) {
        // A hostile connection in the middle of it: new states as fast as it can send them.
        const hostile = await openRaw(server.syncUrl, boardId)
        for (let c = 1; c <= 5_000; c++) hostile.ws.send(floodFrame(c))
        hostileClosed = hostile.closed
      }
      const wait = started + (seq * 1000) / MOVE_HZ - performance.now()
      if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    }

    // Every client ends with every mover's last cursor.
    const last = (c: Client, m: Client) => (c.provider.awareness.getStates().get(m.doc.clientID) as Cursor | undefined)?.presence.seq
    await waitFor(() => clients.every((c) => movers.every((m) => m === c || last(c, m) === seq)), "every mover's last cursor everywhere", 30_000)
    // Every edit reaches everyone.
    await waitFor(() => clients.every((c) => strokes(c).length === drawn), 'every edit everywhere', 30_000)
    // …and kept arriving while the cursors moved: each 10 s the watcher had more than before.
    for (let i = 1; i < strokesSeen.length; i++) expect(strokesSeen[i]).toBeGreaterThan(strokesSeen[i - 1])

    for (const c of clients) expect(c.closeCodes).toEqual([])
    expect(clients.every((c) => c.provider.wsconnected)).toBe(true)
    expect((await hostileClosed!).code).toBe(CloseCode.rateLimited)
    expect(watcher.provider.awareness.getStates().has(987_654)).toBe(false)
  }, (SECONDS + 50) * 1000)
})
