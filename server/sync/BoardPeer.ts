/**
 * What a Board needs of one client on it: the transport seam between a board (Board, BoardPresence,
 * BoardRegistry, handleMessage) and the socket it speaks through. `Connection` is the WebSocket
 * implementation; tests run a board on in-memory peers (test/server/boardRoom.test.ts). Nothing of
 * ws appears here, so a board can be driven by any transport that carries y-websocket messages.
 */
import type { ConnectionGrant } from './authorize.js'
import type { Frame } from './Frame.js'

export interface BoardPeer {
  /** The board this peer is on (the registry puts it there). */
  readonly boardId: string
  /** What the person on this peer may do; asked again for every incoming message. */
  readonly grant: ConnectionGrant
  /** Awareness client ids this peer announced: the board's bookkeeping, removed for everyone when it leaves. */
  readonly awarenessIds: Set<number>
  /** False once the peer is closing or closed: nothing it sends is handled any more. */
  readonly isOpen: boolean
  /** Send one message to this peer alone (the transport may compress it). */
  send(data: Uint8Array): void
  /**
   * Send a message built once for many peers (a relayed update, a presence relay). Must not copy or
   * re-encode per peer: this is the fan-out path (docs/performance.md, "Fan-out").
   */
  sendFrame(frame: Frame): void
  /** Hold what is sent until uncork(), then write it at once (counts nest). */
  cork(): void
  uncork(): void
  /** Close with a WebSocket close code (docs/protocol.md, "Close codes") and a reason. */
  close(code: number, reason: string): void
  /**
   * Ask the peer whether it is alive: `onAlive` runs once when it answers (a WebSocket pong).
   * `forId` and `onGone` are for a peer that stands for another instance's connections
   * (relay/RemotePeer.ts): which one is asked about, and its instance's answer that it is gone.
   */
  probe(onAlive: () => void, forId?: number, onGone?: () => void): void
  /** Forget a probe's `onAlive` (its answer no longer matters). */
  cancelProbe(onAlive: () => void): void
  /** Cut the peer off at once, without a closing handshake (it did not answer a probe). */
  terminate(): void
}
