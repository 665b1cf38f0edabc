/**
 * Presence is owned and bounded and cheap: raw y-protocols awareness
 * frames over raw sockets against the real server, real y-websocket clients watching.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as decoding from 'lib0/decoding'
import { CloseCode, MessageType } from '../../src/shared/protocol.js'
import { sendOwnPresenceOnly } from '../../src/sync/ownPresenceOnly.js'
import type { Authorize } from '../../server/sync/authorize.js'
import {
  awarenessFrame, connectClient, createBoard, destroyAllClients, openRaw, startSeamedServer, synced, waitFor,
  type Announce, type Client, type RawSocket, type SeamedServer,
} from './syncTestKit.js'

/** The states an awareness message carries. */
function statesOf(message: Uint8Array): Announce[] {
  const d = decoding.createDecoder(message)
  decoding.readVarUint(d)
  const u = decoding.createDecoder(decoding.readVarUint8Array(d))
  const n = decoding.readVarUint(u)
  const out: Announce[] = []
  for (let i = 0; i < n; i++) out.push({ id: decoding.readVarUint(u), clock: decoding.readVarUint(u), state: JSON.parse(decoding.readVarString(u)) as Announce['state'] })
  return out
}

/** A raw socket that never answers pings: a connection whose other end is gone (half-open TCP). */
async function openDeaf(syncUrl: string, boardId: string): Promise<RawSocket> {
  const ws = new WebSocket(`${syncUrl}/${boardId}`, { autoPong: false })
  const messages: Uint8Array[] = []
  ws.on('message', (data) => messages.push(new Uint8Array(data as Buffer)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject) })
  return { ws, messages, closed }
}

const nameOf = (c: Client, id: number) => (c.provider.awareness.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name

/** Read-only for `?role=viewer`, like a resident's link while drawing is closed. */
const byRole: Authorize = async (req) => {
  const readOnly = new URL(req.url ?? '', 'http://x').searchParams.get('role') === 'viewer'
  return { canWrite: () => !readOnly }
}

describe('presence is owned and bounded', () => {
  let server: SeamedServer
  afterEach(async () => {
    destroyAllClients()
    await server?.stop()
  })

  it('refuses 200,000 fake users from a read-only link: nobody sees them, a newcomer gets a few hundred bytes', async () => {
    server = await startSeamedServer({ authorize: byRole })
    const boardId = await createBoard(server.running.storage)
    const a = connectClient(server.syncUrl, boardId)
    const b = connectClient(server.syncUrl, boardId)
    await Promise.all([synced(a), synced(b)])
    a.provider.awareness.setLocalState({ user: { name: 'A' } })
    b.provider.awareness.setLocalState({ user: { name: 'B' } })
    await waitFor(() => nameOf(a, b.doc.clientID) === 'B' && nameOf(b, a.doc.clientID) === 'A', 'a and b see each other')
    const before = server.running.sync.presenceStats(boardId)!
    expect(before.states).toBe(2)

    // 40 frames of 5,000 users each (≈ 45 KB, under MAX_AWARENESS_BYTES): 200,000 fake people,
    // half of them sent all at once on one connection, the other half one frame per connection.
    const frames = Array.from({ length: 40 }, (_, f) =>
      awarenessFrame(Array.from({ length: 5_000 }, (_, i) => ({ id: 1_000_000 + f * 5_000 + i, clock: 1, state: {} }))))
    const seenFake: number[] = []
    b.provider.awareness.on('change', ({ added }: { added: number[] }) => seenFake.push(...added.filter((id) => id >= 1_000_000)))
    const burst = await openRaw(server.syncUrl, `${boardId}?role=viewer`)
    for (const f of frames.slice(0, 20)) burst.ws.send(f)
    const singles = await Promise.all(frames.slice(20).map(async (f) => {
      const raw = await openRaw(server.syncUrl, `${boardId}?role=viewer`)
      raw.ws.send(f)
      return raw
    }))
    for (const raw of [burst, ...singles]) {
      const closed = await raw.closed
      expect(closed.code).toBe(CloseCode.tooLarge)
      expect(closed.reason).toMatch(/presence for more than 4 users/i)
    }

    // Everything the flood sent was handled before a's next change reaches b (one connection's
    // frames are handled in order, and the attackers were closed before this).
    a.provider.awareness.setLocalState({ user: { name: 'A2' } })
    await waitFor(() => nameOf(b, a.doc.clientID) === 'A2', 'a later change still reaches b')
    expect(seenFake).toEqual([])
    expect([...b.provider.awareness.getStates().keys()].sort()).toEqual([a.doc.clientID, b.doc.clientID].sort())
    const after = server.running.sync.presenceStats(boardId)!
    expect(after.states).toBe(2)
    expect(after.greetingBytes).toBeLessThan(before.greetingBytes + 16)

    const newcomer = await openRaw(server.syncUrl, `${boardId}?role=viewer`)
    await waitFor(() => newcomer.messages.some((m) => m[0] === MessageType.awareness), 'newcomer greeted')
    const greeting = newcomer.messages.find((m) => m[0] === MessageType.awareness)!
    expect(greeting.byteLength).toBeLessThan(200)
    expect(statesOf(greeting).map((s) => s.id).sort()).toEqual([a.doc.clientID, b.doc.clientID].sort())
    expect(a.closeCodes).toEqual([])
    expect(b.closeCodes).toEqual([])
  })

  it('lets a connection hold at most 4 client ids and a board MAX_PRESENCE_PER_BOARD states', async () => {
    server = await startSeamedServer({}, { maxPresencePerBoard: 6 })
    const boardId = await createBoard(server.running.storage)
    const watcher = connectClient(server.syncUrl, boardId)
    await synced(watcher)
    watcher.provider.awareness.setLocalState(null)

    const five = await openRaw(server.syncUrl, boardId)
    five.ws.send(awarenessFrame([1, 2, 3, 4, 5].map((id) => ({ id, clock: 1, state: { user: { name: `p${id}` } } }))))
    expect((await five.closed).code).toBe(CloseCode.tooLarge)

    // One at a time is the same: the fifth id is refused and the connection closed.
    const drip = await openRaw(server.syncUrl, boardId)
    for (const id of [11, 12, 13, 14, 15]) drip.ws.send(awarenessFrame([{ id, clock: 1, state: { user: { name: `d${id}` } } }]))
    expect((await drip.closed).code).toBe(CloseCode.tooLarge)

    // Three tools with four pointers each: the board shows six states, the rest are not shown, and
    // nobody is cut off for it.
    const tools = await Promise.all([0, 1, 2].map(() => openRaw(server.syncUrl, boardId)))
    tools.forEach((t, k) => t.ws.send(awarenessFrame([1, 2, 3, 4].map((i) => ({ id: 100 + k * 10 + i, clock: 1, state: { user: { name: `t${k}.${i}` } } })))))
    await waitFor(() => server.running.sync.presenceStats(boardId)!.states === 6, 'six states held')
    const marker = connectClient(server.syncUrl, boardId)
    await synced(marker)
    marker.provider.awareness.setLocalState({ user: { name: 'marker' } })
    // The board is full: the marker is not shown either, but it is connected and syncs.
    await waitFor(() => watcher.provider.awareness.getStates().size >= 6, 'watcher sees the six')
    expect(server.running.sync.presenceStats(boardId)!.states).toBe(6)
    for (const t of tools) expect(t.ws.readyState).toBe(WebSocket.OPEN)
    expect([...watcher.provider.awareness.getStates().keys()].filter((id) => id >= 11 && id <= 15)).toEqual([])
    // Leaving frees the places: one tool goes, the marker's next renewal is shown.
    tools[0].ws.close()
    await waitFor(() => server.running.sync.presenceStats(boardId)!.states === 2, 'the tool\'s four states removed')
    marker.provider.awareness.setLocalState({ user: { name: 'marker 2' } })
    await waitFor(() => nameOf(watcher, marker.doc.clientID) === 'marker 2', 'the marker is shown once there is room')
  })

  it("does not let a live connection's client id be taken: another connection cannot move, rename or remove that cursor", async () => {
    server = await startSeamedServer({}, { presenceTakeoverMs: 300 })
    const boardId = await createBoard(server.running.storage)
    const victim = connectClient(server.syncUrl, boardId)
    const watcher = connectClient(server.syncUrl, boardId)
    await Promise.all([synced(victim), synced(watcher)])
    victim.provider.awareness.setLocalState({ user: { name: '王阿姨' }, cursor: { x: 1, y: 1 } })
    await waitFor(() => nameOf(watcher, victim.doc.clientID) === '王阿姨', 'watcher sees the victim')
    const names: unknown[] = []
    watcher.provider.awareness.on('change', () => names.push(nameOf(watcher, victim.doc.clientID)))

    const mallory = await openRaw(server.syncUrl, boardId)
    const id = victim.doc.clientID
    const clock = 1_000
    mallory.ws.send(awarenessFrame([{ id, clock, state: { user: { name: 'MALLORY' }, cursor: { x: 999, y: 999 } } }]))
    mallory.ws.send(awarenessFrame([{ id, clock: clock + 1, state: null }]))
    // The victim answers the server's ping: its id stays its own.
    await waitFor(() => server.running.sync.presenceStats(boardId)!.takeovers === 0, 'the take-over was decided')
    mallory.ws.send(awarenessFrame([{ id, clock: clock + 2, state: { user: { name: 'MALLORY again' } } }]))
    await waitFor(() => server.running.sync.presenceStats(boardId)!.takeovers === 0, 'the second take-over was decided')
    victim.provider.awareness.setLocalState({ user: { name: '王阿姨' }, cursor: { x: 2, y: 2 } })
    await waitFor(() => (watcher.provider.awareness.getStates().get(id) as { cursor?: { x: number } } | undefined)?.cursor?.x === 2, 'the victim still moves')
    expect(names.filter((n) => n !== '王阿姨')).toEqual([])
    expect(victim.closeCodes).toEqual([])
    // A newcomer sees the victim's own state.
    const late = connectClient(server.syncUrl, boardId)
    await waitFor(() => nameOf(late, id) === '王阿姨', 'newcomer sees the victim as they are')
  })

  it('hands a client id to its new connection when the old one is gone: at once if closed, after an unanswered ping if half-open', async () => {
    server = await startSeamedServer({}, { presenceTakeoverMs: 300 })
    const boardId = await createBoard(server.running.storage)
    const watcher = connectClient(server.syncUrl, boardId)
    await synced(watcher)
    watcher.provider.awareness.setLocalState(null)

    // Half-open: the old socket never answers pings.
    const old = await openDeaf(server.syncUrl, boardId)
    old.ws.send(awarenessFrame([{ id: 777, clock: 5, state: { user: { name: 'before' } } }]))
    await waitFor(() => nameOf(watcher, 777) === 'before', 'watcher sees the old connection\'s state')
    const reconnected = await openRaw(server.syncUrl, boardId)
    reconnected.ws.send(awarenessFrame([{ id: 777, clock: 6, state: { user: { name: 'after' } } }]))
    await waitFor(() => nameOf(watcher, 777) === 'after', 'the new connection took the id over')
    expect((await old.closed).code).toBe(1006)
    // The old connection's end does not remove the state its successor now holds.
    expect(server.running.sync.presenceStats(boardId)!.states).toBe(1)
    reconnected.ws.send(awarenessFrame([{ id: 777, clock: 7, state: { user: { name: 'after 2' } } }]))
    await waitFor(() => nameOf(watcher, 777) === 'after 2', 'the new holder keeps moving')

    // A real client of ours whose socket drops: y-websocket reconnects with the same client id and
    // the cursor is shown again without waiting for a move.
    const person = connectClient(server.syncUrl, boardId)
    sendOwnPresenceOnly(person.provider)
    await synced(person)
    person.provider.awareness.setLocalState({ user: { name: '李老师' } })
    await waitFor(() => nameOf(watcher, person.doc.clientID) === '李老师', 'watcher sees the person')
    ;(person.provider.ws as unknown as WebSocket).terminate()
    await waitFor(() => person.closeCodes.length === 1, 'the socket dropped')
    await waitFor(() => person.provider.wsconnected, 'reconnected')
    await waitFor(() => nameOf(watcher, person.doc.clientID) === '李老师' && server.running.sync.presenceStats(boardId)!.states === 2, 'shown again after the reconnect')
  })

  it("keeps a stock newcomer connected when it echoes a greeting larger than MAX_AWARENESS_BYTES", async () => {
    server = await startSeamedServer({}, { maxAwarenessBytes: 1024 })
    const boardId = await createBoard(server.running.storage)
    const tools = await Promise.all([0, 1, 2, 3].map(() => openRaw(server.syncUrl, boardId)))
    tools.forEach((t, k) => t.ws.send(awarenessFrame([1, 2, 3, 4].map((i) => ({ id: 200 + k * 10 + i, clock: 1, state: { user: { name: 'x'.repeat(200) } } })))))
    await waitFor(() => server.running.sync.presenceStats(boardId)!.greetingBytes > 2048, 'a greeting over 1 KiB')
    // A stock client sends the whole greeting back in one message: an echo, not a too-large state.
    const newcomer = connectClient(server.syncUrl, boardId)
    await synced(newcomer)
    await waitFor(() => newcomer.provider.awareness.getStates().size >= 17, 'newcomer sees everyone')
    newcomer.provider.awareness.setLocalState({ user: { name: 'new' } })
    const watcher = connectClient(server.syncUrl, boardId)
    await waitFor(() => nameOf(watcher, newcomer.doc.clientID) === 'new', 'the newcomer is still there')
    expect(newcomer.closeCodes).toEqual([])
  })

  it('keeps echoed presence out of the flood budget, relays on a tick, and still cuts off a flood', async () => {
    server = await startSeamedServer({}, { syncMessagesPerSecond: 50, syncMessageBurst: 100 })
    const boardId = await createBoard(server.running.storage)
    const watcher = await openRaw(server.syncUrl, boardId)
    const mover = connectClient(server.syncUrl, boardId)
    await synced(mover)
    mover.provider.awareness.setLocalState({ user: { name: 'mover' }, n: 0 })
    await waitFor(() => watcher.messages.some((m) => m[0] === MessageType.awareness && statesOf(m).some((s) => s.id === mover.doc.clientID)), 'watcher sees the mover')

    // 90 echoes of the mover's state (what a stock client sends back), then 60 states of its own:
    // 150 messages, over the burst of 100, but the echoes are counted in a bucket of their own.
    const clock = mover.provider.awareness.meta.get(mover.doc.clientID)!.clock
    const echo = awarenessFrame([{ id: mover.doc.clientID, clock, state: { user: { name: 'mover' }, n: 0 } }])
    for (let i = 0; i < 90; i++) watcher.ws.send(echo)
    for (let c = 1; c <= 60; c++) watcher.ws.send(awarenessFrame([{ id: 5555, clock: c, state: { user: { name: 'watcher' }, c } }]))

    // 60 moves in one go: relayed as far fewer frames, the last state among them.
    const framesBefore = watcher.messages.length
    for (let n = 1; n <= 60; n++) mover.provider.awareness.setLocalStateField('n', n)
    await waitFor(() => watcher.messages.slice(framesBefore).some((m) => m[0] === MessageType.awareness && statesOf(m).some((s) => (s.state as { n?: number } | null)?.n === 60)), 'the last move arrives')
    const frames = watcher.messages.slice(framesBefore).filter((m) => m[0] === MessageType.awareness).length
    expect(frames).toBeLessThan(60)
    expect(watcher.ws.readyState).toBe(WebSocket.OPEN)
    expect(mover.closeCodes).toEqual([])

    // A flood of new states (own id, newer clock each time) is still a flood.
    const hostile = await openRaw(server.syncUrl, boardId)
    for (let c = 1; c <= 1_000; c++) hostile.ws.send(awarenessFrame([{ id: 4242, clock: c, state: { user: { name: 'flood' } } }]))
    expect((await hostile.closed).code).toBe(CloseCode.rateLimited)
    // So is a flood of echoes past their own bucket.
    for (let i = 0; i < 3_000 && watcher.ws.readyState === WebSocket.OPEN; i++) watcher.ws.send(echo)
    expect((await watcher.closed).code).toBe(CloseCode.rateLimited)
    expect(mover.closeCodes).toEqual([])
  })
})
