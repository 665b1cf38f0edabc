/**
 * "Is the connection that holds this cursor id still alive?", asked of the instance that holds it
 * (over the board's relay channel: server/sync/relay/Relay.ts) when someone on this instance claims
 * the id. The cluster's form of the ping a board sends its own connection before an id changes hands
 * (BoardPresence.contest): the holder's instance pings its connection and answers alive or gone.
 *
 * Security decision: without it a tampered client on instance B could move the cursor of a person on
 * instance A (their id sent with another position) until that person's next movement took it back.
 * Lifecycle edge: an instance that died answers nothing; the asker's own timer (the takeover time)
 * then hands the id over, as for a local connection that stopped answering.
 */
import { randomInt } from 'node:crypto'

export type SendProbe = (instanceId: string, clientId: number, nonce: number) => void

interface Pending { instanceId: string; clientId: number; onAlive: () => void; onGone?: () => void }

export class RemoteProbes {
  /**
   * Random start: a board unloaded and loaded again makes a new RemoteProbes, and an answer to the
   * old one's question still on its way must not match the new one's first.
   */
  private nextNonce = randomInt(1, 2 ** 31)
  private readonly pending = new Map<number, Pending>()

  constructor(private readonly send: SendProbe) {}

  ask(instanceId: string, clientId: number, onAlive: () => void, onGone?: () => void): void {
    const nonce = this.nextNonce++
    this.pending.set(nonce, { instanceId, clientId, onAlive, onGone })
    this.send(instanceId, clientId, nonce)
  }

  /** Forget a question whose answer no longer matters (the asker's timer ran out, or it left). */
  cancel(onAlive: () => void): void {
    for (const [nonce, p] of this.pending) if (p.onAlive === onAlive) this.pending.delete(nonce)
  }

  /**
   * The answer came from instance `from` about `clientId`. One that was cancelled, never asked, or
   * comes from another instance or about another id than the question's is ignored.
   */
  answered(nonce: number, from: string, clientId: number, alive: boolean): void {
    const p = this.pending.get(nonce)
    if (!p || p.instanceId !== from || p.clientId !== clientId) return
    this.pending.delete(nonce)
    if (alive) p.onAlive()
    else p.onGone?.()
  }

  get size(): number {
    return this.pending.size
  }
}
