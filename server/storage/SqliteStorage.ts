/**
 * The default storage: one SQLite file (better-sqlite3, WAL) under DATA_DIR holding boards, one
 * compacted snapshot per board and the incremental updates stored after it.
 *
 * Durability: journal_mode=WAL with synchronous=NORMAL. A committed transaction survives the
 * process being killed (kill -9, crash, OOM); after an operating-system crash or power loss the
 * database is still consistent but the last transactions before it may be rolled back. Clients keep
 * their own copy of every board (y-indexeddb) and merge it back on reconnect, which covers that case.
 *
 * Size: compaction replaces a board's updates by one snapshot, which frees their pages. The file
 * uses auto_vacuum=INCREMENTAL and gives free pages beyond FREE_PAGES_KEPT back to the file system
 * after a compaction, and the WAL is cut back to WAL_SIZE_LIMIT whenever it restarts, so neither
 * keeps megabytes a burst of edits once needed (docs/performance.md, "Storage").
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { errorCode, errorMessage } from './errorDetails.js'
import { migrateTables } from './migrate.js'
import type { FoldedUpdates, Storage, StoredBoard, StoredDoc, UpdateAuthor } from './Storage.js'

/** The database file inside DATA_DIR. */
export const DATABASE_FILE = 'commonground.db'

/** Append only: entry N takes the schema from version N-1 to N (server/storage/migrate.ts). */
const MIGRATIONS: readonly string[] = [
  '',
  `
    CREATE TABLE boards (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE snapshots (
      board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
      state BLOB NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE updates (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      data BLOB NOT NULL
    ) STRICT;
    CREATE INDEX updates_by_board ON updates(board_id, seq);
  `,
  // 2: audit log and board history. One audit row covers a run of one author's updates:
  // their latest row is extended while they keep editing (AUDIT_RUN_MS), so a drag at 60 updates
  // a second makes one row, not thousands. Rows outlive compaction (they refer to no update row).
  `
    CREATE TABLE audit (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('edit', 'restore')),
      link_id TEXT,
      participant_id TEXT,
      first_at INTEGER NOT NULL,
      last_at INTEGER NOT NULL,
      updates INTEGER NOT NULL,
      bytes INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX audit_by_board ON audit(board_id, id);
    CREATE INDEX audit_by_author ON audit(board_id, link_id, participant_id, id);
    CREATE TABLE board_history (
      id TEXT PRIMARY KEY,
      board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      state BLOB NOT NULL
    ) STRICT;
    CREATE INDEX board_history_by_board ON board_history(board_id, at);
  `,
  // 3: client ids whose updates were refused: their structs from from_clock on may
  // never be applied, not after a stage move, a reconnect or a restart (server/sync/UpdateGate.ts).
  `
    CREATE TABLE refused_clients (
      board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      client INTEGER NOT NULL,
      from_clock INTEGER NOT NULL,
      at INTEGER NOT NULL,
      PRIMARY KEY (board_id, client)
    ) STRICT;
  `,
]

/**
 * Free pages left in the file after a compaction for the next writes to reuse (4 KiB each): enough
 * that a board being edited reuses its own freed pages instead of growing and shrinking the file
 * at every compaction, few enough that the file never holds more than half a megabyte of nothing.
 */
const FREE_PAGES_KEPT = 128
/** The WAL file is truncated to this size when it restarts after a checkpoint (PRAGMA journal_size_limit). */
const WAL_SIZE_LIMIT = 1024 * 1024

/** An author's updates this close together extend one audit row instead of starting a new one. */
export const AUDIT_RUN_MS = 60_000

interface BoardRow { id: string; name: string; created_at: number }

/** better-sqlite3 hands out Buffers; give Yjs plain Uint8Array views of the same bytes. */
function bytes(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)
}

function prepareStatements(db: Database.Database) {
  return {
    insertBoard: db.prepare('INSERT INTO boards (id, name, created_at) VALUES (?, ?, ?)'),
    getBoard: db.prepare<[string], BoardRow>('SELECT id, name, created_at FROM boards WHERE id = ?'),
    countBoards: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM boards'),
    getSnapshot: db.prepare<[string], { state: Buffer }>('SELECT state FROM snapshots WHERE board_id = ?'),
    getUpdates: db.prepare<[string], { data: Buffer }>(
      'SELECT data FROM updates WHERE board_id = ? ORDER BY seq'),
    insertUpdate: db.prepare('INSERT INTO updates (board_id, data) VALUES (?, ?)'),
    upsertSnapshot: db.prepare(
      `INSERT INTO snapshots (board_id, state, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(board_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`),
    deleteUpdates: db.prepare('DELETE FROM updates WHERE board_id = ?'),
    refusedClients: db.prepare<[string], { client: number; from_clock: number }>('SELECT client, from_clock FROM refused_clients WHERE board_id = ?'),
    refuseClient: db.prepare(
      `INSERT INTO refused_clients (board_id, client, from_clock, at) VALUES (?, ?, ?, ?)
       ON CONFLICT(board_id, client) DO UPDATE SET from_clock = MIN(from_clock, excluded.from_clock)`),
    freePages: db.prepare<[], { n: number }>('SELECT freelist_count AS n FROM pragma_freelist_count'),
    lastAudit: db.prepare<[string, string | null, string | null], { id: number; last_at: number }>(
      `SELECT id, last_at FROM audit WHERE board_id = ? AND kind = 'edit' AND link_id IS ? AND participant_id IS ?
       ORDER BY id DESC LIMIT 1`),
    extendAudit: db.prepare('UPDATE audit SET last_at = ?, updates = updates + ?, bytes = bytes + ? WHERE id = ?'),
    insertAudit: db.prepare(
      `INSERT INTO audit (board_id, kind, link_id, participant_id, first_at, last_at, updates, bytes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
  }
}
type Statements = ReturnType<typeof prepareStatements>

export class SqliteStorage implements Storage {
  private readonly db: Database.Database
  private closed = false
  private readonly stmt: Statements
  /**
   * Why one transaction for updates and audit rows: an audit row is proof of who changed the board;
   * written separately, a crash between the two would leave an update nobody answers for.
   * Made once (not per call): this runs for every relayed update.
   */
  private readonly appendTx: (boardId: string, updates: Uint8Array[], authors: (UpdateAuthor | undefined)[] | undefined, now: number) => void
  /**
   * Snapshot and deletion in one transaction: a crash leaves either the old snapshot with all its
   * updates or the new snapshot alone, never a snapshot missing updates. The audit rows of updates
   * folded in without being appended go in the same transaction (see appendTx).
   */
  private readonly compactTx: (boardId: string, state: Uint8Array, folded: FoldedUpdates | undefined, now: number) => void

  constructor(file: string) {
    this.db = new Database(file)
    try {
      // Must come before the first table is created; an existing file is converted in migrate().
      this.db.pragma('auto_vacuum = INCREMENTAL')
      this.db.pragma('journal_mode = WAL')
      this.db.pragma('synchronous = NORMAL')
      this.db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`)
      this.db.pragma('foreign_keys = ON')
      // Another process (a backup tool, the sqlite3 shell) may hold the file briefly.
      this.db.pragma('busy_timeout = 5000')
      this.migrate(file)
    } catch (err) {
      this.db.close()
      throw err
    }
    this.stmt = prepareStatements(this.db)
    this.appendTx = this.db.transaction((boardId, updates, authors, now) => {
      for (let i = 0; i < updates.length; i++) {
        this.stmt.insertUpdate.run(boardId, updates[i])
        const author = authors?.[i]
        if (author) this.audit(boardId, author, updates[i].byteLength, now)
      }
    })
    this.compactTx = this.db.transaction((boardId, state, folded, now) => {
      if (folded?.authors) {
        for (let i = 0; i < folded.updates.length; i++) {
          const author = folded.authors[i]
          if (author) this.audit(boardId, author, folded.updates[i].byteLength, now)
        }
      }
      this.stmt.upsertSnapshot.run(boardId, state, now)
      this.stmt.deleteUpdates.run(boardId)
    })
  }

  private migrate(file: string): void {
    migrateTables(this.db, { name: 'board storage', versionAt: { pragma: 'user_version' }, steps: MIGRATIONS }, file)
    // 2 = INCREMENTAL. A file created before auto_vacuum was set (data dirs of earlier versions)
    // only switches with a VACUUM, run once here. Why this is safe: VACUUM rewrites the database
    // in one transaction (a crash leaves the old file intact) and keeps every row; it needs free
    // disk space about the size of the file, and if it fails the file simply stays as it was.
    if (this.db.pragma('auto_vacuum', { simple: true }) !== 2) {
      try {
        this.db.exec('VACUUM')
      } catch (err) {
        this.vacuumError = err
      }
    }
  }

  /** Why the one-time conversion to auto_vacuum failed (the database works on, with the old layout), if it did. */
  vacuumError: unknown = undefined

  /**
   * The open database, for the workflow tables (server/workflow/SqliteProjectStore.ts) that live in
   * the same file. They must not be used after close().
   */
  get database(): Database.Database {
    return this.open()
  }

  private open(): Database.Database {
    if (this.closed) throw new Error('Storage is closed')
    return this.db
  }

  async createBoard(board: StoredBoard): Promise<void> {
    this.open()
    try {
      this.stmt.insertBoard.run(board.id, board.name, board.createdAt)
    } catch (err) {
      if (errorCode(err) === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new Error(`A board with id ${board.id} already exists`, { cause: err })
      }
      throw err
    }
  }

  async getBoard(id: string): Promise<StoredBoard | undefined> {
    this.open()
    const row = this.stmt.getBoard.get(id)
    return row && { id: row.id, name: row.name, createdAt: row.created_at }
  }

  async countBoards(): Promise<number> {
    this.open()
    return this.stmt.countBoards.get()!.n
  }

  async loadDoc(boardId: string): Promise<StoredDoc> {
    const db = this.open()
    // One read transaction, so a snapshot and its updates are never seen half-compacted.
    return db.transaction(() => {
      const snap = this.stmt.getSnapshot.get(boardId)
      const updates = this.stmt.getUpdates.all(boardId).map((r) => bytes(r.data))
      return { snapshot: snap ? bytes(snap.state) : null, updates }
    })()
  }

  async appendUpdates(boardId: string, updates: Uint8Array[], authors?: (UpdateAuthor | undefined)[]): Promise<void> {
    this.open()
    this.appendTx(boardId, updates, authors, Date.now())
  }

  async loadRefusedClients(boardId: string): Promise<Map<number, number>> {
    this.open()
    return new Map(this.stmt.refusedClients.all(boardId).map((r) => [r.client, r.from_clock]))
  }

  async refuseClients(boardId: string, clients: ReadonlyMap<number, number>): Promise<void> {
    this.open()
    const now = Date.now()
    this.db.transaction(() => {
      for (const [client, from] of clients) this.stmt.refuseClient.run(boardId, client, from, now)
    })()
  }

  private audit(boardId: string, author: UpdateAuthor, bytes: number, now: number): void {
    const last = author.kind === 'edit' ? this.stmt.lastAudit.get(boardId, author.linkId, author.participantId) : undefined
    if (last && now - last.last_at < AUDIT_RUN_MS) {
      this.stmt.extendAudit.run(now, 1, bytes, last.id)
      return
    }
    this.stmt.insertAudit.run(boardId, author.kind, author.linkId, author.participantId, now, now, 1, bytes)
  }

  async compact(boardId: string, state: Uint8Array, folded?: FoldedUpdates): Promise<void> {
    this.open()
    this.compactTx(boardId, state, folded, Date.now())
    this.releaseFreePages()
  }

  /**
   * Give free pages beyond FREE_PAGES_KEPT back to the file system. Outside the compaction's
   * transaction: the compaction is durable whether or not this runs, and a failure here (a backup
   * reading the file) costs only disk space until the next compaction.
   */
  private releaseFreePages(): void {
    try {
      const free = this.stmt.freePages.get()!.n
      if (free > 2 * FREE_PAGES_KEPT) this.db.exec(`PRAGMA incremental_vacuum(${free - FREE_PAGES_KEPT})`)
    } catch {
      // Nothing to do: see above.
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.db.close()
  }
}

/** Open (creating the directory and the schema if needed) the SQLite database under dataDir. */
export function openSqliteStorage(dataDir: string): SqliteStorage {
  try {
    fs.mkdirSync(dataDir, { recursive: true })
  } catch (err) {
    throw new Error(`DATA_DIR ${dataDir} cannot be used as a directory: ${errorMessage(err)}`, { cause: err })
  }
  const file = path.join(dataDir, DATABASE_FILE)
  try {
    return new SqliteStorage(file)
  } catch (err) {
    throw new Error(`Cannot open the database ${file}: ${errorMessage(err)}`, { cause: err })
  }
}
