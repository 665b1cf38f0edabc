/**
 * A cursor id held on another instance (REDIS_URL): a claim on it from a connection here is decided
 * by the holder's instance (server/sync/relay/RemoteProbes.ts), as a claim on a connection here is
 * decided by a ping. BoardPresence on its own, with peers in memory and the question and answer
 * carried by hand: alive keeps the id where it is, gone moves it at once, silence (a dead instance)
 * moves it after the takeover time; and the answering side pings its own connection.
 */
import * as decoding from 'lib0/decoding'
import { afterEach, describe, expect, it } from 'vitest'
import { BoardPresence, DEFAULT_PRESENCE_LIMITS } from '../../server/sync/BoardPresence.js'
import type { BoardPeer } from '../../server/sync/BoardPeer.js'
import type { Frame } from '../../server/sync/Frame.js'
import { RemoteProbes } from '../../server/sync/relay/RemoteProbes.js'
import { awarenessUpdate, waitFor } from './syncTestKit.js'

const TAKEOVER_MS = 300
const OTHER = 'aaaaaaaaaaaaaaaa'

/** A connection of this instance: answers pings or not, records what it is sent. */
class Peer implements BoardPeer {
  readonly boardId = 'b'
  readonly grant = { canWrite: () => true }
  readonly awarenessIds = new Set<number>()
  readonly sent: Uint8Array[] = []
  isOpen = true
  terminated = false
  constructor(private readonly answersPings = true) {}
  send(data: Uint8Array): void { this.sent.push(data) }
  sendFrame(frame: Frame): void { this.sent.push(frame.payload) }
  cork(): void {}
  uncork(): void {}
  close(): void { this.isOpen = false }
  probe(onAlive: () => void): void { if (this.answersPings) queueMicrotask(onAlive) }
  cancelProbe(): void {}
  terminate(): void {
    this.terminated = true
    this.isOpen = false
  }
}

const presences: BoardPresence[] = []
afterEach(() => {
  for (const p of presences.splice(0)) p.destroy()
})

function setup() {
  const connections = new Set<BoardPeer>()
  const asked: { to: string; clientId: number; nonce: number }[] = []
  const probes = new RemoteProbes((to, clientId, nonce) => asked.push({ to, clientId, nonce }))
  const presence = new BoardPresence({
    boardId: 'b', limits: { ...DEFAULT_PRESENCE_LIMITS, relayMs: 0, takeoverMs: TAKEOVER_MS },
    maxBytesPerConnection: 10_000, connections, log: () => {}, probes,
  })
  presences.push(presence)
  const join = (peer: Peer) => {
    connections.add(peer)
    return peer
  }
  /** The name each id shows, as a newcomer is greeted. */
  const names = () => {
    const newcomer = new Peer()
    presence.sendAll(newcomer)
    const out = new Map<number, string | null>()
    for (const message of newcomer.sent) {
      const d = decoding.createDecoder(message)
      decoding.readVarUint(d)
      const u = decoding.createDecoder(decoding.readVarUint8Array(d))
      const n = decoding.readVarUint(u)
      for (let i = 0; i < n; i++) {
        const id = decoding.readVarUint(u)
        decoding.readVarUint(u)
        out.set(id, (JSON.parse(decoding.readVarString(u)) as { user?: { name?: string } } | null)?.user?.name ?? null)
      }
    }
    return out
  }
  // Someone on the other instance holds id 7.
  presence.receiveElsewhere(awarenessUpdate([{ id: 7, clock: 3, state: { user: { name: '王阿姨' } } }]), OTHER)
  return { presence, probes, asked, join, names }
}

describe('a cursor id held on another instance', () => {
  it('stays with its holder when her instance answers that she is alive: the claim is dropped', async () => {
    const { presence, probes, asked, join, names } = setup()
    const mallory = join(new Peer())
    presence.receive(mallory, awarenessUpdate([{ id: 7, clock: 100, state: { user: { name: 'MALLORY' } } }]))
    expect(asked).toEqual([{ to: OTHER, clientId: 7, nonce: asked[0]?.nonce }])
    expect(presence.stats().takeovers).toBe(1)
    probes.answered(asked[0].nonce, true)
    expect(presence.stats().takeovers).toBe(0)
    // Long after the takeover time, still hers.
    await new Promise((resolve) => setTimeout(resolve, TAKEOVER_MS * 2))
    expect(names().get(7)).toBe('王阿姨')
    expect(mallory.awarenessIds.has(7)).toBe(false)
    expect(probes.size).toBe(0)
  })

  it('moves at once when her instance answers that her connection is gone', () => {
    const { presence, probes, asked, join, names } = setup()
    const back = join(new Peer())
    presence.receive(back, awarenessUpdate([{ id: 7, clock: 4, state: { user: { name: '王阿姨 (back)' } } }]))
    probes.answered(asked[0].nonce, false)
    expect(names().get(7)).toBe('王阿姨 (back)')
    expect(back.awarenessIds.has(7)).toBe(true)
    expect(presence.stats().takeovers).toBe(0)
  })

  it('moves after the takeover time when her instance says nothing (it died); a late or forged answer changes nothing', async () => {
    const { presence, probes, asked, join, names } = setup()
    const back = join(new Peer())
    const claimed = Date.now()
    presence.receive(back, awarenessUpdate([{ id: 7, clock: 4, state: { user: { name: 'back' } } }]))
    expect(names().get(7)).toBe('王阿姨')
    await waitFor(() => names().get(7) === 'back', 'the id moved', 5_000)
    expect(Date.now() - claimed).toBeGreaterThanOrEqual(TAKEOVER_MS - 20)
    expect(probes.size).toBe(0)
    probes.answered(asked[0].nonce, true)
    probes.answered(12345, true)
    expect(names().get(7)).toBe('back')
  })
})

describe('answering another instance about a connection here', () => {
  it('alive when the connection answers a ping; gone when nothing here holds the id; gone, and cut off, when it is silent', async () => {
    const { presence, join } = setup()
    const alive = join(new Peer(true))
    const silent = join(new Peer(false))
    presence.receive(alive, awarenessUpdate([{ id: 21, clock: 1, state: { user: { name: 'a' } } }]))
    presence.receive(silent, awarenessUpdate([{ id: 22, clock: 1, state: { user: { name: 's' } } }]))
    const answer = (id: number) => new Promise<boolean>((resolve) => presence.answerProbe(id, resolve))
    expect(await answer(21)).toBe(true)
    expect(await answer(99)).toBe(false)
    // Another instance's person is not this instance's to vouch for.
    expect(await answer(7)).toBe(false)
    const asked = Date.now()
    expect(await answer(22)).toBe(false)
    expect(Date.now() - asked).toBeGreaterThanOrEqual(TAKEOVER_MS - 20)
    expect(silent.terminated).toBe(true)
    expect(alive.terminated).toBe(false)
  })
})
