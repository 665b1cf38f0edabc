/**
 * Rate limits per client address (docs/api.md, "Rate limits"): write API calls, project creation,
 * and wrong link tokens. One process: token buckets in memory (a client may spend a whole minute's
 * allowance at once, then gets one more every 60/limit seconds; a restart forgets the counts, which
 * only ever errs on the side of letting people in). Several instances (REDIS_URL): the same limits
 * counted in Redis for all of them (server/cluster/SharedRate.ts), so a balancer spreading a
 * client's calls over three instances does not triple its allowance.
 */
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import type { Redis } from 'ioredis'
import type { Config } from '../config.js'
import { SharedRate } from '../cluster/SharedRate.js'
import { HttpError } from './HttpError.js'
import type { RequestPath } from './requestPath.js'

interface Bucket {
  tokens: number
  at: number
}

/** Past this many tracked addresses, the ones idle longest are forgotten (bounded memory under a flood). */
const MAX_TRACKED = 50_000
const PRUNE_EVERY_MS = 60_000

/** One limit's counts: in memory (TokenBucket) or shared by the instances (SharedRate). */
export interface RateCount {
  /** Seconds until `key` may go once more; 0 if it may now. Takes nothing. */
  wait(key: string): number | Promise<number>
  /** Spend one for `key` if it has one: 0 when spent, else the seconds to wait. */
  take(key: string): number | Promise<number>
}

export class TokenBucket implements RateCount {
  private readonly buckets = new Map<string, Bucket>()
  private readonly perMs: number
  private lastPrune = 0

  /** `perMinute` 0 means no limit. */
  constructor(private readonly perMinute: number, private readonly now: () => number = Date.now) {
    this.perMs = perMinute / 60_000
  }

  /** Seconds until `key` may go once more; 0 if it may now. Takes nothing. */
  wait(key: string): number {
    if (this.perMinute === 0) return 0
    const tokens = this.refill(key).tokens
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000))
  }

  /** Spend one for `key` if it has one: 0 when spent, else the seconds to wait (nothing spent). */
  take(key: string): number {
    const wait = this.wait(key)
    if (wait === 0 && this.perMinute !== 0) this.refill(key).tokens -= 1
    return wait
  }

  private refill(key: string): Bucket {
    const now = this.now()
    this.prune(now)
    let b = this.buckets.get(key)
    if (!b) {
      b = { tokens: this.perMinute, at: now }
      this.buckets.set(key, b)
    } else {
      b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * this.perMs)
      b.at = now
      // Most recently used last, so the overflow rule below drops the idlest first.
      this.buckets.delete(key)
      this.buckets.set(key, b)
    }
    return b
  }

  private prune(now: number): void {
    if (now - this.lastPrune < PRUNE_EVERY_MS && this.buckets.size < MAX_TRACKED) return
    this.lastPrune = now
    // A bucket that has refilled is the same as no bucket at all.
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.perMinute) this.buckets.delete(key)
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < MAX_TRACKED) break
      this.buckets.delete(key)
    }
  }
}

type LimitConfig = Pick<Config, 'rateLimitPerMinute' | 'projectCreateLimitPerMinute' | 'authFailureLimitPerMinute' | 'trustProxy'>

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Where several instances keep their shared counts (REDIS_URL); absent: this process counts alone. */
export interface SharedLimitStore {
  redis: Redis
  /** REDIS_PREFIX. */
  prefix: string
}

export class RequestLimits {
  private readonly writes: RateCount
  private readonly creations: RateCount
  private readonly authFailures: RateCount

  constructor(private readonly config: LimitConfig, now: () => number = Date.now, private readonly shared?: SharedLimitStore) {
    if (shared) {
      const { redis, prefix } = shared
      this.writes = new SharedRate(redis, `${prefix}rate:writes`, config.rateLimitPerMinute)
      this.creations = new SharedRate(redis, `${prefix}rate:creations`, config.projectCreateLimitPerMinute)
      this.authFailures = new SharedRate(redis, `${prefix}rate:auth`, config.authFailureLimitPerMinute)
      return
    }
    this.writes = new TokenBucket(config.rateLimitPerMinute, now)
    this.creations = new TokenBucket(config.projectCreateLimitPerMinute, now)
    this.authFailures = new TokenBucket(config.authFailureLimitPerMinute, now)
  }

  /** A further per-address limit (`name` keys it in Redis), counted like the ones above: across instances with REDIS_URL. */
  rate(name: string, perMinute: number): RateCount {
    return this.shared ? new SharedRate(this.shared.redis, `${this.shared.prefix}rate:${name}`, perMinute) : new TokenBucket(perMinute)
  }

  /**
   * Before routing an /api request: throws a 429 HttpError if this client must wait. Wrong tokens
   * are not refused here but once they are known to be wrong (recordAuthFailure).
   */
  async admit(req: IncomingMessage, path: RequestPath): Promise<void> {
    const key = this.clientKey(req)
    if (!WRITE_METHODS.has(req.method ?? '')) return
    // An import creates a project too (POST /api/projects/import), so it counts against the same limit.
    const creating = req.method === 'POST' && (path.raw === '/api/projects' || path.raw === '/api/projects/import' || isWorkspaceCreation(path))
    const creationWait = creating ? await this.creations.wait(key) : 0
    const wait = Math.max(await this.writes.wait(key), creationWait)
    if (wait) {
      throw rateLimited(wait, creationWait
        ? `Too many new projects were created from your network; wait ${wait} seconds and try again.`
        : `Too many requests came from your network; wait ${wait} seconds and try again.`)
    }
    // Race (several instances): calls checked at the same moment elsewhere may have spent the last
    // one between the wait above and here; the take answers that, and its answer is the one obeyed.
    const taken = await this.writes.take(key)
    const createTaken = creating ? await this.creations.take(key) : 0
    if (taken || createTaken) {
      throw rateLimited(Math.max(taken, createTaken), createTaken
        ? `Too many new projects were created from your network; wait ${createTaken} seconds and try again.`
        : `Too many requests came from your network; wait ${taken} seconds and try again.`)
    }
  }

  /**
   * A request presented a token that belongs to no link (401 invalid_token). Counts it, and returns
   * the 429 to answer instead when the address is past its wrong-token budget (else undefined).
   *
   * Security decision: only wrong tokens are refused, never a right one. A venue's phones share one
   * public address, so refusing every token there would let one person typing junk (or one broken
   * device) lock the whole meeting out. What makes guessing hopeless is the token's 256 random bits
   * (tokens.ts), not this limit; the limit only makes a guessing script slow and loud. That a right
   * token gets through while wrong ones get 429 tells a guesser nothing they could ever use.
   */
  async recordAuthFailure(req: IncomingMessage): Promise<HttpError | undefined> {
    const wait = await this.authFailures.take(this.clientKey(req))
    return wait ? wrongTokensLimited(wait) : undefined
  }

  /** Seconds this client is past its wrong-token budget, if the request presents a token; 0 if not. */
  async authWait(req: IncomingMessage): Promise<number> {
    return presentsToken(req) ? this.authFailures.wait(this.clientKey(req)) : 0
  }

  /**
   * The address a limit is counted against. Security: X-Forwarded-For is only believed with
   * TRUST_PROXY, and then only its last entry, the one our own proxy appended; earlier entries are
   * whatever the client sent. IPv6 addresses count per /64, since one home or phone gets a whole
   * /64 and could otherwise step through addresses to dodge the limit.
   */
  clientKey(req: IncomingMessage): string {
    let address = req.socket.remoteAddress ?? ''
    if (this.config.trustProxy) {
      const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean)
      if (forwarded.length > 0) address = forwarded[forwarded.length - 1]
    }
    return addressKey(address)
  }
}

function presentsToken(req: IncomingMessage): boolean {
  return req.headers.authorization !== undefined || /[?&]token=/.test(req.url ?? '')
}

export function wrongTokensLimited(wait: number): HttpError {
  return rateLimited(wait, `Too many wrong link tokens came from your network; wait ${wait} seconds, then open the link you were given again.`)
}

function rateLimited(seconds: number, message: string): HttpError {
  return new HttpError(429, 'rate_limited', message, { 'Retry-After': String(seconds) })
}

export function addressKey(address: string): string {
  const plain = address.replace(/%.*$/, '')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain)
  if (mapped) return mapped[1]
  if (isIP(plain) !== 6) return plain
  // An IPv4 tail (::ffff:0:1.2.3.4, 64:ff9b::1.2.3.4) is two groups; only its count matters here.
  const v6 = plain.replace(/\d+\.\d+\.\d+\.\d+$/, '0:0')
  const [head, tail = ''] = v6.split('::')
  const left = head ? head.split(':') : []
  const right = v6.includes('::') && tail ? tail.split(':') : []
  const groups = v6.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`
}

/** A new workspace, or a new project inside one (server/http/workspaceRoutes.ts): counted as creations too. */
function isWorkspaceCreation(path: RequestPath): boolean {
  const [api, workspaces, , projects] = path.segments
  return api === 'api' && workspaces === 'workspaces' && (path.segments.length === 2 || (path.segments.length === 4 && projects === 'projects'))
}
