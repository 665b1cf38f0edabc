/**
 * The worker thread behind PgSqlDb: holds one `pg` Client per opened database and answers the main
 * thread's calls, which wait for the answer synchronously (synckit: Atomics.wait on a shared buffer,
 * then receiveMessageOnPort). Self-contained on purpose (imports only `pg` and `synckit`): run from
 * the TypeScript sources, pgWorkerFile.ts transpiles this one file and nothing it imports.
 *
 * Every answer is data, never a thrown error, so an error's `code` (SQLSTATE or a Node network code)
 * reaches the main thread intact. A lost connection is replaced on the next call — but not inside a
 * transaction: its statements are gone with the connection, so the rest of it fails until the main
 * thread rolls it back, rather than running outside any transaction.
 */
import pg from 'pg'
import { runAsWorker } from 'synckit'

export type PgRequest =
  | { op: 'open'; handle: number; url: string; timeoutMs: number }
  | { op: 'query'; handle: number; sql: string; params: unknown[] }
  | { op: 'exec'; handle: number; sql: string; tx?: 'begin' | 'end' }
  | { op: 'reset'; handle: number }
  | { op: 'close'; handle: number }

export interface PgFailure { message: string; code?: string }
export type PgAnswer =
  | { ok: true; rows: Record<string, unknown>[]; rowCount: number }
  | { ok: false; error: PgFailure; connectionLost: boolean }

/** A bridged session idle inside a transaction this long is ended by PostgreSQL (its locks go with it). */
const IDLE_IN_TX_MS = 10_000
/** The longest a bridged statement waits for a lock (another instance's transaction) before failing. */
const LOCK_WAIT_MS = 3_000
/** How much later than PostgreSQL's statement_timeout pg itself gives up on an answer. */
const QUERY_TIMEOUT_MARGIN_MS = 1_000
const INT8 = 20
const BOOL = 16
const NUMERIC = 1700

/**
 * What better-sqlite3 returns, so the stores read the same values on both engines: BIGINT and
 * NUMERIC (COUNT, SUM) as numbers, booleans as 1/0 (SQLite has no booleans: `closed_at IS NULL`
 * is 1 or 0 there). BYTEA comes back as a Buffer by pg's default.
 */
function toNumber(text: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n) && Number.isInteger(n)) throw new Error(`PostgreSQL returned ${text}, too large for a JavaScript number`)
  return n
}
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8 || oid === NUMERIC) return toNumber
    if (oid === BOOL) return (text: string) => (text === 't' ? 1 : 0)
    return pg.types.getTypeParser(oid, format as 'text')
  },
}

interface Conn {
  url: string
  timeoutMs: number
  client: pg.Client | null
  /** Inside BEGIN … COMMIT/ROLLBACK (set by 'exec' with tx). */
  inTransaction: boolean
  /** The connection died inside the open transaction: its work is gone. */
  lostInTransaction: boolean
}

const conns = new Map<number, Conn>()

function failure(err: unknown): PgFailure {
  const e = err as { message?: unknown; code?: unknown }
  return { message: typeof e?.message === 'string' ? e.message : String(err), ...(typeof e?.code === 'string' ? { code: e.code } : {}) }
}

/** Errors after which this connection cannot be used again (network, server shutdown, timeouts). */
function isConnectionError(err: unknown): boolean {
  const { code, message } = failure(err)
  if (code && /^(E[A-Z]+|08\w{3}|57P0[1-3])$/.test(code)) return true
  return /Connection terminated|connection timeout|timeout exceeded|Client has encountered a connection error|not queryable|Query read timeout/i.test(message)
}

async function connect(conn: Conn): Promise<pg.Client> {
  if (conn.client) return conn.client
  const client = new pg.Client({
    connectionString: conn.url, types, application_name: 'commonground',
    // PostgreSQL cancels a statement past statement_timeout and the connection lives on; pg's own
    // query_timeout, a moment later, is for a server that does not answer at all (then the
    // connection is given up).
    connectionTimeoutMillis: conn.timeoutMs, statement_timeout: conn.timeoutMs, query_timeout: conn.timeoutMs + QUERY_TIMEOUT_MARGIN_MS,
    // Lifecycle edge: an instance that dies inside a transaction (power cut, network gone: no FIN
    // reaches the server) would keep the bridge's advisory lock, and every other instance's writes
    // would wait on it. PostgreSQL ends a session idle in a transaction after IDLE_IN_TX_MS, and TCP
    // keepalive finds a dead peer; a lock wait gives up after LOCK_WAIT_MS, well before the call's
    // own timeout, so callers fail fast while the lock is held.
    keepAlive: true, keepAliveInitialDelayMillis: 10_000,
    options: `-c idle_in_transaction_session_timeout=${IDLE_IN_TX_MS} -c lock_timeout=${Math.min(LOCK_WAIT_MS, conn.timeoutMs)}`,
  })
  // An idle connection that drops (server restart) emits 'error'; without a listener that would
  // crash the worker. The next call connects again.
  client.on('error', () => drop(conn, client))
  client.on('end', () => drop(conn, client))
  try {
    await client.connect()
  } catch (err) {
    void client.end().catch(() => {})
    throw err
  }
  conn.client = client
  return client
}

function drop(conn: Conn, client: pg.Client): void {
  if (conn.client !== client) return
  conn.client = null
  if (conn.inTransaction) conn.lostInTransaction = true
  void client.end().catch(() => {})
}

async function run(conn: Conn, fn: (client: pg.Client) => Promise<pg.QueryResult | pg.QueryResult[]>): Promise<PgAnswer> {
  let client: pg.Client
  try {
    client = await connect(conn)
  } catch (err) {
    // Whatever the reason (refused, timed out, database gone, no connections left), no connection.
    return { ok: false, error: failure(err), connectionLost: true }
  }
  try {
    const result = await fn(client)
    const last = Array.isArray(result) ? result[result.length - 1] : result
    return { ok: true, rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 }
  } catch (err) {
    const lost = isConnectionError(err)
    if (lost && conn.client) drop(conn, conn.client)
    return { ok: false, error: failure(err), connectionLost: lost }
  }
}

const LOST_IN_TRANSACTION: PgAnswer = {
  ok: false, connectionLost: true,
  error: { message: 'the connection to PostgreSQL was lost during this transaction; nothing of it was stored', code: '08006' },
}

async function handle(req: PgRequest): Promise<PgAnswer> {
  if (req.op === 'open') {
    conns.set(req.handle, { url: req.url, timeoutMs: req.timeoutMs, client: null, inTransaction: false, lostInTransaction: false })
    return run(conns.get(req.handle)!, (client) => client.query('SELECT 1'))
  }
  const conn = conns.get(req.handle)
  if (!conn) return { ok: false, connectionLost: false, error: { message: 'this PostgreSQL database was closed' } }
  if (req.op === 'close') {
    conns.delete(req.handle)
    if (conn.client) await conn.client.end().catch(() => {})
    return { ok: true, rows: [], rowCount: 0 }
  }
  if (req.op === 'reset') {
    // The main thread gave up waiting (its timeout): whatever this connection was doing, it is
    // abandoned, so a fresh connection answers the next call.
    if (conn.client) drop(conn, conn.client)
    conn.inTransaction = false
    conn.lostInTransaction = false
    return { ok: true, rows: [], rowCount: 0 }
  }
  if (req.op === 'exec' && req.tx === 'end') {
    const wasLost = conn.lostInTransaction
    conn.inTransaction = false
    conn.lostInTransaction = false
    if (wasLost || !conn.client) return wasLost && /ROLLBACK/i.test(req.sql) ? { ok: true, rows: [], rowCount: 0 } : LOST_IN_TRANSACTION
    return run(conn, (client) => client.query(req.sql))
  }
  if (conn.inTransaction && (conn.lostInTransaction || !conn.client)) return LOST_IN_TRANSACTION
  if (req.op === 'exec') {
    const answer = await run(conn, (client) => client.query(req.sql))
    if (req.tx === 'begin' && answer.ok) conn.inTransaction = true
    // BEGIN went through but what followed it (the advisory lock: a statement timeout while another
    // instance holds it) did not: the connection sits in an aborted transaction, which would refuse
    // every later statement. The main thread saw the error and will not send a ROLLBACK for it.
    if (req.tx === 'begin' && !answer.ok && conn.client) await conn.client.query('ROLLBACK').catch(() => {})
    return answer
  }
  const params = req.params.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p))
  return run(conn, (client) => client.query(req.sql, params))
}

runAsWorker(handle)
