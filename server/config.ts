/**
 * The one place that reads the environment. Everything else receives a Config.
 * README.md's configuration table lists the same variables.
 */
import path from 'node:path'
import { DEFAULT_MAX_UPLOAD_BYTES } from '../src/shared/assets.js'
import { DEFAULT_IMPORT_MAX_BYTES } from '../src/shared/exportApi.js'

export interface Config {
  port: number
  host: string
  dataDir: string
  /** Directory holding the built client (index.html + assets). */
  clientDir: string
  tldrawLicenseKey: string | null
  maxUploadBytes: number
  /** Largest single WebSocket frame accepted from a client. */
  maxMessageBytes: number
  /** Largest awareness (presence) update accepted from a client; a cursor and a name need a few hundred bytes. */
  maxAwarenessBytes: number
  /** Largest a board's state may grow to through clients' edits, in bytes; 0 = no limit. */
  maxBoardBytes: number
  /** Bytes of edits one sync connection may send per minute (a minute's worth at once); 0 = no limit. */
  writeBytesPerMinute: number
  /** Sustained sync messages per second one connection may send; 0 = no limit. */
  syncMessagesPerSecond: number
  /** Sync messages one connection may send in a burst before the per-second rate applies. */
  syncMessageBurst: number
  /** Open sync connections per client address; 0 = no limit. */
  maxConnectionsPerIp: number
  /** Presence (awareness) states one board holds at most; a newcomer beyond it is not shown. */
  maxPresencePerBoard: number
  /** Shortest interval between two relays of a board's presence (ms). */
  presenceRelayMs: number
  /** How long the holder of a presence client id has to answer a ping before a new connection claiming that id takes it over (ms). */
  presenceTakeoverMs: number
  /** Presence bytes a second each connection is sent at most (the relay slows down past it); 0 = no cap. */
  presenceBytesPerSecond: number
  /** Open project event streams (SSE) per client address; 0 = no limit. */
  maxEventStreamsPerIp: number
  /** Origins besides PUBLIC_URL and the server's own that may make state-changing calls and open the sync endpoint. */
  allowedOrigins: string[]
  /** Bytes of edits held in memory while storage fails; past this, new edits are refused (clients keep them). */
  maxUnsavedBytes: number
  /** A board that changed gets a history snapshot this often (and when it unloads); 0 = only at stage moves. */
  snapshotIntervalMs: number
  /** Boards (plain boards and projects) this server stores; creating one more is refused; 0 = no limit. */
  maxBoards: number
  /** Interval between WebSocket pings; a connection that misses one full interval is closed. */
  pingIntervalMs: number
  /** Stored incremental updates per board before they are folded into one snapshot. */
  compactAfterUpdates: number
  /** How long a board with no connections stays in memory before it is flushed and unloaded. */
  unloadDelayMs: number
  /** Interval of the `: ping` comment on project event streams (keeps proxies from closing them). */
  eventPingIntervalMs: number
  /** Write API calls (POST/PUT/PATCH/DELETE under /api) per client address per minute; 0 = no limit. */
  rateLimitPerMinute: number
  /** Project creations per client address per minute; 0 = no limit. */
  projectCreateLimitPerMinute: number
  /** Wrong link tokens (401 invalid_token) per client address per minute before token use is refused; 0 = no limit. */
  authFailureLimitPerMinute: number
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy that sets it). */
  trustProxy: boolean
  /** Largest project archive POST /api/projects/import accepts (its ZIP bytes; inflated contents are capped at 2× this). */
  importMaxBytes: number
  /** The address people reach this server at (e.g. https://cogo.example.cn), for join links and QR codes; null = work it out. */
  publicUrl: string | null
  /** PostgreSQL to store everything in (postgres://user@host:5432/db), for several instances; null = SQLite under dataDir. */
  databaseUrl: string | null
  /** Redis (redis://…) through which several instances serve the same boards; null = one instance, everything in memory. */
  redisUrl: string | null
  /** Prefix of every Redis key and channel this deployment uses (several deployments or test runs may share one Redis). */
  redisPrefix: string
}

type Env = Record<string, string | undefined>

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) {
    throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`)
  }
  return n
}

function origin(env: Env, name: string): string | null {
  const raw = (env[name] ?? '').trim()
  if (raw === '') return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(`${name} must be an http(s) address like https://cogo.example.cn, got "${raw}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must start with http:// or https://, got "${raw}"`)
  return url.origin
}

function origins(env: Env, name: string): string[] {
  const raw = (env[name] ?? '').trim()
  if (raw === '') return []
  return raw.split(',').map((s) => s.trim()).filter(Boolean).map((item) => origin({ [name]: item }, name)!)
}

/**
 * The address of a service (PostgreSQL, Redis) with one of `protocols` ('redis:'), or null when unset.
 * Security: never echoed in the error, since such addresses often carry a password.
 */
function serviceUrl(env: Env, name: string, protocols: readonly string[], example: string): string | null {
  const raw = (env[name] ?? '').trim()
  if (raw === '') return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(`${name} must be an address like ${example}`)
  }
  if (!protocols.includes(url.protocol)) throw new Error(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`)
  return raw
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase()
  if (raw === '') return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new Error(`${name} must be true or false (1/0), got "${env[name]}"`)
}

function redisPrefix(env: Env, name: string): string {
  const raw = env[name] ?? 'cg:'
  // Why so strict: the prefix becomes part of key and channel names and of the connections' names
  // (CLIENT SETNAME refuses spaces), so only what reads plainly in redis-cli is allowed.
  if (!/^[A-Za-z0-9:_.-]{1,64}$/.test(raw)) throw new Error(`${name} must be 1–64 letters, digits or ":_.-", got "${raw}"`)
  return raw
}

export function readConfig(env: Env = process.env, cwd = process.cwd()): Config {
  return {
    port: int(env, 'PORT', 8080),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(cwd, env.DATA_DIR || './data'),
    clientDir: path.resolve(cwd, env.CLIENT_DIR || './dist/client'),
    tldrawLicenseKey: env.TLDRAW_LICENSE_KEY || null,
    maxUploadBytes: int(env, 'MAX_UPLOAD_BYTES', DEFAULT_MAX_UPLOAD_BYTES, 1),
    maxMessageBytes: int(env, 'MAX_MESSAGE_BYTES', 8 * 1024 * 1024, 1024),
    maxAwarenessBytes: int(env, 'MAX_AWARENESS_BYTES', 64 * 1024, 1024),
    // A 5,000-shape board is about 3 MB; images are uploads, never inside the doc. 32 MiB leaves
    // ten times that and keeps what every newcomer downloads within reach of a phone.
    maxBoardBytes: int(env, 'MAX_BOARD_BYTES', 32 * 1024 * 1024),
    // A paste of 1,000 shapes is about 1 MB; a person drawing for a minute sends far less. 16 MiB a
    // minute never stops a person and stops a script after two of its 8 MB frames.
    writeBytesPerMinute: int(env, 'MAX_WRITE_BYTES_PER_MINUTE', 16 * 1024 * 1024),
    // A tldraw drag sends about 60 updates and as many presence messages a second; a reconnect
    // after offline work sends a handful of large ones. 200/s with a burst of 2000 leaves room for
    // both and still stops a script that floods the board.
    syncMessagesPerSecond: int(env, 'SYNC_MESSAGES_PER_SECOND', 200),
    syncMessageBurst: int(env, 'SYNC_MESSAGE_BURST', 2000, 1),
    // One venue's phones may share a single public address (NAT), so the default is generous.
    maxConnectionsPerIp: int(env, 'MAX_CONNECTIONS_PER_IP', 200),
    // A meeting is tens of people; a newcomer's first presence message carries every state (a few
    // hundred bytes each), so the cap also bounds that message and the board's presence memory.
    maxPresencePerBoard: int(env, 'MAX_PRESENCE_PER_BOARD', 500, 1),
    // 50 ms: cursors move at 20 frames a second for everyone, whatever the senders' rate.
    presenceRelayMs: int(env, 'PRESENCE_RELAY_MS', 50, 0),
    presenceTakeoverMs: int(env, 'PRESENCE_TAKEOVER_MS', 10_000, 1),
    // A phone's budget for cursors in a meeting (≤ 20 KB/s with 10 people moving). Packed
    // states are ~120 bytes with the name, so this is 20 relays a second of up to 7 moving people,
    // and fewer a second (never fewer cursors) beyond that.
    presenceBytesPerSecond: int(env, 'PRESENCE_BYTES_PER_SECOND', 16 * 1024),
    // An open event stream holds a socket and a little memory, like a sync connection; the same
    // generous cap, since every phone of a venue behind one NAT has one stream per open project.
    maxEventStreamsPerIp: int(env, 'MAX_EVENT_STREAMS_PER_IP', 200),
    allowedOrigins: origins(env, 'ALLOWED_ORIGINS'),
    // Held edits are the doc's own updates, a few hundred bytes per stroke: 64 MiB is hours of a
    // busy meeting, and still small next to the memory of the loaded boards themselves.
    maxUnsavedBytes: int(env, 'MAX_UNSAVED_BYTES', 64 * 1024 * 1024, 1),
    maxBoards: int(env, 'MAX_BOARDS', 10_000),
    snapshotIntervalMs: int(env, 'SNAPSHOT_INTERVAL_MS', 30 * 60_000),
    pingIntervalMs: int(env, 'PING_INTERVAL_MS', 30_000, 100),
    compactAfterUpdates: int(env, 'COMPACT_AFTER_UPDATES', 500, 1),
    unloadDelayMs: int(env, 'UNLOAD_DELAY_MS', 5_000, 0),
    eventPingIntervalMs: int(env, 'EVENT_PING_INTERVAL_MS', 25_000, 100),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 600),
    projectCreateLimitPerMinute: int(env, 'PROJECT_CREATE_LIMIT_PER_MINUTE', 20),
    authFailureLimitPerMinute: int(env, 'AUTH_FAILURE_LIMIT_PER_MINUTE', 30),
    // Security: off by default. Behind no proxy, X-Forwarded-For is whatever the client typed, and
    // trusting it would let anyone dodge the rate limits by inventing an address per request.
    trustProxy: bool(env, 'TRUST_PROXY', false),
    importMaxBytes: int(env, 'IMPORT_MAX_BYTES', DEFAULT_IMPORT_MAX_BYTES, 1024),
    publicUrl: origin(env, 'PUBLIC_URL'),
    databaseUrl: serviceUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://user:password@db.example.cn:5432/commonground'),
    redisUrl: serviceUrl(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    redisPrefix: redisPrefix(env, 'REDIS_PREFIX'),
  }
}
