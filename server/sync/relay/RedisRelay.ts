/**
 * The relay between instances over Redis pub/sub (REDIS_URL): one channel per loaded board
 * (`<prefix>board:<id>`, joined while the board is loaded here) and one for project events
 * (`<prefix>events`). Two connections, as Redis requires: one subscribed, one for publishing.
 *
 * A board message is `[kind][instance id, 8 bytes][payload]`; an instance ignores its own. A probe and
 * its answer are for one instance: their payload starts with the addressee's id (8 bytes), and the
 * others drop them. Events are JSON with the sender's id in `from`.
 */
import { randomBytes } from 'node:crypto'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Redis } from 'ioredis'
import type { BoardChannel, BoardRelayHandlers, Relay, RelayEvent } from './Relay.js'

const enum Kind { update = 0, awareness = 1, refused = 2, probe = 3, probeAnswer = 4 }
const ID_BYTES = 8
/** An event every instance answers by reading its loaded boards from storage again (see onPublisherReady). */
const GAP_EVENT = '_gap'
/**
 * "I was away": sent by an instance whose subscriber reconnected. What the others hold only in
 * memory (meeting state) and published meanwhile never reached it, and storage does not have it, so
 * they publish it again (the gap listeners: server/cluster/ProjectBus.ts).
 */
const MISSED_EVENT = '_missed'
/** How long a starting instance waits for the others' meeting states (they answer within milliseconds). */
const ARRIVAL_SETTLE_MS = 300
/** How long close() waits for Redis to acknowledge QUIT before dropping the connection. */
const QUIT_WAIT_MS = 1_000

export interface RedisRelayOptions {
  /** Connection for publishing (and nothing that blocks). */
  publisher: Redis
  /** A connection of its own: once subscribed, Redis lets it do nothing else. */
  subscriber: Redis
  /** Prefix of every channel (REDIS_PREFIX), so several deployments or tests can share one Redis. */
  prefix: string
  log: (line: string) => void
}

export class RedisRelay implements Relay {
  readonly shared = true
  readonly instanceId: string
  private readonly idBytes: Buffer
  private readonly boards = new Map<string, BoardRelayHandlers>()
  private readonly eventListeners = new Set<(event: RelayEvent) => void>()
  private readonly gapListeners = new Set<() => void>()
  private readonly eventsChannel: string
  private publisherReadyBefore = false
  private closed = false

  constructor(private readonly opts: RedisRelayOptions) {
    this.idBytes = randomBytes(ID_BYTES)
    this.instanceId = this.idBytes.toString('hex')
    this.eventsChannel = `${opts.prefix}events`
    const { subscriber, publisher } = opts
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(channel.toString(), message))
    subscriber.on('ready', () => void this.onSubscriberReady())
    publisher.on('ready', () => this.onPublisherReady())
    if (publisher.status === 'ready') this.publisherReadyBefore = true
    subscriber.subscribe(this.eventsChannel).catch((err: unknown) => this.opts.log(`relay: subscribing to events failed: ${String(err)}`))
  }

  private channelOf(boardId: string): string {
    return `${this.opts.prefix}board:${boardId}`
  }

  async joinBoard(boardId: string, handlers: BoardRelayHandlers): Promise<BoardChannel> {
    this.boards.set(boardId, handlers)
    const channel = this.channelOf(boardId)
    const subscribed = this.opts.subscriber.subscribe(channel).catch((err: unknown) => {
      this.opts.log(`relay: subscribing to board ${boardId} failed (it converges from storage when Redis is back): ${String(err)}`)
    })
    // Race: the board reads storage once this resolves. Connected, SUBSCRIBE's answer means Redis now
    // sends us everything published on the channel, so every update stored after that read reaches
    // us. Not connected, the board does not wait: ioredis subscribes again on reconnect, and the
    // 'ready' that follows makes every board read storage again (onSubscriberReady).
    if (this.opts.subscriber.status === 'ready') await subscribed
    return {
      publishUpdate: (update) => this.publish(channel, Kind.update, update),
      publishAwareness: (update) => this.publish(channel, Kind.awareness, update),
      publishRefused: (clients) => this.publish(channel, Kind.refused, encodeRefused(clients)),
      publishProbe: (to, clientId, nonce) => this.publish(channel, Kind.probe, addressed(to, (e) => {
        encoding.writeVarUint(e, clientId)
        encoding.writeVarUint(e, nonce)
      })),
      publishProbeAnswer: (to, clientId, nonce, alive) => this.publish(channel, Kind.probeAnswer, addressed(to, (e) => {
        encoding.writeVarUint(e, clientId)
        encoding.writeVarUint(e, nonce)
        encoding.writeUint8(e, alive ? 1 : 0)
      })),
      leave: () => {
        // Lifecycle edge: a board unloaded and loaded again joins before the old one leaves only if
        // the registry overlapped them, which it does not; still, only our own handlers are removed.
        if (this.boards.get(boardId) !== handlers) return
        this.boards.delete(boardId)
        if (this.closed) return
        this.opts.subscriber.unsubscribe(channel).catch(() => {
          // Nothing to undo: a channel left subscribed only brings messages nobody handles.
        })
      },
    }
  }

  publishEvent(event: RelayEvent): void {
    if (this.closed) return
    this.opts.publisher.publish(this.eventsChannel, JSON.stringify({ ...event, from: this.instanceId })).catch((err: unknown) => {
      this.opts.log(`relay: publishing a ${event.type} event failed (other instances catch up when Redis is back): ${String(err)}`)
    })
  }

  get connected(): boolean {
    return this.opts.subscriber.status === 'ready' && this.opts.publisher.status === 'ready'
  }

  onEvent(listener: (event: RelayEvent) => void): () => void {
    this.eventListeners.add(listener)
    return () => { this.eventListeners.delete(listener) }
  }

  onGap(listener: () => void): () => void {
    this.gapListeners.add(listener)
    return () => { this.gapListeners.delete(listener) }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.boards.clear()
    await Promise.all([this.opts.subscriber, this.opts.publisher].map(async (client) => {
      // Lifecycle edge: a QUIT sent to a Redis that is away would wait for it; shutdown does not.
      let timer: NodeJS.Timeout | undefined
      const gaveUp = new Promise<void>((resolve) => { timer = setTimeout(resolve, QUIT_WAIT_MS) })
      await Promise.race([client.quit().catch(() => {}), gaveUp])
      clearTimeout(timer)
      client.disconnect()
    }))
  }

  private publish(channel: string, kind: Kind, payload: Uint8Array): void {
    if (this.closed) return
    const message = Buffer.allocUnsafe(1 + ID_BYTES + payload.byteLength)
    message[0] = kind
    this.idBytes.copy(message, 1)
    message.set(payload, 1 + ID_BYTES)
    this.opts.publisher.publish(channel, message).catch((err: unknown) => {
      // Not lost: it is stored. The publisher's reconnect announces a gap (onPublisherReady), and
      // every instance then reads the board from storage.
      this.opts.log(`relay: publishing on ${channel} failed: ${String(err)}`)
    })
  }

  private onMessage(channel: string, message: Buffer): void {
    if (channel === this.eventsChannel) return this.onEventMessage(message)
    if (message.byteLength < 1 + ID_BYTES) return
    if (message.compare(this.idBytes, 0, ID_BYTES, 1, 1 + ID_BYTES) === 0) return
    const boardId = channel.slice(this.channelOf('').length)
    const handlers = this.boards.get(boardId)
    if (!handlers) return
    const payload = new Uint8Array(message.buffer, message.byteOffset + 1 + ID_BYTES, message.byteLength - 1 - ID_BYTES)
    const from = message.subarray(1, 1 + ID_BYTES).toString('hex')
    try {
      if (message[0] === Kind.update) handlers.onUpdate(payload)
      else if (message[0] === Kind.awareness) handlers.onAwareness(payload, from)
      else if (message[0] === Kind.refused) handlers.onRefused(decodeRefused(payload))
      else if (message[0] === Kind.probe || message[0] === Kind.probeAnswer) {
        // Addressed to one instance: the others have nothing to answer or to wait for.
        if (payload.byteLength < ID_BYTES || this.idBytes.compare(payload, 0, ID_BYTES) !== 0) return
        const d = decoding.createDecoder(payload.subarray(ID_BYTES))
        let clientId: number, nonce: number
        try {
          clientId = decoding.readVarUint(d)
          nonce = decoding.readVarUint(d)
        } catch {
          return // cut short: not worth re-reading the board for (the asker's timer decides)
        }
        if (message[0] === Kind.probe) handlers.onProbe(clientId, nonce, from)
        else if (d.pos < d.arr.length) handlers.onProbeAnswer(nonce, clientId, d.arr[d.pos] === 1, from)
      }
    } catch (err) {
      // Another instance sent it after checking it; a failure here is ours, and storage still has the truth.
      this.opts.log(`relay: a message for board ${boardId} could not be applied: ${String(err)}`)
      handlers.onGap()
    }
  }

  private onEventMessage(message: Buffer): void {
    let event: unknown
    try {
      event = JSON.parse(message.toString('utf8'))
    } catch {
      return
    }
    if (!isRelayEvent(event) || event.from === this.instanceId) return
    if (event.type === GAP_EVENT) return this.announceGap()
    if (event.type === MISSED_EVENT) {
      for (const listener of this.gapListeners) listener()
      return
    }
    for (const listener of this.eventListeners) listener(event)
  }

  /**
   * Lifecycle edge: an instance starting (a restart after a crash, a scale-out, a rolling deploy)
   * knows no meeting in progress, and meetings are relayed whole with the newest winning: its first
   * meeting action would wipe the meeting everywhere. Its subscriber's first 'ready' came before this
   * relay existed (openCluster waits for it), so it asks now, the way a reconnected subscriber does,
   * and waits ARRIVAL_SETTLE_MS for the answers (the others answer at once) before serving anyone.
   */
  async arrive(): Promise<void> {
    if (this.opts.subscriber.status !== 'ready') return // its 'ready' will ask
    try {
      await this.opts.subscriber.ping() // our SUBSCRIBE to the events channel is in force
    } catch {
      return
    }
    this.publishEvent({ type: MISSED_EVENT, projectId: '' })
    await new Promise((resolve) => setTimeout(resolve, ARRIVAL_SETTLE_MS))
  }

  /**
   * Lifecycle edge: the subscriber (re)connected. Messages published while it was away are gone for
   * good (pub/sub keeps nothing), so every loaded board reads storage again. The PING first: Redis
   * answers commands in order, so its answer means the SUBSCRIBEs ioredis re-sent on reconnect are in
   * force, and anything stored after the reads below is published to us.
   */
  private async onSubscriberReady(): Promise<void> {
    try {
      await this.opts.subscriber.ping()
    } catch {
      return // disconnected again: the next 'ready' comes back here
    }
    this.announceGap()
    this.publishEvent({ type: MISSED_EVENT, projectId: '' })
  }

  /**
   * The publisher (re)connected: what it failed to publish meanwhile (each failure is logged) never
   * reached anybody, while the subscribers may not have noticed anything. So it tells every instance
   * to read its boards from storage, where all of it is.
   */
  private onPublisherReady(): void {
    if (!this.publisherReadyBefore) {
      this.publisherReadyBefore = true
      return
    }
    this.publishEvent({ type: GAP_EVENT, projectId: '' })
    this.announceGap()
  }

  private announceGap(): void {
    if (this.closed) return
    for (const handlers of [...this.boards.values()]) handlers.onGap()
    for (const listener of this.gapListeners) listener()
  }
}

function isRelayEvent(v: unknown): v is RelayEvent & { from?: unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string' &&
    typeof (v as { projectId?: unknown }).projectId === 'string'
}

function encodeRefused(clients: ReadonlyMap<number, number>): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, clients.size)
  for (const [client, clock] of clients) {
    encoding.writeVarUint(e, client)
    encoding.writeVarUint(e, clock)
  }
  return encoding.toUint8Array(e)
}

function decodeRefused(payload: Uint8Array): Map<number, number> {
  const d = decoding.createDecoder(payload)
  const n = decoding.readVarUint(d)
  const out = new Map<number, number>()
  for (let i = 0; i < n; i++) out.set(decoding.readVarUint(d), decoding.readVarUint(d))
  return out
}

/** A payload for one instance only: its id (8 bytes, from its hex form), then what `write` writes. */
function addressed(to: string, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeUint8Array(e, Buffer.from(to, 'hex'))
  write(e)
  return encoding.toUint8Array(e)
}
