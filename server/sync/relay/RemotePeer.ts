/**
 * The people on another instance, as one board's presence sees them: the owner of the awareness
 * states that instance relayed (BoardPresence.receiveElsewhere). Nothing is ever sent to it (its
 * instance serves its people) and it reads as not open, so a person who reconnects to this instance
 * (through the balancer) takes their client id over at once, as from a closed connection here.
 *
 * Security decision: this instance cannot ping a connection on another one, so it cannot tell a
 * person who moved here from someone claiming a cursor id seen elsewhere. Letting the id move at
 * once is what keeps a moved person's cursor from freezing (up to 30 s when their old instance
 * died); the cost is that a tampered client could move another person's cursor until that person's
 * next presence update takes it back. It cannot show another name or role: the state it sends is
 * stamped with its own (stampAwareness.ts).
 */
import type { ConnectionGrant } from '../authorize.js'
import type { BoardPeer } from '../BoardPeer.js'

const NO_GRANT: ConnectionGrant = { canWrite: () => false }

export class RemotePeer implements BoardPeer {
  readonly awarenessIds = new Set<number>()
  readonly isOpen = false
  readonly grant = NO_GRANT

  constructor(readonly boardId: string, readonly instanceId: string) {}

  send(): void {}
  sendFrame(): void {}
  cork(): void {}
  uncork(): void {}
  close(): void {}
  probe(): void {}
  cancelProbe(): void {}
  terminate(): void {}
}
