/**
 * A per-address rate shared by every instance (REDIS_URL), for RequestLimits (server/http/rateLimit.ts):
 * rate-limiter-flexible's Redis limiter, a well-kept library whose counting is one atomic Redis
 * script per call, rather than counters of our own. Its window is fixed (`perMinute` calls per 60 s
 * from the first), where one process uses a token bucket; for a limit that stops scripts, not
 * people, the difference does not matter.
 *
 * Lifecycle edge: while Redis is unreachable each instance counts on its own (the insurance
 * limiter, in memory), so the limits hold per instance rather than not at all.
 */
import type { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'

export class SharedRate {
  private readonly limiter: RateLimiterRedis | undefined

  /** `perMinute` 0 means no limit. */
  constructor(redis: Redis, keyPrefix: string, private readonly perMinute: number) {
    if (perMinute === 0) return
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix,
      points: perMinute,
      duration: 60,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
    })
  }

  /** Seconds until `key` may go once more; 0 if it may now. Takes nothing. */
  async wait(key: string): Promise<number> {
    if (!this.limiter) return 0
    const res = await this.limiter.get(key)
    return res && res.consumedPoints >= this.perMinute ? seconds(res) : 0
  }

  /** Spend one for `key`: 0 when it had one, else the seconds to wait. */
  async take(key: string): Promise<number> {
    if (!this.limiter) return 0
    try {
      await this.limiter.consume(key)
      return 0
    } catch (err) {
      if (err instanceof RateLimiterRes) return seconds(err)
      throw err
    }
  }
}

function seconds(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000))
}
