/**
 * Board storage on PostgreSQL (DATABASE_URL), through a `pg` Pool: the same tables and behaviour as
 * SqliteStorage, for several server instances sharing one database.
 *
 * Durability: every write is one transaction, committed (PostgreSQL's default synchronous_commit)
 * before its promise resolves; the sync layer relays an update only after that.
 *
 * Several writers per board: each instance holds its own Y.Doc and appends what its clients send, so
 * a board's stored updates may come from any instance. compact() therefore never simply replaces
 * them: under the board's advisory lock it merges the stored snapshot and the updates it reads into
 * the given state (mergeStoredState.ts) and deletes exactly the updates it read. An instance that
 * finds the lock taken does not compact at all (another is doing it): compaction runs once.
 */
import pg from 'pg'
import { errorCode } from './errorDetails.js'
import { PgAssetStore } from './PgAssetStore.js'
import { mergeStoredState } from './mergeStoredState.js'
import { BOARD_LOCK_CLASS, migrateBoardTables } from './pgBoardSchema.js'
import type { FoldedUpdates, Storage, StoredBoard, StoredDoc, UpdateAuthor } from './Storage.js'
import { AUDIT_RUN_MS } from './SqliteStorage.js'

/** OID of int8 (BIGINT, BIGSERIAL, COUNT(*)). */
const INT8_OID = 20

/**
 * BIGINT columns as JS numbers: every one holds a time in ms, a count, a Yjs client id (< 2^32), a
 * clock or a sequence number, all far below 2^53. Per pool, never pg's global parser: another
 * module's pool in the same process is not ours to change.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
}

/** pg hands out Buffers; give Yjs plain Uint8Array views of the same bytes (as SqliteStorage does). */
function bytes(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)
}

export interface PgStorageOptions {
  /** A query (of a live connection) that gets no answer for this long fails, so an outage is noticed (ms). */
  queryTimeoutMs?: number
  /** Opening a connection fails after this long (ms). */
  connectTimeoutMs?: number
  /** Pooled connections. */
  max?: number
}

export class PgStorage implements Storage {
  private closed = false
  /**
   * Per board, the snapshot generation this instance wrote from its own state alone (nothing of
   * other instances merged in). While the stored snapshot is still that generation, the doc it
   * came from holds it (a doc only grows, and a board loaded again is loaded from it), so a
   * compaction need not read and decode it again: for a large board that is megabytes per
   * compaction. Any other generation (another instance compacted, or ours merged in updates our
   * doc lacked) is read and merged.
   */
  private readonly ownSnapshots = new Map<string, number>()

  private constructor(private readonly pool: pg.Pool) {}

  /** Connect and migrate the board tables (waiting for another instance migrating at the same time). */
  static async open(url: string, options: PgStorageOptions = {}): Promise<PgStorage> {
    const pool = new pg.Pool({
      connectionString: url,
      types,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      query_timeout: options.queryTimeoutMs ?? 30_000,
      // Why: a connection cut while idle (the database restarted, a proxy dropped it) is reported on
      // the pool; unhandled, that event would crash the process. The next query opens a new one.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // An instance that dies inside a transaction (no FIN reaches the server) must not hold a
      // board's compaction lock or the migration lock for hours: PostgreSQL ends such a session.
      options: '-c idle_in_transaction_session_timeout=30000',
    })
    pool.on('error', () => {})
    // Same for a connection cut while checked out between two queries of a transaction: the next
    // query on it fails (and the transaction with it), which is how the failure is reported.
    pool.on('connect', (client) => client.on('error', () => {}))
    try {
      await migrateBoardTables(pool, 'The database at DATABASE_URL')
    } catch (err) {
      await pool.end().catch(() => {})
      throw err
    }
    return new PgStorage(pool)
  }

  private open(): pg.Pool {
    if (this.closed) throw new Error('Storage is closed')
    return this.pool
  }

  /**
   * Run `fn` in one transaction on one connection. A connection whose transaction failed in a way
   * that may have broken it (cut, timed out) is destroyed, not handed to the next caller.
   */
  private async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await this.open().connect()
    let broken: Error | undefined
    try {
      await client.query(begin)
      const result = await fn(client)
      await client.query('COMMIT')
      return result
    } catch (err) {
      try {
        await client.query('ROLLBACK')
      } catch {
        broken = err instanceof Error ? err : new Error(String(err))
      }
      throw err
    } finally {
      client.release(broken ?? false)
    }
  }

  async createBoard(board: StoredBoard): Promise<void> {
    try {
      await this.open().query('INSERT INTO boards (id, name, created_at) VALUES ($1, $2, $3)', [board.id, board.name, board.createdAt])
    } catch (err) {
      if (errorCode(err) === '23505') throw new Error(`A board with id ${board.id} already exists`, { cause: err })
      throw err
    }
  }

  async getBoard(id: string): Promise<StoredBoard | undefined> {
    const { rows } = await this.open().query<{ id: string; name: string; created_at: number }>(
      'SELECT id, name, created_at FROM boards WHERE id = $1', [id])
    const row = rows[0]
    return row && { id: row.id, name: row.name, createdAt: row.created_at }
  }

  async countBoards(): Promise<number> {
    return (await this.open().query<{ n: number }>('SELECT COUNT(*) AS n FROM boards')).rows[0].n
  }

  async loadDoc(boardId: string): Promise<StoredDoc> {
    // One repeatable-read transaction, so a snapshot and its updates are never seen half-compacted
    // (a compaction by another instance commits between the two selects otherwise).
    return this.transaction(async (client) => {
      const snap = await client.query<{ state: Buffer }>('SELECT state FROM snapshots WHERE board_id = $1', [boardId])
      const ups = await client.query<{ data: Buffer }>('SELECT data FROM updates WHERE board_id = $1 ORDER BY seq', [boardId])
      return { snapshot: snap.rows[0] ? bytes(snap.rows[0].state) : null, updates: ups.rows.map((r) => bytes(r.data)) }
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  }

  async appendUpdates(boardId: string, updates: Uint8Array[], authors?: (UpdateAuthor | undefined)[]): Promise<void> {
    this.open()
    if (updates.length === 0) return
    // Why one transaction for updates and audit rows: see SqliteStorage's appendTx.
    await this.transaction(async (client) => {
      await this.insertUpdates(client, boardId, updates)
      await this.auditAll(client, boardId, updates, authors, Date.now())
    })
  }

  /**
   * All of them in one statement: a batch is one round trip, not one per update. The rows take
   * their seq in the order of the sorted SELECT, so they load back in the order given (the
   * contract tests it; Yjs would apply them in any order, only slower).
   */
  private async insertUpdates(client: pg.PoolClient, boardId: string, updates: Uint8Array[]): Promise<void> {
    await client.query(
      'INSERT INTO updates (board_id, data) SELECT $1, d FROM unnest($2::bytea[]) WITH ORDINALITY AS u(d, n) ORDER BY n',
      [boardId, updates.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength))])
  }

  /**
   * The audit rows of a batch. One author's updates in one batch share `now`, so the first one
   * starts or extends a run and the rest extend the same run: grouping them first gives exactly
   * SqliteStorage's rows (same order, same counts) with one or two queries per author instead of
   * per update, which matters here (a round trip each, before the batch may be relayed).
   * A restore is a row of its own, as in SqliteStorage.
   */
  private async auditAll(client: pg.PoolClient, boardId: string, updates: Uint8Array[],
    authors: (UpdateAuthor | undefined)[] | undefined, now: number): Promise<void> {
    if (!authors) return
    const runs: { author: UpdateAuthor; updates: number; bytes: number }[] = []
    const edits = new Map<string, (typeof runs)[number]>()
    for (let i = 0; i < updates.length; i++) {
      const author = authors[i]
      if (!author) continue
      const key = author.kind === 'edit' ? JSON.stringify([author.linkId, author.participantId]) : undefined
      const run = key === undefined ? undefined : edits.get(key)
      if (run) {
        run.updates++
        run.bytes += updates[i].byteLength
        continue
      }
      const added = { author, updates: 1, bytes: updates[i].byteLength }
      runs.push(added)
      if (key !== undefined) edits.set(key, added)
    }
    for (const run of runs) await this.audit(client, boardId, run.author, run.updates, run.bytes, now)
  }

  /**
   * The same audit runs as SqliteStorage (AUDIT_RUN_MS). Race: two instances appending one author's
   * updates at once may both find no recent row and start two runs; the log then has two rows
   * where one would do, never a missing one. Extending is one UPDATE (row-locked), so counts add up.
   */
  private async audit(client: pg.PoolClient, boardId: string, author: UpdateAuthor, count: number, size: number, now: number): Promise<void> {
    if (author.kind === 'edit') {
      const last = (await client.query<{ id: number; last_at: number }>(
        `SELECT id, last_at FROM audit WHERE board_id = $1 AND kind = 'edit'
         AND link_id IS NOT DISTINCT FROM $2 AND participant_id IS NOT DISTINCT FROM $3
         ORDER BY id DESC LIMIT 1`, [boardId, author.linkId, author.participantId])).rows[0]
      if (last && now - last.last_at < AUDIT_RUN_MS) {
        await client.query('UPDATE audit SET last_at = $1, updates = updates + $2, bytes = bytes + $3 WHERE id = $4', [now, count, size, last.id])
        return
      }
    }
    await client.query(
      `INSERT INTO audit (board_id, kind, link_id, participant_id, first_at, last_at, updates, bytes)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7)`, [boardId, author.kind, author.linkId, author.participantId, now, count, size])
  }

  async loadRefusedClients(boardId: string): Promise<Map<number, number>> {
    const { rows } = await this.open().query<{ client: number; from_clock: number }>(
      'SELECT client, from_clock FROM refused_clients WHERE board_id = $1', [boardId])
    return new Map(rows.map((r) => [r.client, r.from_clock]))
  }

  async refuseClients(boardId: string, clients: ReadonlyMap<number, number>): Promise<void> {
    this.open()
    if (clients.size === 0) return
    const now = Date.now()
    await this.transaction(async (client) => {
      for (const [id, from] of clients) {
        await client.query(
          `INSERT INTO refused_clients (board_id, client, from_clock, at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (board_id, client) DO UPDATE SET from_clock = LEAST(refused_clients.from_clock, excluded.from_clock)`,
          [boardId, id, from, now])
      }
    })
  }

  /**
   * See the top of the file and Storage.ts. Race: appends from other instances run while this
   * transaction does; an update committed after the SELECT below is neither merged nor deleted
   * (the DELETE names the seqs read), so it stays stored for the next compaction.
   */
  async compact(boardId: string, state: Uint8Array, folded?: FoldedUpdates): Promise<void> {
    this.open()
    const written = await this.transaction(async (client): Promise<{ generation: number; own: boolean } | undefined> => {
      const now = Date.now()
      const locked = (await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS ok', [BOARD_LOCK_CLASS, boardId])).rows[0].ok
      if (!locked) {
        // Another instance is compacting this board (or one whose id hashes alike). Nothing of
        // ours is lost by skipping: what we appended is stored, and updates folded into `state`
        // without being appended are appended now instead, with their audit rows.
        if (folded && folded.updates.length > 0) {
          await this.insertUpdates(client, boardId, folded.updates)
          await this.auditAll(client, boardId, folded.updates, folded.authors, now)
        }
        return undefined
      }
      await this.auditAll(client, boardId, folded?.updates ?? [], folded?.authors, now)
      const current = (await client.query<{ generation: number }>('SELECT generation FROM snapshots WHERE board_id = $1', [boardId])).rows[0]
      const stored: Uint8Array[] = []
      if (current && this.ownSnapshots.get(boardId) !== current.generation) {
        const snap = await client.query<{ state: Buffer }>('SELECT state FROM snapshots WHERE board_id = $1', [boardId])
        stored.push(bytes(snap.rows[0].state))
      }
      const ups = await client.query<{ seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE board_id = $1 ORDER BY seq', [boardId])
      for (const r of ups.rows) stored.push(bytes(r.data))
      const merged = mergeStoredState(state, stored)
      const generation = (current?.generation ?? 0) + 1
      await client.query(
        `INSERT INTO snapshots (board_id, state, updated_at, generation) VALUES ($1, $2, $3, $4)
         ON CONFLICT (board_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, generation = excluded.generation`,
        [boardId, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength), now, generation])
      if (ups.rows.length > 0) {
        await client.query('DELETE FROM updates WHERE board_id = $1 AND seq = ANY($2::bigint[])', [boardId, ups.rows.map((r) => r.seq)])
      }
      return { generation, own: merged === state }
    })
    // Only once committed: a compaction whose outcome is unknown leaves the next one to read it all.
    if (written?.own) this.ownSnapshots.set(boardId, written.generation)
    else if (written) this.ownSnapshots.delete(boardId)
  }

  /**
   * The uploaded images in the same database, through this storage's pool (closed with it).
   * `cacheDir`: where local copies are kept (PgAssetStore says why that is safe).
   */
  assetStore(cacheDir: string): PgAssetStore {
    return new PgAssetStore(this.open(), cacheDir)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.pool.end()
  }
}

/** Open the board storage at DATABASE_URL (creating or migrating its tables). */
export async function openPgStorage(url: string, options?: PgStorageOptions): Promise<PgStorage> {
  try {
    return await PgStorage.open(url, options)
  } catch (err) {
    throw new Error(`Cannot open the board storage at DATABASE_URL: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
}
