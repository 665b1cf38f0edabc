/**
 * The seam between instances serving the same boards (issue 20, "several instances"). One process
 * uses LocalRelay, which carries nothing; with REDIS_URL, RedisRelay carries a loaded board's stored
 * updates, its presence and its refused client ids to every other instance that has the board loaded,
 * and project events (stage moves, revoked links, participation and meeting changes) to all of them.
 *
 * What a relay promises is at most once: a message can be lost (Redis pub/sub drops what it sends
 * while a subscriber is disconnected). Nothing relies on it for durability: every update is stored
 * before it is published, and `onGap` tells a board to read storage again whenever messages may
 * have been missed, so the board converges from what is stored.
 */

/** What a loaded board does with what other instances send about it. */
export interface BoardRelayHandlers {
  /** A Yjs update another instance has stored and applied. */
  onUpdate(update: Uint8Array): void
  /** An awareness update (y-protocols encoding) of people on another instance, already checked and stamped there. */
  onAwareness(update: Uint8Array, from: string): void
  /** Client ids another instance refused (client id → first refused clock). */
  onRefused(clients: ReadonlyMap<number, number>): void
  /** Instance `from` asks whether the connection here holding cursor id `clientId` is alive (RemoteProbes.ts). */
  onProbe(clientId: number, nonce: number, from: string): void
  /** Instance `from`'s answer to a question this instance asked (nonce and client id as asked). */
  onProbeAnswer(nonce: number, clientId: number, alive: boolean, from: string): void
  /** Messages may have been missed (the relay reconnected): read storage again and converge. */
  onGap(): void
}

/** A board's channel on this instance, from load to unload. */
export interface BoardChannel {
  /** An update this instance has stored (never one it only received from another instance). */
  publishUpdate(update: Uint8Array): void
  /** This instance's people's presence changes (one relay tick's worth). */
  publishAwareness(update: Uint8Array): void
  publishRefused(clients: ReadonlyMap<number, number>): void
  /** Ask instance `to` about the connection holding `clientId` (RemoteProbes.ts). */
  publishProbe(to: string, clientId: number, nonce: number): void
  publishProbeAnswer(to: string, clientId: number, nonce: number, alive: boolean): void
  /** The board unloads: stop receiving. */
  leave(): void
}

/** A project event as it travels between instances: plain JSON, read by server/cluster/ProjectBus.ts. */
export type RelayEvent = { readonly type: string; readonly projectId: string } & Record<string, unknown>

export interface Relay {
  /** This instance's id on the relay (its own messages come back to it and are ignored by it). */
  readonly instanceId: string
  /** Whether other instances exist at all (false for LocalRelay: nothing to publish, no caps to share). */
  readonly shared: boolean
  /** Whether messages flow now (false while Redis is being reconnected to). */
  readonly connected: boolean
  /**
   * Start receiving a board's messages. Resolves once they flow (so a storage read that starts
   * afterwards misses nothing), or at once when the relay is not connected (then `onGap` comes on
   * connect).
   */
  joinBoard(boardId: string, handlers: BoardRelayHandlers): Promise<BoardChannel>
  publishEvent(event: RelayEvent): void
  /** Events other instances published; returns the unsubscribe function. */
  onEvent(listener: (event: RelayEvent) => void): () => void
  /**
   * Be told when messages may have been missed, here (the relay reconnected) or by another instance
   * (it asks for what is held only in memory); returns the unsubscribe function.
   */
  onGap(listener: () => void): () => void
  /**
   * A starting instance asks the others for what they hold only in memory (meeting state) and waits
   * a moment for it, before it serves anyone; called once, after its event listeners are attached.
   */
  arrive(): Promise<void>
  close(): Promise<void>
}
