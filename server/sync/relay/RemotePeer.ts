/**
 * The people on another instance, as one board's presence sees them: the owner of the awareness
 * states that instance relayed (BoardPresence.receiveElsewhere). Nothing is ever sent to it (its
 * instance serves its people) and it reads as not open, so a person who reconnects to this instance
 * (through the balancer) takes their client id over at once, as from a closed connection here.
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
