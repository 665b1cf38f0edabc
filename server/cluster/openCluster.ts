/**
 * What an instance shares with the others: nothing without REDIS_URL (LocalRelay, limits and caps
 * in memory, as one process always had), and with it a Redis relay (server/sync/relay/RedisRelay.ts)
 * plus the connection the shared limits and caps use (server/cluster/SharedCaps.ts, rateLimit.ts).
 */
import { Redis } from 'ioredis'
import type { Config } from '../config.js'
import { LocalRelay } from '../sync/relay/LocalRelay.js'
import type { Relay } from '../sync/relay/Relay.js'
import { RedisRelay } from '../sync/relay/RedisRelay.js'
import { withoutPassword } from '../storage/sql/withoutPassword.js'

export interface Cluster {
  relay: Relay
  /** The command connection (limits, caps, publishing); null without REDIS_URL. */
  redis: Redis | null
  prefix: string
  close(): Promise<void>
}

/** How long startup waits for Redis before giving up loudly. */
const CONNECT_TIMEOUT_MS = 10_000

export async function openCluster(config: Pick<Config, 'redisUrl' | 'redisPrefix'>, log: (line: string) => void): Promise<Cluster> {
  const prefix = config.redisPrefix
  if (!config.redisUrl) {
    const relay = new LocalRelay()
    return { relay, redis: null, prefix, close: () => relay.close() }
  }
  const url = config.redisUrl
  const publisher = new Redis(url, {
    connectionName: `${prefix}commands`,
    // Why no offline queue: a limit check or a publish while Redis is away must fail at once (the
    // limit falls back to this instance's own count, the publish is caught up from storage), not
    // hold an upgrade or pile up memory until Redis returns.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
  })
  // The subscriber keeps ioredis' offline queue: a board joining while Redis is away subscribes on reconnect.
  const subscriber = new Redis(url, { connectionName: `${prefix}relay`, maxRetriesPerRequest: null })
  let lastError = ''
  for (const client of [publisher, subscriber]) {
    // ioredis reconnects by itself; without a listener each failed attempt would be an unhandled 'error'.
    client.on('error', (err: Error) => {
      if (err.message === lastError) return
      lastError = err.message
      log(`redis: ${err.message} (reconnecting)`)
    })
    client.on('ready', () => { lastError = '' })
  }
  try {
    await Promise.all([publisher, subscriber].map((c) => ready(c)))
  } catch (err) {
    publisher.disconnect()
    subscriber.disconnect()
    throw new Error(`REDIS_URL ${withoutPassword(url, 'redis://…')} could not be reached: ${String(err)}`, { cause: err })
  }
  const relay = new RedisRelay({ publisher, subscriber, prefix, log })
  return { relay, redis: publisher, prefix, close: () => relay.close() }
}

function ready(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS)
    client.once('ready', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

