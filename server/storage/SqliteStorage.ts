/**
 * The default storage: one SQLite file (better-sqlite3, WAL) under DATA_DIR holding boards, one
 * compacted snapshot per board and the incremental updates stored after it.
 *
 * Durability: journal_mode=WAL with synchronous=NORMAL. A committed transaction survives the
 * process being killed (kill -9, crash, OOM); after an operating-system crash or power loss the
 * database is still consistent but the last transactions before it may be rolled back. Clients keep
 * their own copy of every board (y-indexeddb) and merge it back on reconnect, which covers that case.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Storage, StoredBoard, StoredDoc, UpdateAuthor } from './Storage.js'

/** The database file inside DATA_DIR. */
export const DATABASE_FILE = 'commonground.db'

/** Bump together with a new entry in MIGRATIONS. */
const SCHEMA_VERSION = 2

const MIGRATIONS: Record<number, string> = {
  1: `
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
  // Audit log and board history (issue 7). One audit row covers a run of one author's updates:
  // their latest row is extended while they keep editing (AUDIT_RUN_MS), so a drag at 60 updates
  // a second makes one row, not thousands. Rows outlive compaction (they refer to no update row).
  2: `
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
}

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
    countUpdates: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM updates WHERE board_id = ?'),
    upsertSnapshot: db.prepare(
      `INSERT INTO snapshots (board_id, state, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(board_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`),
    deleteUpdates: db.prepare('DELETE FROM updates WHERE board_id = ?'),
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

  constructor(file: string) {
    this.db = new Database(file)
    try {
      this.db.pragma('journal_mode = WAL')
      this.db.pragma('synchronous = NORMAL')
      this.db.pragma('foreign_keys = ON')
      // Another process (a backup tool, the sqlite3 shell) may hold the file briefly.
      this.db.pragma('busy_timeout = 5000')
      this.migrate(file)
    } catch (err) {
      this.db.close()
      throw err
    }
    this.stmt = prepareStatements(this.db)
  }

  private migrate(file: string): void {
    const version = this.db.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION) {
      throw new Error(`${file} was written by a newer version of CommonGround (schema ${version}, ` +
        `this version knows ${SCHEMA_VERSION}); upgrade CommonGround or use another DATA_DIR`)
    }
    for (let v = version + 1; v <= SCHEMA_VERSION; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v])
        this.db.pragma(`user_version = ${v}`)
      })()
    }
  }

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
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
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

  async appendUpdates(boardId: string, updates: Uint8Array[], authors?: (UpdateAuthor | undefined)[]): Promise<number> {
    const db = this.open()
    const now = Date.now()
    // Why one transaction for both: an audit row is proof of who changed the board; written
    // separately, a crash between the two would leave an update nobody answers for.
    return db.transaction(() => {
      updates.forEach((u, i) => {
        this.stmt.insertUpdate.run(boardId, u)
        const author = authors?.[i]
        if (author) this.audit(boardId, author, u.byteLength, now)
      })
      return this.stmt.countUpdates.get(boardId)!.n
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

  async compact(boardId: string, state: Uint8Array): Promise<void> {
    const db = this.open()
    // Snapshot and deletion in one transaction: a crash leaves either the old snapshot with all
    // its updates or the new snapshot alone, never a snapshot missing updates.
    db.transaction(() => {
      this.stmt.upsertSnapshot.run(boardId, state, Date.now())
      this.stmt.deleteUpdates.run(boardId)
    })()
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
    throw new Error(`DATA_DIR ${dataDir} cannot be used as a directory: ${(err as Error).message}`, { cause: err })
  }
  const file = path.join(dataDir, DATABASE_FILE)
  try {
    return new SqliteStorage(file)
  } catch (err) {
    throw new Error(`Cannot open the database ${file}: ${(err as Error).message}`, { cause: err })
  }
}
