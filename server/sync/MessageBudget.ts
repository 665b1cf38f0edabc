/**
 * Per-connection flood guard: a token bucket of sync messages. A connection may send `burst`
 * messages at once, then `perSecond` more each second. Counted per message, not per byte: the
 * byte side is bounded by MAX_MESSAGE_BYTES, and what a flood costs the server is the per-message
 * work (decode, apply, store, relay to everyone on the board).
 */
export class MessageBudget {
  private tokens: number
  private at: number

  /** `perSecond` 0 means no limit. */
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst
    this.at = now()
  }

  /**
   * Spend `cost` (one message by default; UpdateGate spends bytes); false when the connection has
   * sent too much too fast, and then nothing is spent.
   */
  take(cost = 1): boolean {
    if (this.perSecond === 0) return true
    const now = this.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) * this.perSecond) / 1000)
    this.at = now
    if (this.tokens < cost) return false
    this.tokens -= cost
    return true
  }
}
