/**
 * The people on another instance, as one board's presence sees them: the owner of the awareness
 * states that instance relayed (BoardPresence.receiveElsewhere). Nothing is ever sent to it (its
 * instance serves its people).
 *
 * Security decision: a state for one of its ids, sent by a connection here, is a claim on someone
 * else's cursor — the same person back through the balancer, or a tampered client. As for a
 * connection of this instance, the holder decides: its instance is asked (RemoteProbes) to ping the
 * connection holding the id, and the id moves only if that one is gone, or if the instance does not
 * answer within the takeover time (it died). Without a relay to ask through, the id moves at once.
 */
import type { ConnectionGrant } from '../authorize.js'
import type { BoardPeer } from '../BoardPeer.js'
import type { RemoteProbes } from './RemoteProbes.js'

const NO_GRANT: ConnectionGrant = { canWrite: () => false }

export class RemotePeer implements BoardPeer {
  readonly awarenessIds = new Set<number>()
  readonly grant = NO_GRANT

  constructor(readonly boardId: string, readonly instanceId: string, private readonly probes?: RemoteProbes) {}

  /** Open while its instance can be asked about its connections. */
  get isOpen(): boolean {
    return this.probes !== undefined
  }

  send(): void {}
  sendFrame(): void {}
  cork(): void {}
  uncork(): void {}
  close(): void {}

  probe(onAlive: () => void, forId?: number, onGone?: () => void): void {
    if (!this.probes || forId === undefined) return // nobody to ask: the asker's timer decides
    this.probes.ask(this.instanceId, forId, onAlive, onGone)
  }

  cancelProbe(onAlive: () => void): void {
    this.probes?.cancel(onAlive)
  }

  terminate(): void {}
}
