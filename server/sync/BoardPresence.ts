/**
 * One board's presence (y-protocols awareness: cursor, name, colour per client id), owned, bounded and
 * relayed on a tick (docs/protocol.md, "Presence").
 *
 * - **Owned.** A client id belongs to the connection that announced it first; another connection's
 *   state for it is never applied. A reconnecting client (same id, new connection) takes it over at
 *   once when the old connection is closed or closing, and otherwise once the old one has failed to
 *   answer a ping within `takeoverMs`.
 * - **Bounded.** A connection holds at most MAX_IDS_PER_CONNECTION ids and `maxBytesPerConnection`
 *   bytes of state (an offender is closed with 4413, nothing of its message applied); a board holds at
 *   most `maxStates` states (a newcomer beyond it is shown to nobody; its connection stays).
 * - **Echoes are free.** An entry whose clock is not newer than the one held for that id (a stock
 *   y-websocket client sends back every change it receives) is dropped after reading two varUints;
 *   `isEcho` lets the server keep such messages out of the flood budget.
 * - **Relayed on a tick.** Accepted changes are relayed at most once per `relayMs`, each id's latest
 *   state only, in one frame written to every connection, so presence traffic grows with the number
 *   of people moving, not with their square.
 *
 * No y-protocols Awareness here: the server keeps each state as the bytes it relays (never re-encoded)
 * and forgets a removed id after a while, where Awareness would keep every id it ever saw.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { CloseCode, MessageType } from '../../src/shared/protocol.js'
import type { BoardPeer } from './BoardPeer.js'
import { Frame } from './Frame.js'
import { BadMessageError } from './handleMessage.js'
import { RemotePeer } from './relay/RemotePeer.js'
import type { RemoteProbes } from './relay/RemoteProbes.js'
import { stampAwareness } from './stampAwareness.js'

export interface PresenceLimits {
  /** Most presence states one board holds (MAX_PRESENCE_PER_BOARD). */
  maxStates: number
  /** Shortest interval between two relays of a board's presence (PRESENCE_RELAY_MS). */
  relayMs: number
  /** How long the holder of a client id has to answer a ping before another connection takes the id over (PRESENCE_TAKEOVER_MS). */
  takeoverMs: number
  /**
   * Presence bytes a second each connection is sent at most (PRESENCE_BYTES_PER_SECOND; 0 = no cap):
   * after a relay of B bytes the next waits at least B / this seconds, so when many people move at
   * once each cursor updates a little less often instead of a phone's download growing with the room.
   */
  bytesPerSecond?: number
}

export const DEFAULT_PRESENCE_LIMITS: PresenceLimits = { maxStates: 500, relayMs: 50, takeoverMs: 10_000, bytesPerSecond: 16 * 1024 }

/**
 * Client ids one connection may hold. A browser tab has one (its Y.Doc's); a few more leave room for
 * a tool that shows several pointers, not for a script that invents people.
 */
export const MAX_IDS_PER_CONNECTION = 4

/**
 * How much longer than `takeoverMs` this instance waits for another instance's answer about its
 * connection (RemoteProbes): that instance gives its connection `takeoverMs` to answer a ping, and
 * the question and the answer each cross Redis. Without the margin a ping answered just in time
 * would arrive after the id had moved.
 */
const REMOTE_ANSWER_MARGIN_MS = 2_000

/** A state not renewed for this long is removed (clients renew every 15 s; y-protocols' own timeout). */
const OUTDATED_MS = 30_000
/** How long the clock of a removed id is remembered, so a late echo of its last state is known as stale. */
const TOMBSTONE_MS = 60_000
const SWEEP_MS = 10_000

export interface PresenceOptions {
  boardId: string
  limits: PresenceLimits
  /** Bytes of presence state one connection may hold (MAX_AWARENESS_BYTES). */
  maxBytesPerConnection: number
  /** The board's connections: every relay goes to them. */
  connections: ReadonlySet<BoardPeer>
  log: (line: string) => void
  /** Hands each relay tick's changes of this instance's people to other instances (REDIS_URL); absent: one instance. */
  publish?: (update: Uint8Array) => void
  /** Asks other instances whether the connection holding an id is alive (REDIS_URL); absent: one instance. */
  probes?: RemoteProbes
}

/** A state as held: `wire` is the entry exactly as relayed (varUint id, varUint clock, varString JSON). */
interface Held { clock: number; wire: Uint8Array; owner: BoardPeer; at: number }
interface Removed { clock: number; wire: Uint8Array; at: number }
interface Takeover { from: BoardPeer; owner: BoardPeer; state: Held | null; timer: NodeJS.Timeout; onPong: () => void }
interface HolderPing { owner: BoardPeer; waiters: ((alive: boolean) => void)[]; timer: NodeJS.Timeout; onPong: () => void; settle: (alive: boolean, cut: boolean) => void }

/** One entry of an awareness update, located in its bytes; the JSON is not decoded. */
interface Entry { id: number; clock: number; start: number; end: number }

/** The entries of an awareness update (varUint count, then id, clock, varString state each). */
function entriesOf(update: Uint8Array): Entry[] {
  try {
    const d = decoding.createDecoder(update)
    const count = decoding.readVarUint(d)
    const entries: Entry[] = []
    for (let i = 0; i < count; i++) {
      const start = d.pos
      const id = decoding.readVarUint(d)
      const clock = decoding.readVarUint(d)
      const len = decoding.readVarUint(d)
      if (d.pos + len > update.length) throw new Error('state runs past the end')
      d.pos += len
      entries.push({ id, clock, start, end: d.pos })
    }
    return entries
  } catch (err) {
    throw new BadMessageError('Invalid awareness update', { cause: err })
  }
}

/** The JSON state of one entry (throws on bytes that are not JSON). */
function stateOf(update: Uint8Array, entry: Entry): unknown {
  const d = decoding.createDecoder(update.subarray(entry.start, entry.end))
  decoding.readVarUint(d)
  decoding.readVarUint(d)
  return JSON.parse(decoding.readVarString(d))
}

function updateOf(wires: Uint8Array[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, wires.length)
  for (const w of wires) encoding.writeUint8Array(e, w)
  return encoding.toUint8Array(e)
}

function messageOf(wires: Uint8Array[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.awareness)
  encoding.writeVarUint8Array(e, updateOf(wires))
  return encoding.toUint8Array(e)
}

function removalWire(id: number, clock: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, id)
  encoding.writeVarUint(e, clock)
  encoding.writeVarString(e, 'null')
  return encoding.toUint8Array(e)
}

export interface PresenceStats {
  /** States present (shown to a newcomer). */
  states: number
  /** Bytes a newcomer's first presence message carries. */
  greetingBytes: number
  /** Removed ids whose clock is remembered. */
  removed: number
  /** Take-overs waiting for the old holder's pong. */
  takeovers: number
}

export class BoardPresence {
  private readonly held = new Map<number, Held>()
  private readonly removed = new Map<number, Removed>()
  private readonly takeovers = new Map<number, Takeover>()
  /** Ids changed since the last relay, and the connections whose states they are. */
  private readonly dirty = new Set<number>()
  private readonly dirtyFrom = new Set<BoardPeer | undefined>()
  /** Dirty ids whose change came from another instance: relayed to this instance's people, not published back. */
  private readonly dirtyElsewhere = new Set<number>()
  /** The people of each other instance (by instance id) whose presence this board holds. */
  private readonly elsewhere = new Map<string, RemotePeer>()
  /** Pings of this instance's connections asked for by other instances' states or questions: one per id. */
  private readonly pings = new Map<number, HolderPing>()
  /** Another instance's state for an id a live connection here holds, waiting for that connection's ping. */
  private readonly heldBack = new Map<number, { peer: RemotePeer; clock: number; state: unknown; wire: Uint8Array }>()
  private relayTimer: NodeJS.Timeout | undefined
  /** When the next relay may go out (relayMs and the byte rate after the last one). */
  private nextRelayAt = 0
  private lastRelay = 0
  private readonly sweepTimer: NodeJS.Timeout
  private fullLogged = false
  /** Bytes of every state and removal held: an honest echo (of a newcomer's greeting) is never larger. */
  private wireBytes = 0

  constructor(private readonly opts: PresenceOptions) {
    this.sweepTimer = setInterval(() => this.sweep(), SWEEP_MS)
    this.sweepTimer.unref()
  }

  /** The largest awareness update a client could echo back: everything held, plus framing. */
  get echoBound(): number {
    return this.wireBytes + 16
  }

  private hold(id: number, h: Held): void {
    this.wireBytes += h.wire.byteLength - (this.held.get(id)?.wire.byteLength ?? 0)
    this.held.set(id, h)
  }

  private unhold(id: number): void {
    this.wireBytes -= this.held.get(id)?.wire.byteLength ?? 0
    this.held.delete(id)
  }

  private unremember(id: number): void {
    this.wireBytes -= this.removed.get(id)?.wire.byteLength ?? 0
    this.removed.delete(id)
  }

  stats(): PresenceStats {
    return {
      states: this.held.size,
      greetingBytes: this.held.size === 0 ? 0 : messageOf([...this.held.values()].map((h) => h.wire)).byteLength,
      removed: this.removed.size,
      takeovers: this.takeovers.size,
    }
  }

  /** The clock held for an id, present or removed. */
  private clockOf(id: number): number | undefined {
    return this.held.get(id)?.clock ?? this.removed.get(id)?.clock
  }

  private isStale(entry: Entry): boolean {
    const clock = this.clockOf(entry.id)
    // y-protocols applies an equal clock only to remove a state; the holder's own removal always
    // increments its clock, so an equal clock is an echo (or a peer's local timeout) either way.
    return clock !== undefined && entry.clock <= clock
  }

  /**
   * Whether `message` (a whole frame) is an awareness message carrying nothing newer than what is
   * held: what stock y-websocket clients send back for every change they receive. Reads ids and
   * clocks only; anything undecodable is "not an echo" and goes the normal way (and is refused there).
   */
  isEcho(message: Uint8Array): boolean {
    if (message[0] !== MessageType.awareness) return false
    try {
      const d = decoding.createDecoder(message)
      decoding.readVarUint(d)
      const entries = entriesOf(decoding.readVarUint8Array(d))
      return entries.every((e) => this.isStale(e))
    } catch {
      return false
    }
  }

  /** Apply a connection's awareness update. Throws BadMessageError (the caller closes the connection). */
  receive(conn: BoardPeer, update: Uint8Array): void {
    const fresh = entriesOf(update).filter((e) => !this.isStale(e))
    if (fresh.length === 0) return
    const accept: Entry[] = []
    const claims: Entry[] = []
    for (const e of fresh) {
      const holder = this.held.get(e.id)?.owner ?? this.takeovers.get(e.id)?.from
      if (holder === conn || conn.awarenessIds.has(e.id)) accept.push(e)
      else if (holder === undefined) claims.push(e)
      else this.contest(conn, update, e)
    }
    if (claims.length > 0) {
      // Security: a connection speaks for the ids it holds and at most a few more. More is a script
      // inventing people (one frame can name thousands): refused whole and the connection closed,
      // so no state of it is ever held, relayed or sent to a newcomer.
      if (conn.awarenessIds.size + this.claimsBy(conn) + claims.length > MAX_IDS_PER_CONNECTION) {
        throw new BadMessageError(`Presence for more than ${MAX_IDS_PER_CONNECTION} users on one connection`, { closeCode: CloseCode.tooLarge })
      }
      let room = this.opts.limits.maxStates - this.held.size
      for (const e of claims) {
        if (room-- <= 0) {
          // Not the newcomer's fault: it stays connected and can draw, it is just not shown.
          if (!this.fullLogged) this.opts.log(`board ${this.opts.boardId}: presence full (${this.opts.limits.maxStates} states); newcomers are not shown`)
          this.fullLogged = true
          break
        }
        accept.push(e)
      }
    }
    if (accept.length === 0) return
    const states = this.prepare(conn, update, accept)
    let bytes = 0
    for (const id of conn.awarenessIds) bytes += this.held.get(id)?.wire.byteLength ?? 0
    for (const s of states) bytes += (s.state?.wire.byteLength ?? 0) - (this.held.get(s.id)?.wire.byteLength ?? 0)
    if (bytes > this.opts.maxBytesPerConnection) {
      throw new BadMessageError(`Presence (awareness) state larger than ${this.opts.maxBytesPerConnection} bytes`, { closeCode: CloseCode.tooLarge })
    }
    for (const s of states) this.set(conn, s.id, s.clock, s.state)
  }

  /** Stamped (when the server knows who is on `conn`), checked to be JSON, ready to hold. */
  private prepare(conn: BoardPeer, update: Uint8Array, entries: Entry[]): { id: number; clock: number; state: Held | null }[] {
    const sub = updateOf(entries.map((e) => update.subarray(e.start, e.end)))
    let checked: Uint8Array
    try {
      // Security: a connection whose person the server knows cannot show another name or role.
      const identity = conn.grant.identity
      checked = identity ? stampAwareness(sub, identity) : sub
    } catch (err) {
      throw new BadMessageError('Invalid awareness update', { cause: err })
    }
    const now = Date.now()
    return entriesOf(checked).map((e) => {
      let state: unknown
      try {
        // Why parse even unstamped states: every client JSON.parses what we relay, and one bad
        // state would break presence for the whole board.
        state = stateOf(checked, e)
      } catch (err) {
        throw new BadMessageError('Invalid awareness update', { cause: err })
      }
      const wire = checked.slice(e.start, e.end)
      return { id: e.id, clock: e.clock, state: state === null ? null : { clock: e.clock, wire, owner: conn, at: now } }
    })
  }

  private set(conn: BoardPeer, id: number, clock: number, state: Held | null): void {
    if (state === null) {
      this.forget(id, clock)
      conn.awarenessIds.delete(id)
    } else {
      this.hold(id, state)
      this.unremember(id)
      conn.awarenessIds.add(id)
    }
    this.markDirty(id, conn)
  }

  /** Remove a held state: others are sent a removal at the same clock (as y-protocols does). */
  private forget(id: number, clock: number): void {
    this.unhold(id)
    this.unremember(id) // re-inserted last, so the map stays in removal order
    const wire = removalWire(id, clock)
    this.removed.set(id, { clock, wire, at: Date.now() })
    this.wireBytes += wire.byteLength
    // Memory bound: removed ids are only remembered up to the board's cap of present ones.
    while (this.removed.size > this.opts.limits.maxStates) this.unremember(this.removed.keys().next().value!)
  }

  private claimsBy(conn: BoardPeer): number {
    let n = 0
    for (const t of this.takeovers.values()) if (t.from === conn) n++
    return n
  }

  /**
   * `conn` sent a newer state for an id another connection holds. Security / lifecycle edge: this is
   * either the same client back on a new connection before the server saw the old one end (y-websocket
   * reuses its doc's client id), or someone moving another person's cursor. The old connection decides:
   * closed or closing, the id moves now; open, it is pinged, and the id moves only if no pong comes
   * within takeoverMs (the old connection is then cut off: it was dead). A live holder keeps its id,
   * and the contender's state is dropped.
   */
  private contest(conn: BoardPeer, update: Uint8Array, e: Entry): void {
    const pending = this.takeovers.get(e.id)
    const owner = pending?.owner ?? this.held.get(e.id)!.owner
    if (pending && pending.from !== conn) return // someone else is already waiting for this id
    if (!pending && conn.awarenessIds.size + this.claimsBy(conn) + 1 > MAX_IDS_PER_CONNECTION) {
      throw new BadMessageError(`Presence for more than ${MAX_IDS_PER_CONNECTION} users on one connection`, { closeCode: CloseCode.tooLarge })
    }
    const [prepared] = this.prepare(conn, update, [e])
    if (pending) {
      pending.state = prepared.state
      return
    }
    if (prepared.state === null) return // a peer's local timeout of someone else: nothing to take over
    if (!owner.isOpen) {
      this.transfer(e.id, owner, conn, prepared.state)
      return
    }
    const onPong = () => {
      // The holder is alive: the id stays with it.
      const t = this.takeovers.get(e.id)
      if (t?.owner !== owner) return
      clearTimeout(t.timer)
      this.takeovers.delete(e.id)
      this.opts.log(`board ${this.opts.boardId}: refused presence for a client id held by another live connection`)
    }
    // No pong in time, or (another instance's connection) its instance says it is gone: the id moves.
    const handOver = () => {
      const t = this.takeovers.get(e.id)
      if (t?.owner !== owner) return
      clearTimeout(t.timer)
      owner.cancelProbe(onPong)
      this.takeovers.delete(e.id)
      this.transfer(e.id, owner, t.from, t.state)
      owner.terminate()
    }
    const wait = this.opts.limits.takeoverMs + (owner instanceof RemotePeer ? REMOTE_ANSWER_MARGIN_MS : 0)
    const timer = setTimeout(handOver, wait)
    timer.unref()
    this.takeovers.set(e.id, { from: conn, owner, state: prepared.state, timer, onPong })
    // A peer that cannot even be probed is gone; the timer hands the id over.
    owner.probe(onPong, e.id, handOver)
  }

  /**
   * Another instance asks whether the connection here that holds `id` is alive (someone there claims
   * the id: relay/RemoteProbes.ts). Answered as this instance decides a claim of its own: alive when
   * the holder answers a ping within the takeover time; gone when nothing here holds the id, or when
   * the holder is silent (it is then cut off: it was dead). An id this instance holds for a third
   * instance's person is not its to give away: the asker's view is out of date, and "alive" makes it
   * keep the id until that person's next renewal tells it who holds it.
   */
  answerProbe(id: number, reply: (alive: boolean) => void): void {
    const owner = this.held.get(id)?.owner
    if (!owner) return reply(false)
    if (owner instanceof RemotePeer) return reply(true)
    if (!owner.isOpen) return reply(false)
    this.pingHolder(id, owner, reply)
  }

  /**
   * Ping this instance's connection that holds `id`, for another instance; `then` learns whether it
   * answered within the takeover time (a silent one is cut off). One ping per id, however many ask:
   * each question would otherwise add a pong listener to the same socket.
   */
  private pingHolder(id: number, owner: BoardPeer, then: (alive: boolean) => void): void {
    const pending = this.pings.get(id)
    if (pending?.owner === owner) {
      pending.waiters.push(then)
      return
    }
    // Lifecycle edge: the id changed hands since that ping went out; its holder no longer holds it.
    pending?.settle(false, false)
    const settle = (alive: boolean, cut: boolean) => {
      if (this.pings.get(id) !== ping) return
      this.pings.delete(id)
      clearTimeout(ping.timer)
      if (!alive) owner.cancelProbe(ping.onPong)
      if (cut) owner.terminate()
      for (const waiter of ping.waiters) waiter(alive)
    }
    const ping: HolderPing = {
      owner, waiters: [then], settle,
      onPong: () => settle(true, false),
      timer: setTimeout(() => settle(false, true), this.opts.limits.takeoverMs),
    }
    ping.timer.unref()
    this.pings.set(id, ping)
    owner.probe(ping.onPong)
  }

  /** Give `id` to `to` (the old holder is gone), with the state `to` sent for it. */
  private transfer(id: number, from: BoardPeer, to: BoardPeer, state: Held | null): void {
    from.awarenessIds.delete(id)
    // Race: while the claim waited, the id went to someone else (another instance's newer state
    // for it). Theirs to keep: the claim was about the old holder.
    const current = this.held.get(id)
    if (current && current.owner !== from) return
    if (!this.opts.connections.has(to) || !to.isOpen) {
      const held = this.held.get(id)
      if (held && held.owner === from) {
        this.forget(id, held.clock)
        this.markDirty(id, undefined)
      }
      return
    }
    const held = this.held.get(id)
    if (state && (!held || state.clock > held.clock)) {
      this.set(to, id, state.clock, state)
    } else if (held) {
      held.owner = to
      to.awarenessIds.add(id)
    }
  }

  /**
   * Presence relayed by another instance: already checked, bounded and stamped there, so held as it
   * came, owned by that instance's RemotePeer, and relayed to this instance's people on the same tick
   * as local changes (the pacing above applies to both). A state whose clock is not newer than the
   * one held is skipped, like an echo.
   */
  receiveElsewhere(update: Uint8Array, from: string): void {
    let peer = this.elsewhere.get(from)
    if (!peer) this.elsewhere.set(from, (peer = new RemotePeer(this.opts.boardId, from, this.opts.probes)))
    const now = Date.now()
    let entries: Entry[]
    try {
      entries = entriesOf(update)
    } catch {
      return
    }
    for (const e of entries) {
      let state: unknown
      try {
        state = stateOf(update, e)
      } catch {
        continue
      }
      const held = this.held.get(e.id)
      // A removal keeps the clock of the state it removes (a connection that closed there), so the
      // equal clock counts for it, as y-protocols allows; anything else must be newer.
      const removesTheirs = state === null && held?.owner === peer && held.clock === e.clock
      if (this.isStale(e) && !removesTheirs) continue
      const wire = update.slice(e.start, e.end)
      if (held && held.owner !== peer && !(held.owner instanceof RemotePeer) && held.owner.isOpen) {
        // Security decision: a live connection here holds this id, and another instance sends a
        // state for it — the person moved there (their old connection here is dead but not yet
        // closed), or a client there claims an id that instance did not know was taken (it had just
        // loaded the board). This instance's connection decides, as for a claim made here: the
        // state waits for its ping, and is taken only if it stays silent.
        const waiting = this.heldBack.has(e.id)
        this.heldBack.set(e.id, { peer, clock: e.clock, state, wire })
        if (!waiting) this.pingHolder(e.id, held.owner, (alive) => this.settleHeldBack(e.id, alive))
        continue
      }
      this.takeElsewhere(peer, e.id, e.clock, state, wire, now)
    }
  }

  /** The ping for a held-back state came back (or did not): a live holder keeps its id. */
  private settleHeldBack(id: number, alive: boolean): void {
    const claim = this.heldBack.get(id)
    this.heldBack.delete(id)
    if (!claim || alive || this.isStale({ id, clock: claim.clock, start: 0, end: 0 })) return
    this.takeElsewhere(claim.peer, id, claim.clock, claim.state, claim.wire, Date.now())
  }

  /** Hold another instance's state (or removal) for `id` under its RemotePeer. */
  private takeElsewhere(peer: RemotePeer, id: number, clock: number, state: unknown, wire: Uint8Array, now: number): void {
    const held = this.held.get(id)
    // Lifecycle edge: the person moved to the other instance (a reconnect through the balancer);
    // whoever held the id here no longer speaks for it.
    if (held && held.owner !== peer) held.owner.awarenessIds.delete(id)
    if (state === null) {
      if (!held && !this.removed.has(id)) return
      this.forget(id, clock)
      peer.awarenessIds.delete(id)
    } else {
      if (!held && this.held.size >= this.opts.limits.maxStates) return
      this.hold(id, { clock, wire, owner: peer, at: now })
      this.unremember(id)
      peer.awarenessIds.add(id)
    }
    this.markDirty(id, peer)
  }

  /** Everyone's state, for a newcomer or a query-awareness. */
  sendAll(conn: BoardPeer): void {
    if (this.held.size > 0) conn.send(messageOf([...this.held.values()].map((h) => h.wire)))
  }

  /** A connection ended: its states are removed for everyone; ids it was about to lose move on now. */
  detach(conn: BoardPeer): void {
    for (const ping of [...this.pings.values()]) if (ping.owner === conn) ping.settle(false, false)
    for (const [id, t] of [...this.takeovers]) {
      if (t.owner === conn) {
        // Lifecycle edge: the old holder closed while its successor waited for the probe.
        clearTimeout(t.timer)
        conn.cancelProbe(t.onPong)
        this.takeovers.delete(id)
        this.transfer(id, conn, t.from, t.state)
      } else if (t.from === conn) {
        clearTimeout(t.timer)
        t.owner.cancelProbe(t.onPong)
        this.takeovers.delete(id)
      }
    }
    for (const id of conn.awarenessIds) {
      const held = this.held.get(id)
      if (held?.owner !== conn) continue
      this.forget(id, held.clock)
      this.markDirty(id, undefined)
    }
    conn.awarenessIds.clear()
  }

  private markDirty(id: number, from: BoardPeer | undefined): void {
    this.dirty.add(id)
    this.dirtyFrom.add(from)
    if (from instanceof RemotePeer) this.dirtyElsewhere.add(id)
    else this.dirtyElsewhere.delete(id)
    if (this.relayTimer) return
    // A lone change goes out at once; a stream of them at most once per relayMs, and no sooner than
    // the last relay's bytes allow under the per-connection byte rate.
    const wait = Math.max(0, this.nextRelayAt - Date.now())
    this.relayTimer = setTimeout(this.relay, wait)
  }

  private readonly relay = (): void => {
    this.relayTimer = undefined
    this.lastRelay = Date.now()
    if (this.dirty.size === 0) return
    const wires: Uint8Array[] = []
    const ours: Uint8Array[] = []
    for (const id of this.dirty) {
      const w = this.held.get(id)?.wire ?? this.removed.get(id)?.wire
      if (!w) continue
      wires.push(w)
      if (!this.dirtyElsewhere.has(id)) ours.push(w)
    }
    // One sender (the common case: one person moving): it already has its own state.
    const only = this.dirtyFrom.size === 1 ? [...this.dirtyFrom][0] : undefined
    this.dirty.clear()
    this.dirtyFrom.clear()
    this.dirtyElsewhere.clear()
    if (wires.length === 0) return
    // Other instances get this instance's people's changes on the same paced tick, never what
    // they sent us (that would bounce between instances forever).
    if (ours.length > 0) this.opts.publish?.(updateOf(ours))
    // Encoded and framed once, whatever the number of connections.
    const message = messageOf(wires)
    const frame = new Frame(message)
    for (const c of this.opts.connections) if (c !== only) c.sendFrame(frame)
    const { relayMs, bytesPerSecond = 0 } = this.opts.limits
    const paced = bytesPerSecond > 0 ? (message.byteLength * 1000) / bytesPerSecond : 0
    this.nextRelayAt = this.lastRelay + Math.max(relayMs, paced)
  }

  private sweep(): void {
    const now = Date.now()
    for (const [id, h] of [...this.held]) {
      if (now - h.at < OUTDATED_MS) continue
      h.owner.awarenessIds.delete(id)
      this.forget(id, h.clock)
      this.markDirty(id, undefined)
    }
    for (const [id, r] of this.removed) {
      if (now - r.at < TOMBSTONE_MS) break // in removal order: the rest are younger
      this.unremember(id)
    }
  }

  destroy(): void {
    clearInterval(this.sweepTimer)
    clearTimeout(this.relayTimer)
    for (const t of this.takeovers.values()) {
      clearTimeout(t.timer)
      t.owner.cancelProbe(t.onPong)
    }
    this.takeovers.clear()
    for (const ping of this.pings.values()) {
      clearTimeout(ping.timer)
      ping.owner.cancelProbe(ping.onPong)
    }
    this.pings.clear()
    this.heldBack.clear()
  }
}
