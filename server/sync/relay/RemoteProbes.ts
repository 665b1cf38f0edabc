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
export type SendProbe = (instanceId: string, clientId: number, nonce: number) => void

interface Pending { onAlive: () => void; onGone?: () => void }

export class RemoteProbes {
  private nextNonce = 1
  private readonly pending = new Map<number, Pending>()

  constructor(private readonly send: SendProbe) {}

  ask(instanceId: string, clientId: number, onAlive: () => void, onGone?: () => void): void {
    const nonce = this.nextNonce++
    this.pending.set(nonce, { onAlive, onGone })
    this.send(instanceId, clientId, nonce)
  }

  /** Forget a question whose answer no longer matters (the asker's timer ran out, or it left). */
  cancel(onAlive: () => void): void {
    for (const [nonce, p] of this.pending) if (p.onAlive === onAlive) this.pending.delete(nonce)
  }

  /** The answer came; one that was cancelled, or never asked (a forged one), is ignored. */
  answered(nonce: number, alive: boolean): void {
    const p = this.pending.get(nonce)
    if (!p) return
    this.pending.delete(nonce)
    if (alive) p.onAlive()
    else p.onGone?.()
  }

  get size(): number {
    return this.pending.size
  }
}
