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
    probes.answered(asked[0].nonce, OTHER, 7, true)
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
    // An answer from another instance, or about another id, is not the answer.
    probes.answered(asked[0].nonce, 'bbbbbbbbbbbbbbbb', 7, false)
    probes.answered(asked[0].nonce, OTHER, 8, false)
    expect(names().get(7)).toBe('王阿姨')
    probes.answered(asked[0].nonce, OTHER, 7, false)
    expect(names().get(7)).toBe('王阿姨 (back)')
    expect(back.awarenessIds.has(7)).toBe(true)
    expect(presence.stats().takeovers).toBe(0)
  })

  it('does not go to a claim that waited while a third instance took the id', () => {
    const { presence, probes, asked, join, names } = setup()
    const back = join(new Peer())
    presence.receive(back, awarenessUpdate([{ id: 7, clock: 4, state: { user: { name: 'claim' } } }]))
    // Meanwhile the person shows up on a third instance, with a newer state.
    presence.receiveElsewhere(awarenessUpdate([{ id: 7, clock: 9, state: { user: { name: '王阿姨 on C' } } }]), 'cccccccccccccccc')
    probes.answered(asked[0].nonce, OTHER, 7, false)
    expect(names().get(7)).toBe('王阿姨 on C')
    expect(back.awarenessIds.has(7)).toBe(false)
  })

  it('moves after the takeover time when her instance says nothing (it died); a late or forged answer changes nothing', async () => {
    const { presence, probes, asked, join, names } = setup()
    const back = join(new Peer())
    const claimed = Date.now()
    presence.receive(back, awarenessUpdate([{ id: 7, clock: 4, state: { user: { name: 'back' } } }]))
    expect(names().get(7)).toBe('王阿姨')
    await waitFor(() => names().get(7) === 'back', 'the id moved', 5_000)
    // The takeover time plus a margin for the question and answer to cross Redis.
    expect(Date.now() - claimed).toBeGreaterThanOrEqual(TAKEOVER_MS + 2_000 - 20)
    expect(probes.size).toBe(0)
    probes.answered(asked[0].nonce, OTHER, 7, true)
    probes.answered(12345, OTHER, 7, true)
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
    // Held here for a third instance's person: not this instance's to give away.
    expect(await answer(7)).toBe(true)
    const asked = Date.now()
    expect(await answer(22)).toBe(false)
    expect(Date.now() - asked).toBeGreaterThanOrEqual(TAKEOVER_MS - 20)
    expect(silent.terminated).toBe(true)
    expect(alive.terminated).toBe(false)
  })
})

describe('another instance\'s state for an id a connection here holds', () => {
  it('waits for that connection: a live one keeps its id, a silent one is cut off and the state is taken', async () => {
    const { presence, join, names } = setup()
    const alive = join(new Peer(true))
    const silent = join(new Peer(false))
    presence.receive(alive, awarenessUpdate([{ id: 31, clock: 1, state: { user: { name: 'here' } } }]))
    presence.receive(silent, awarenessUpdate([{ id: 32, clock: 1, state: { user: { name: 'old' } } }]))
    // A client on the other instance claims 31 (that instance did not know it was taken); the person
    // of 32 moved there, her old connection here half-open.
    presence.receiveElsewhere(awarenessUpdate([
      { id: 31, clock: 50, state: { user: { name: 'MALLORY' } } },
      { id: 32, clock: 2, state: { user: { name: 'moved' } } },
    ]), OTHER)
    expect(names().get(31)).toBe('here')
    expect(names().get(32)).toBe('old')
    await waitFor(() => names().get(32) === 'moved', 'the silent holder\'s id taken', 5_000)
    expect(silent.terminated).toBe(true)
    expect(names().get(31)).toBe('here')
    expect(alive.awarenessIds.has(31)).toBe(true)
    // The live holder keeps moving.
    presence.receive(alive, awarenessUpdate([{ id: 31, clock: 2, state: { user: { name: 'here, moved' } } }]))
    expect(names().get(31)).toBe('here, moved')
  })
})
