/**
 * "At most N open at once per client address" (MAX_CONNECTIONS_PER_IP for sync connections,
 * MAX_EVENT_STREAMS_PER_IP for event streams). One process counts in memory (LocalAddressCap).
 * Several instances count in Redis (RedisAddressCap), each instance under its own field of the
 * address's hash, so that what a killed instance held stops counting once its heartbeat key lapses.
 */
import type { Redis } from 'ioredis'

export interface AddressCap {
  /**
   * Count one more open thing of `address` if it is under the cap: resolves to the function that
   * gives it back (call it once, when the thing closes; more calls do nothing), or undefined when
   * the address is at the cap.
   */
  acquire(address: string): Promise<(() => void) | undefined>
  close(): void
}

/** `limit` 0 means no cap. */
export class LocalAddressCap implements AddressCap {
  protected readonly open = new Map<string, number>()

  constructor(protected readonly limit: number) {}

  acquire(address: string): Promise<(() => void) | undefined> {
    return Promise.resolve(this.take(address))
  }

  /** Synchronous, so that two acquires of one address can never both pass on the same last place. */
  protected take(address: string): (() => void) | undefined {
    const n = this.open.get(address) ?? 0
    if (this.limit > 0 && n >= this.limit) return undefined
    this.open.set(address, n + 1)
    return once(() => this.give(address))
  }

  protected give(address: string): void {
    const left = (this.open.get(address) ?? 1) - 1
    if (left > 0) this.open.set(address, left)
    else this.open.delete(address)
  }

  close(): void {}
}

/** A live instance renews its heartbeat key this often… */
const HEARTBEAT_MS = 5_000
/** …and it lapses after this: a killed instance's connections stop counting within 15 s. */
const HEARTBEAT_TTL_MS = 15_000

/**
 * Counts `address` across instances: KEYS[1] the address's hash (instance id → open count),
 * ARGV[1] this instance, ARGV[2] the cap, ARGV[3] the heartbeat key prefix. Fields of instances
 * whose heartbeat lapsed are dropped as they are met. Why a script: the count and the increment
 * must be one step, or instances admitting at the same moment would all take the last place.
 * (It reads heartbeat keys it is not given, which a Redis Cluster would refuse; one Redis is what
 * a deployment of this size runs.)
 */
const ACQUIRE = `
local total = 0
local fields = redis.call('HGETALL', KEYS[1])
for i = 1, #fields, 2 do
  if redis.call('EXISTS', ARGV[3] .. fields[i]) == 1 then
    total = total + tonumber(fields[i + 1])
  else
    redis.call('HDEL', KEYS[1], fields[i])
  end
end
if tonumber(ARGV[2]) > 0 and total >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
return 1`

const RELEASE = `
local n = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
if n <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return n`

export class RedisAddressCap extends LocalAddressCap {
  private readonly timer: NodeJS.Timeout
  /** A Redis call failed since the counts were last written whole: the next heartbeat rewrites them. */
  private stale = false
  /** Addresses whose count dropped to 0 while Redis was unreachable (their field must go). */
  private readonly emptied = new Set<string>()

  constructor(
    private readonly redis: Redis,
    /** e.g. `<REDIS_PREFIX>cap:sync:` */
    private readonly keyPrefix: string,
    /** `<REDIS_PREFIX>alive:`: one key per instance, shared by all its caps. */
    private readonly alivePrefix: string,
    private readonly instanceId: string,
    limit: number,
    private readonly log: (line: string) => void,
  ) {
    super(limit)
    this.timer = setInterval(() => void this.heartbeat(), HEARTBEAT_MS)
    this.timer.unref()
    void this.heartbeat()
  }

  override async acquire(address: string): Promise<(() => void) | undefined> {
    if (this.limit === 0) return this.take(address)
    let admitted: unknown
    try {
      admitted = await this.redis.eval(ACQUIRE, 1, this.keyPrefix + address, this.instanceId, String(this.limit), this.alivePrefix)
    } catch (err) {
      // Lifecycle edge: Redis unreachable. The cap then holds per instance (this one's own count),
      // not at all would let a flood through; the counts are written whole once Redis answers.
      this.noteFailure(err)
      return this.take(address)
    }
    if (admitted !== 1) return undefined
    const n = this.open.get(address) ?? 0
    this.open.set(address, n + 1)
    this.emptied.delete(address)
    return once(() => this.give(address))
  }

  protected override give(address: string): void {
    super.give(address)
    if (this.limit === 0) return
    if (!this.open.has(address)) this.emptied.add(address)
    this.redis.eval(RELEASE, 1, this.keyPrefix + address, this.instanceId).then(() => {
      if (!this.open.has(address)) this.emptied.delete(address)
    }, (err: unknown) => this.noteFailure(err))
  }

  private noteFailure(err: unknown): void {
    if (!this.stale) this.log(`redis: a connection cap could not be counted in Redis, counting on this instance until it answers: ${String(err)}`)
    this.stale = true
  }

  private async heartbeat(): Promise<void> {
    try {
      await this.redis.set(this.alivePrefix + this.instanceId, '1', 'PX', HEARTBEAT_TTL_MS)
      if (!this.stale || this.limit === 0) return
      // After a gap this instance's fields may have been dropped (its heartbeat lapsed) or missed
      // releases: they are set to what it really holds.
      const pipeline = this.redis.pipeline()
      for (const [address, n] of this.open) pipeline.hset(this.keyPrefix + address, this.instanceId, String(n))
      for (const address of this.emptied) pipeline.hdel(this.keyPrefix + address, this.instanceId)
      await pipeline.exec()
      this.emptied.clear()
      this.stale = false
    } catch (err) {
      this.noteFailure(err)
    }
  }

  override close(): void {
    clearInterval(this.timer)
    // Lifecycle edge: an orderly stop gives its places back at once instead of after the heartbeat TTL.
    this.redis.del(this.alivePrefix + this.instanceId).catch(() => {})
  }
}

function once(fn: () => void): () => void {
  let done = false
  return () => {
    if (done) return
    done = true
    fn()
  }
}
