/**
 * One board in memory: its Y.Doc and awareness, the connections on it, and the rule that a change
 * reaches other clients only once it is durable (DocWriter decides when).
 */
import * as Y from 'yjs'
import { CloseCode, StorageState } from '../../src/shared/protocol.js'
import { DOCUMENT_KEY } from '../../src/shared/boardFormat.js'
import { applyStoredDoc, storedSize } from '../storage/loadBoard.js'
import type { Storage, UpdateAuthor } from '../storage/Storage.js'
import type { BoardPeer } from './BoardPeer.js'
import { DocWriter } from './DocWriter.js'
import { Frame } from './Frame.js'
import { BoardPresence, DEFAULT_PRESENCE_LIMITS, type PresenceLimits } from './BoardPresence.js'
import { BadMessageError, handleMessage, type MessageTarget } from './handleMessage.js'
import { refusedMessage, storageStateMessage, syncStep1Message, syncStep2Message, updateMessage } from './messages.js'
import type { BoardChannel, BoardRelayHandlers, Relay } from './relay/Relay.js'
import { RemoteProbes } from './relay/RemoteProbes.js'
import type { StorageHealth } from './StorageHealth.js'
import { UpdateGate, type GateLimits } from './UpdateGate.js'
import { seedBoardDoc, upgradeBoardDoc } from './boardSchema.js'

export interface BoardOptions {
  storage: Storage
  compactAfterUpdates: number
  /** Most bytes one connection may send while the board loads before it is closed. */
  maxBufferedBytes: number
  /** Largest awareness update accepted from a connection (also the presence bytes one connection may hold). */
  maxAwarenessBytes: number
  /** Presence caps and relay tick (BoardPresence); absent: DEFAULT_PRESENCE_LIMITS. */
  presence?: PresenceLimits
  log: (line: string) => void
  /** The server's storage state: reported to by the writer, told to newcomers, bounds held edits. */
  storageHealth?: StorageHealth
  /** Size and byte-rate caps of client edits (UpdateGate). */
  gateLimits: GateLimits
  /** Other instances serving this board (REDIS_URL); absent: this process is the only one. */
  relay?: Relay
}

/** Origin of the server's own bookkeeping changes (owner stamps, schema upgrade): relayed to everyone, not audited. */
const SERVER_BOOKKEEPING = Symbol('server bookkeeping')
/**
 * Origin of an update another instance stored and relayed (or that storage held and this doc did
 * not): applied and sent to this instance's clients, never stored or relayed again.
 */
const FROM_ELSEWHERE = Symbol('stored elsewhere')
/** Bytes of other instances' updates held while the board loads; past it they are dropped and storage is read again once loaded. */
const MAX_REMOTE_INBOX_BYTES = 8 * 1024 * 1024
/** At most one resync request per connection this often (a client stuck on missing structs must not make us spin). */
const RESYNC_EVERY_MS = 1000

/** The reason carried by the storage notice (clients show their own words). */
export const STORAGE_FAILING_REASON = 'The server cannot save right now; your changes stay on your device and are saved when it recovers'

/** A server change refused because storage is failing (it could not be saved, so it is not made). */
export class StorageFailingError extends Error {
  constructor() {
    super('The server cannot save right now')
    this.name = 'StorageFailingError'
  }
}

/** A board is loaded once; what it holds depends on how far it got, so each state carries its own parts. */
type BoardState =
  | {
      kind: 'loading'
      /** Messages received while loading, across all peers, in arrival order. */
      inbox: { conn: BoardPeer; data: Uint8Array }[]
      /** Bytes each peer has sent while loading (at most maxBufferedBytes). */
      buffered: Map<BoardPeer, number>
    }
  | { kind: 'ready'; writer: DocWriter; gate: UpdateGate }
  | { kind: 'failed' }
  | { kind: 'destroyed' }

type Ready = Extract<BoardState, { kind: 'ready' }>

/** The origin of a change the server itself makes (a restore), with whom the audit log names. */
export class ServerEdit {
  constructor(readonly author: UpdateAuthor) {}
}

/** A message waiting for the writes it depends on, in the order it must be sent. */
interface Outgoing { seq: number; to: BoardPeer[]; data: Uint8Array | Frame; done?: () => void }

function deliver(to: BoardPeer[], data: Uint8Array | Frame): void {
  if (data instanceof Frame) for (const c of to) c.sendFrame(data)
  else for (const c of to) c.send(data)
}

export class Board implements MessageTarget {
  readonly doc = new Y.Doc()
  /** Presence (awareness): owned, bounded, relayed on a tick (server/sync/BoardPresence.ts). */
  readonly presence: BoardPresence
  readonly connections = new Set<BoardPeer>()
  /** Settles when the board is loaded (or failed to load). Never rejects. */
  readonly loaded: Promise<void>
  unloadTimer: NodeJS.Timeout | undefined
  /** The doc changed since the last history snapshot (SNAPSHOT_INTERVAL_MS). */
  changedSinceHistory = false
  /** When the last history snapshot was taken (or the board loaded). */
  historyAt = Date.now()
  /** When this instance last stored a change to the doc (its own clients' or the server's). */
  changedAt = 0
  private state: BoardState = { kind: 'loading', inbox: [], buffered: new Map() }
  private readonly lastResync = new WeakMap<BoardPeer, number>()
  private outbox: Outgoing[] = []
  /** Questions to other instances about the connections holding their people's cursor ids. */
  private readonly probes = new RemoteProbes((to, clientId, nonce) => this.channel?.publishProbe(to, clientId, nonce))
  /** This board's channel to other instances (a no-op one without REDIS_URL); set once joined. */
  private channel: BoardChannel | undefined
  /** Other instances' updates that arrived while loading, applied once ready (storage may or may not hold them yet). */
  private remoteInbox: Uint8Array[] = []
  private remoteInboxBytes = 0
  /** Something from elsewhere was dropped or missed: storage is read again once ready. */
  private rereadWanted = false
  private rereading = false

  constructor(readonly id: string, private readonly opts: BoardOptions) {
    this.presence = new BoardPresence({
      boardId: id,
      limits: opts.presence ?? DEFAULT_PRESENCE_LIMITS,
      maxBytesPerConnection: opts.maxAwarenessBytes,
      connections: this.connections,
      log: opts.log,
      publish: (update) => this.channel?.publishAwareness(update),
      probes: this.probes,
    })
    this.loaded = this.load()
  }

  get maxAwarenessBytes(): number {
    return this.opts.maxAwarenessBytes
  }

  get isReady(): boolean {
    return this.state.kind === 'ready'
  }

  /** Safe to drop from memory: no connections and nothing that is not in the snapshot. */
  get isClean(): boolean {
    return this.connections.size === 0 && (this.state.kind !== 'ready' || this.state.writer.isClean)
  }

  private async load(): Promise<void> {
    const loading = this.state
    if (loading.kind !== 'loading') return
    let writer: DocWriter | undefined
    try {
      // One process (LocalRelay): no channel, so nothing is queued for publishing either.
      if (this.opts.relay?.shared) {
        // Race: joined before storage is read, so an update another instance stores after the read
        // below is relayed to us (it publishes only after storing), and one stored before is in the read.
        const channel = await this.opts.relay.joinBoard(this.id, this.fromElsewhere)
        if (this.state.kind === 'destroyed') return channel.leave()
        this.channel = channel
      }
      const stored = await this.opts.storage.loadDoc(this.id)
      const refused = await this.opts.storage.loadRefusedClients(this.id)
      if (this.state.kind === 'destroyed') return
      // One transaction, and before the update listener exists: loading must not store anything.
      applyStoredDoc(this.doc, stored)
      const size = storedSize(stored)
      writer = new DocWriter({
        boardId: this.id,
        doc: this.doc,
        storage: this.opts.storage,
        stored: size,
        compactAfterUpdates: this.opts.compactAfterUpdates,
        onReleased: this.onReleased,
        log: this.opts.log,
        health: this.opts.storageHealth,
      })
      // The gate's record index follows the doc from here on, so the upgrade below is in it too.
      const gate = new UpdateGate(this.doc, this.opts.gateLimits, refused, size.snapshotBytes + size.updateBytes)
      // Ready before the upgrade: its change is stored and relayed like any other (the peers that
      // attached while loading get it ahead of their greeting, as they always have). Nothing else
      // can run in between: from here to the replay below is one synchronous stretch.
      this.state = { kind: 'ready', writer, gate }
      this.doc.on('update', this.onDocUpdate)
      // A board written by an older app is brought to the server's schema by the server itself,
      // once, so no client has to rewrite other people's records (which the gate would refuse).
      try {
        this.doc.transact(() => upgradeBoardDoc(this.doc), SERVER_BOOKKEEPING)
      } catch (err) {
        // Not fatal: the board is served as stored, and browsers report what they cannot read.
        this.opts.log(`board ${this.id}: could not upgrade its records to this version: ${String(err)}`)
      }
    } catch (err) {
      if (this.state.kind === 'destroyed') return
      // Refuse rather than serve a partial board: a client that synced an empty doc would not
      // lose its data, but everybody else would see a blank board. The stored data is untouched.
      this.opts.log(`board ${this.id}: loading failed: ${String(err)}`)
      writer?.close()
      this.doc.off('update', this.onDocUpdate)
      this.state = { kind: 'failed' }
      for (const conn of this.connections) conn.close(CloseCode.loadFailed, 'Board could not be loaded, retry later')
      return
    }
    const ready = this.state
    // What other instances relayed while this one read storage: Yjs ignores what the doc already has.
    const relayed = this.remoteInbox
    this.remoteInbox = []
    this.remoteInboxBytes = 0
    for (const update of relayed) this.applyFromElsewhere(update)
    if (this.rereadWanted) void this.rereadStorage()
    for (const conn of this.connections) this.greet(conn, ready)
    // Why: clients start sending (sync step 1, awareness, even edits) the moment the socket
    // opens. Those frames were held while the doc loaded so that no client was ever answered from
    // an empty doc; now they are handled exactly as if they had just arrived, in arrival order.
    for (const { conn, data } of loading.inbox) this.receive(conn, data)
  }

  attach(conn: BoardPeer): void {
    clearTimeout(this.unloadTimer)
    this.connections.add(conn)
    if (this.state.kind === 'ready') this.greet(conn, this.state)
    else if (this.state.kind === 'failed') conn.close(CloseCode.loadFailed, 'Board could not be loaded, retry later')
  }

  /** Forget a closed connection and, at once, the awareness states it announced. */
  detach(conn: BoardPeer): void {
    if (!this.connections.delete(conn)) return
    this.presence.detach(conn)
  }

  receive(conn: BoardPeer, data: Uint8Array): void {
    if (!this.connections.has(conn) || !conn.isOpen) return
    const state = this.state
    if (state.kind === 'loading') {
      const buffered = (state.buffered.get(conn) ?? 0) + data.byteLength
      state.buffered.set(conn, buffered)
      if (buffered > this.opts.maxBufferedBytes) {
        conn.close(CloseCode.tooLarge, 'Too much data sent while the board was loading')
        return
      }
      state.inbox.push({ conn, data })
      return
    }
    if (state.kind !== 'ready') return
    try {
      handleMessage(this, conn, data)
    } catch (err) {
      const bad = err instanceof BadMessageError
      this.opts.log(`board ${this.id}: closing a connection after a bad message: ${String(err)}`)
      conn.close(bad ? err.closeCode : CloseCode.badMessage, bad ? err.message : 'Invalid message')
    }
  }

  /**
   * Make a change as the server (a restore): `change` runs in one transaction on the doc, the
   * result is stored with `edit.author` in the audit log and relayed to every connection like a
   * client's update. Resolves once it is durable. The board must be ready.
   */
  async serverEdit(edit: ServerEdit, change: (doc: Y.Doc) => void): Promise<void> {
    if (this.state.kind !== 'ready') throw new Error(`Board ${this.id} is not loaded`)
    const { writer } = this.state
    // Refused rather than made and held: the caller (a restore) would otherwise wait for storage
    // with its HTTP request open; the organizer tries again once the server saves again.
    if (writer.isFailing || this.opts.storageHealth?.isFull) throw new StorageFailingError()
    const before = writer.acceptedSeq
    this.doc.transact(() => change(this.doc), edit)
    const seq = writer.acceptedSeq
    if (seq === before) return
    await new Promise<void>((resolve) => {
      if (writer.releasedSeq >= seq) return resolve()
      this.outbox.push({ seq, to: [], data: new Uint8Array(), done: resolve })
    })
  }

  /** Write everything into one snapshot (unload, shutdown). Rejects if storage fails. */
  async flush(): Promise<void> {
    await this.loaded
    if (this.state.kind === 'ready') await this.state.writer.flushAll()
  }

  destroy(): void {
    const was = this.state
    if (was.kind === 'destroyed') return
    this.state = { kind: 'destroyed' }
    clearTimeout(this.unloadTimer)
    if (was.kind === 'ready') {
      was.writer.close()
      was.gate.destroy()
    }
    this.channel?.leave()
    this.presence.destroy()
    this.doc.off('update', this.onDocUpdate)
    this.doc.destroy()
  }

  // --- MessageTarget ---

  answerStep1(conn: BoardPeer, stateVector: Uint8Array): void {
    let reply: Uint8Array
    try {
      reply = syncStep2Message(this.doc, stateVector)
    } catch (err) {
      throw new BadMessageError('Invalid state vector in sync step 1', { cause: err })
    }
    // The reply may contain updates that are not durable yet, so it queues behind them.
    if (this.state.kind === 'ready') this.sendWhenDurable([conn], reply, this.state.writer)
  }

  applyUpdate(conn: BoardPeer, update: Uint8Array): void {
    // Only a ready board handles messages (receive), so this holds; checked for the types' sake.
    if (this.state.kind !== 'ready') return
    const { gate } = this.state
    const health = this.opts.storageHealth
    if (health?.isFull) {
      // Memory bound while storage fails: the edit is not applied, so nothing of it is held. The
      // sender keeps it; once there is room again this board asks every client for what it lacks
      // (sync step 1), as a reconnecting client would send it anyway.
      health.whenRoom(this.askForMissing)
      return
    }
    let verdict
    try {
      verdict = gate.judge(conn.grant, conn, update)
    } catch (err) {
      throw new BadMessageError('Invalid Yjs update', { cause: err })
    }
    if (verdict.kind === 'nothing') return
    if (verdict.kind === 'resync') {
      // The update builds on structs the server does not have (another tab's edit that has not
      // arrived yet, or edits that were refused): not applied, so Yjs never holds it pending to
      // slip in later under someone else's checks. A sync step 1 makes the client send
      // everything the server lacks in one step 2, which is judged as a whole.
      const now = Date.now()
      if (now - (this.lastResync.get(conn) ?? 0) >= RESYNC_EVERY_MS) {
        this.lastResync.set(conn, now)
        conn.send(syncStep1Message(this.doc))
      }
      return
    }
    if (verdict.kind === 'refuse') {
      this.opts.log(`board ${this.id}: refused an update (${verdict.code}): ${verdict.message}`)
      if (verdict.analysis.newFrom.size > 0) {
        this.opts.storage.refuseClients(this.id, verdict.analysis.newFrom).catch((err: unknown) => {
          this.opts.log(`board ${this.id}: could not store refused client ids: ${String(err)}`)
        })
        // Security: the same structs sent to another instance (the client reconnected through the
        // balancer) must be refused there too, not only after that instance next loads the board.
        this.channel?.publishRefused(verdict.analysis.newFrom)
      }
      // The sender is told why; our client then goes back to the board's true state.
      conn.send(refusedMessage(verdict.code, verdict.message))
      return
    }
    const created = gate.newKeys(verdict.analysis)
    try {
      // Origin = the connection, so onDocUpdate relays to everyone else.
      Y.applyUpdate(this.doc, update, conn)
    } catch (err) {
      throw new BadMessageError('Invalid Yjs update', { cause: err })
    } finally {
      // Security: who made a record is written by the server, from the connection's grant, never
      // taken from the client — also for whatever part Yjs integrated before an update failed
      // half-way. A separate transaction, so it also reaches the sender.
      const stamps = gate.accepted(conn.grant, verdict.analysis, created)
      if (stamps.size > 0) this.doc.transact(() => gate.writeOwners(stamps), SERVER_BOOKKEEPING)
    }
  }

  applyAwareness(conn: BoardPeer, update: Uint8Array): void {
    this.presence.receive(conn, update)
  }

  sendAllAwareness(conn: BoardPeer): void {
    this.presence.sendAll(conn)
  }

  /** A presence message with nothing newer than what is held (an echo): kept out of the flood budget. */
  isPresenceEcho(message: Uint8Array): boolean {
    // An honest echo is at most everything held (a stock client echoes a newcomer's whole greeting,
    // which can exceed MAX_AWARENESS_BYTES); anything bigger is not looked into.
    return this.state.kind === 'ready' && message.byteLength <= Math.max(this.opts.maxAwarenessBytes, this.presence.echoBound) + 16 && this.presence.isEcho(message)
  }

  // --- internals ---

  /** What a y-websocket server sends first: its sync step 1 and everyone's awareness. */
  private greet(conn: BoardPeer, { gate }: Ready): void {
    // Why the server seeds a project board: the first person to open it may be a resident in a
    // read-only stage, whose browser would otherwise create tldraw's document and page itself and
    // be refused (and shown a refusal for something she never did). Seeded before step 1, so every
    // client's first sync already has them and none creates its own.
    if (conn.grant.actor && !gate.index.has(DOCUMENT_KEY)) {
      this.doc.transact(() => seedBoardDoc(this.doc, gate.index), SERVER_BOOKKEEPING)
    }
    conn.send(syncStep1Message(this.doc))
    this.sendAllAwareness(conn)
    if (this.opts.storageHealth?.isFailing) conn.send(storageStateMessage(StorageState.failing, STORAGE_FAILING_REASON))
  }

  /** After refusing edits (storage full of held ones): a sync step 1 makes each client send what the server lacks. */
  private readonly askForMissing = (): void => {
    if (this.state.kind !== 'ready') return
    const step1 = syncStep1Message(this.doc)
    for (const c of this.connections) c.send(step1)
  }

  /** Who the audit log names for a change made with `origin`: a ServerEdit's author, a peer's grant, or nobody. */
  private authorOf(origin: unknown): UpdateAuthor | undefined {
    if (origin instanceof ServerEdit) return origin.author
    // A client's update is applied with its peer as the origin (applyUpdate), and only while the
    // peer is on this board (receive checks), so membership is what identifies one.
    if (isMember(this.connections, origin)) {
      const as = origin.grant.auditAs
      return as && { kind: 'edit', linkId: as.linkId, participantId: as.participantId }
    }
    return undefined
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // The listener exists only while the board is ready (load adds it, destroy removes it).
    if (this.state.kind !== 'ready') return
    const { writer, gate } = this.state
    if (origin === FROM_ELSEWHERE) {
      // Stored by whoever made it; here it is only passed on (in order behind this board's own
      // updates still being written). Its history snapshot is the storing instance's to take.
      gate.noteElsewhere(update.byteLength)
      if (this.connections.size > 0) this.sendWhenDurable([...this.connections], new Frame(updateMessage(update)), writer)
      return
    }
    this.changedSinceHistory = true
    this.changedAt = Date.now()
    writer.accept(update, this.authorOf(origin))
    const to = [...this.connections].filter((c) => c !== origin)
    // Encoded and framed once, whatever the number of connections.
    if (to.length > 0) this.sendWhenDurable(to, new Frame(updateMessage(update)), writer)
    // Published once durable, like every relay: no instance may show an edit a crash could still lose.
    const channel = this.channel
    if (channel) this.afterDurable(writer, () => channel.publishUpdate(update))
  }

  /** Run `then` once everything accepted so far is stored, in order with the outbox. */
  private afterDurable(writer: DocWriter, then: () => void): void {
    const seq = writer.acceptedSeq
    if (this.outbox.length === 0 && seq <= writer.releasedSeq) then()
    else this.outbox.push({ seq, to: [], data: new Uint8Array(), done: then })
  }

  /**
   * What other instances send about this board (server/sync/relay/Relay.ts). Security decision:
   * applied without the gate. The sending instance judged it (rules, ownership, sizes) before
   * storing it, and Redis is as trusted as the database: whoever can write to either can change
   * boards. So Redis must be reachable only by the instances (docs/architecture.md).
   */
  private readonly fromElsewhere: BoardRelayHandlers = {
    onUpdate: (update) => {
      if (this.state.kind === 'ready') return this.applyFromElsewhere(update)
      if (this.state.kind !== 'loading') return
      this.remoteInboxBytes += update.byteLength
      if (this.remoteInboxBytes > MAX_REMOTE_INBOX_BYTES) {
        // Memory bound: storage has all of it, so it is read again once the board is ready.
        this.remoteInbox = []
        this.rereadWanted = true
        return
      }
      this.remoteInbox.push(update)
    },
    onAwareness: (update, from) => {
      if (this.state.kind === 'ready') this.presence.receiveElsewhere(update, from)
    },
    onRefused: (clients) => {
      if (this.state.kind !== 'ready') return
      for (const [client, from] of clients) {
        const prev = this.state.gate.refused.get(client)
        if (prev === undefined || from < prev) this.state.gate.refused.set(client, from)
      }
    },
    onProbe: (clientId, nonce, from) => {
      if (this.state.kind !== 'ready') return // its timer decides
      this.presence.answerProbe(clientId, (alive) => this.channel?.publishProbeAnswer(from, clientId, nonce, alive))
    },
    onProbeAnswer: (nonce, clientId, alive, from) => this.probes.answered(nonce, from, clientId, alive),
    onGap: () => {
      if (this.state.kind === 'loading') this.rereadWanted = true
      else if (this.state.kind === 'ready') void this.rereadStorage()
    },
  }

  private applyFromElsewhere(update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, FROM_ELSEWHERE)
    } catch (err) {
      this.opts.log(`board ${this.id}: an update relayed from another instance could not be applied, reading storage again: ${String(err)}`)
      void this.rereadStorage()
    }
  }

  /**
   * Converge with storage: everything any instance stored is applied (Yjs skips what the doc has)
   * and the difference goes to this instance's clients. Run when relayed messages may have been
   * missed. Why no periodic check besides: Redis loses pub/sub messages only by dropping a
   * subscriber's connection, and every reconnect comes here; a timer would re-read every loaded
   * board from storage for nothing.
   */
  private async rereadStorage(): Promise<void> {
    if (this.state.kind !== 'ready') return
    if (this.rereading) {
      this.rereadWanted = true
      return
    }
    this.rereading = true
    this.rereadWanted = false
    const { writer } = this.state
    try {
      // On the writer's chain: the storage contract allows one call per board at a time.
      const stored = await writer.run(() => this.opts.storage.loadDoc(this.id))
      if (this.state.kind !== 'ready') return
      this.doc.transact(() => {
        if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot)
        for (const u of stored.updates) Y.applyUpdate(this.doc, u)
      }, FROM_ELSEWHERE)
    } catch (err) {
      this.opts.log(`board ${this.id}: reading storage to catch up with other instances failed: ${String(err)}`)
    } finally {
      this.rereading = false
    }
    if (this.rereadWanted) void this.rereadStorage()
  }

  private sendWhenDurable(to: BoardPeer[], data: Uint8Array | Frame, writer: DocWriter): void {
    const seq = writer.acceptedSeq
    if (this.outbox.length === 0 && seq <= writer.releasedSeq) {
      deliver(to, data)
    } else {
      this.outbox.push({ seq, to, data })
    }
  }

  private readonly onReleased = (seq: number): void => {
    let n = 0
    while (n < this.outbox.length && this.outbox[n].seq <= seq) n++
    if (n === 0) return
    const released = this.outbox.splice(0, n)
    // Several messages at once (updates that arrived in the same turn, a burst): corked, each
    // socket gets them in one write instead of one system call per message and connection.
    const corked = n > 1 ? [...this.connections] : []
    for (const c of corked) c.cork()
    try {
      for (const { to, data, done } of released) {
        deliver(to, data)
        done?.()
      }
    } finally {
      for (const c of corked) c.uncork()
    }
  }
}

/** Whether `value` is in `set`, and so one of its type (Set.has is typed to take only a member's type). */
function isMember<T>(set: ReadonlySet<T>, value: unknown): value is T {
  const members: ReadonlySet<unknown> = set
  return members.has(value)
}
