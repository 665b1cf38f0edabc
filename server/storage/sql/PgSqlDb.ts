/**
 * SqlDb on PostgreSQL, called synchronously like better-sqlite3.
 *
 * Why synchronous: the stores on SqlDb (projects, links, participation, workspaces, history) were
 * written for SQLite's blocking API — their transactions are read-modify-write sequences (check a
 * name, number it, insert) that must not interleave with other requests. Here the event loop waits
 * for each PostgreSQL answer as it waits for SQLite's disk: a worker thread holds the `pg` Client and
 * the main thread blocks on its answer (synckit: Atomics.wait + receiveMessageOnPort, pgWorker.ts).
 * These calls come at human speed (a tick, a vote, a join); the hot path, board updates, is async
 * in the board storage and never goes through here.
 *
 * Every call has a timeout and fails loudly with a clear error. After a connection failure, calls
 * fail at once for a second (circuit breaker; longer after further failures in a row, at most 8 s)
 * instead of blocking the event loop again on every call; the first call after that connects again.
 *
 * Every transaction takes one PostgreSQL advisory lock first, so bridged transactions of several
 * server instances run one after another, as SQLite's single writer made them: the stores' checks
 * ("is this name taken?") are only right if nobody else writes between the check and the insert.
 * Nested transactions are savepoints, as in better-sqlite3.
 */
import { createSyncFn } from 'synckit'
import { BRIDGE_LOCK_KEY, LOCK_CLASS } from './advisoryLocks.js'
import { isSchemaText, pgQuery, pgSchema } from './pgDialect.js'
import type { PgAnswer, PgRequest } from './pgWorker.js'
import { pgWorkerFile } from './pgWorkerFile.js'
import type { SqlDb, SqlRunResult, SqlStatement } from './SqlDb.js'
import { withoutPassword } from './withoutPassword.js'

/**
 * The advisory lock every bridged transaction takes: in CommonGround's lock class, apart from the
 * board tables' migration lock and the per-board compaction locks (advisoryLocks.ts).
 */
export const BRIDGE_LOCK = `${LOCK_CLASS}, ${BRIDGE_LOCK_KEY}`
/** How long one call may take (connecting, or one statement) before it fails. */
export const PG_CALL_TIMEOUT_MS = 5_000
/**
 * After a connection failure, calls fail at once for this long rather than wait for a timeout each;
 * doubled after each further failure in a row, up to PG_RETRY_MAX_MS.
 */
export const PG_RETRY_AFTER_MS = 1_000
/**
 * Why a ceiling and a doubling: a database that does not answer at all (a host gone, packets
 * dropped) costs each try a full timeout of blocked event loop. Tried every second, the loop would be
 * blocked most of the time and every board on this instance would stall; at most every 8 s it is
 * blocked a fraction of the time, and the stores are back within 8 s of the database.
 */
export const PG_RETRY_MAX_MS = 8_000
/** The main thread's own limit on one call, should the worker itself not answer (it times out first). */
const BACKSTOP_EXTRA_MS = 5_000

/** An error from PostgreSQL or the bridge; `code` is the SQLSTATE (23505…) or a network code (ECONNREFUSED…). */
export class SqlError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message)
    this.name = 'SqlError'
  }
}

type Call = (req: PgRequest) => PgAnswer
let call: Call | undefined
let nextHandle = 1

/**
 * One worker per process serves every database this process opens (each its own Client): calls are
 * synchronous, so only one is ever in flight anyway.
 */
function worker(): Call {
  call ??= createSyncFn<(req: PgRequest) => Promise<PgAnswer>>(pgWorkerFile(), { timeout: PG_CALL_TIMEOUT_MS * 2 + BACKSTOP_EXTRA_MS })
  return call
}


export interface PgSqlDbOptions {
  /** Per call: connecting, or one statement (default PG_CALL_TIMEOUT_MS). */
  timeoutMs?: number
  /** The first fail-fast pause after a connection failure (default PG_RETRY_AFTER_MS; tests shorten it). */
  retryAfterMs?: number
}

export class PgSqlDb implements SqlDb {
  readonly name: string
  /** @internal The worker's number for this database's connection. */
  readonly handle = nextHandle++
  private readonly queries = new Map<string, string>()
  private depth = 0
  private downUntil = 0
  private lastFailure: SqlError | undefined
  /** Connection failures in a row (0 after a call that reached the database). */
  private failures = 0
  private readonly retryAfterMs: number
  private closed = false

  /** Connects (and checks the connection) before returning; throws a clear error when it cannot. */
  constructor(url: string, options: PgSqlDbOptions = {}) {
    this.name = withoutPassword(url, 'the PostgreSQL database (DATABASE_URL is not a URL)')
    this.retryAfterMs = options.retryAfterMs ?? PG_RETRY_AFTER_MS
    this.send({ op: 'open', handle: this.handle, url, timeoutMs: options.timeoutMs ?? PG_CALL_TIMEOUT_MS })
  }

  // The conditional return type mirrors SqlDb's (kept for better-sqlite3's sake); ours is always the array form.
  prepare<Params extends unknown[] | object = unknown[], Row = unknown>(sql: string): Params extends unknown[] ? SqlStatement<Params, Row> : SqlStatement<[Params], Row> {
    let text = this.queries.get(sql)
    if (text === undefined) {
      text = pgQuery(sql)
      this.queries.set(sql, text)
    }
    return new PgStatement(this, text) as unknown as Params extends unknown[] ? SqlStatement<Params, Row> : SqlStatement<[Params], Row>
  }

  exec(sql: string): this {
    this.send({ op: 'exec', handle: this.handle, sql: isSchemaText(sql) ? pgSchema(sql) : pgQuery(sql) })
    return this
  }

  transaction<Args extends unknown[], Result>(fn: (...args: Args) => Result): (...args: Args) => Result {
    return (...args: Args): Result => {
      const level = this.depth
      if (level === 0) this.send({ op: 'exec', handle: this.handle, sql: `BEGIN; SELECT pg_advisory_xact_lock(${BRIDGE_LOCK})`, tx: 'begin' })
      else this.send({ op: 'exec', handle: this.handle, sql: `SAVEPOINT cg_${level}` })
      this.depth++
      let result: Result
      try {
        result = fn(...args)
      } catch (err) {
        this.depth--
        try {
          if (level === 0) this.send({ op: 'exec', handle: this.handle, sql: 'ROLLBACK', tx: 'end' })
          else this.send({ op: 'exec', handle: this.handle, sql: `ROLLBACK TO SAVEPOINT cg_${level}; RELEASE SAVEPOINT cg_${level}` })
        } catch {
          // The connection is gone: PostgreSQL has rolled the transaction back itself. The error
          // that matters is the one that stopped the transaction.
        }
        throw err
      }
      this.depth--
      if (level === 0) this.send({ op: 'exec', handle: this.handle, sql: 'COMMIT', tx: 'end' })
      else this.send({ op: 'exec', handle: this.handle, sql: `RELEASE SAVEPOINT cg_${level}` })
      return result
    }
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    try {
      worker()({ op: 'close', handle: this.handle })
    } catch {
      // Closing a connection that is already gone.
    }
  }

  /** @internal PgStatement's way in. */
  send(req: PgRequest): { rows: Record<string, unknown>[]; rowCount: number } {
    if (this.closed) throw new SqlError(`${this.name} was closed`, undefined)
    // Fail fast while the database was just unreachable: each wait would block the event loop. The
    // end of a transaction still goes to the worker, which must forget the transaction either way.
    const ending = req.op === 'exec' && req.tx === 'end'
    if (Date.now() < this.downUntil && this.lastFailure && !ending) throw this.lastFailure
    let answer: PgAnswer
    try {
      answer = worker()(req)
    } catch (err) {
      // The worker did not answer in time (or died): abandon that connection, start afresh next time.
      const failure = new SqlError(`PostgreSQL (${this.name}) did not answer in time: ${err instanceof Error ? err.message : String(err)}`, 'ETIMEDOUT')
      this.markDown(failure)
      try { worker()({ op: 'reset', handle: this.handle }) } catch { /* the next call tries again */ }
      throw failure
    }
    if (answer.ok) {
      this.failures = 0
      return { rows: answer.rows.map(withBuffers), rowCount: answer.rowCount }
    }
    const failure = new SqlError(`PostgreSQL (${this.name}): ${answer.error.message}`, answer.error.code)
    if (answer.connectionLost) this.markDown(failure)
    else this.failures = 0
    throw failure
  }

  private markDown(failure: SqlError): void {
    this.lastFailure = failure
    const pause = Math.min(this.retryAfterMs * 2 ** Math.min(this.failures, 10), Math.max(PG_RETRY_MAX_MS, this.retryAfterMs))
    this.failures++
    this.downUntil = Date.now() + pause
  }
}

/** Bytes cross the thread as Uint8Array; the stores get Buffers, as from better-sqlite3. */
function withBuffers(row: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(row)) {
    if (v instanceof Uint8Array && !Buffer.isBuffer(v)) row[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength)
  }
  return row
}

class PgStatement implements SqlStatement {
  constructor(private readonly db: PgSqlDb, private readonly sql: string) {}

  private query(params: unknown[]) {
    return this.db.send({ op: 'query', handle: this.db.handle, sql: this.sql, params })
  }

  run(...params: unknown[]): SqlRunResult {
    return { changes: this.query(params).rowCount }
  }

  get(...params: unknown[]): unknown {
    return this.query(params).rows[0]
  }

  all(...params: unknown[]): unknown[] {
    return this.query(params).rows
  }
}
