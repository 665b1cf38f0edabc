/**
 * Periodic history snapshots of boards (table `board_history`, created by SqliteStorage's schema 2 in
 * the SQLite file; on PostgreSQL by the `history_schema` group below, which on SQLite finds the table
 * there already). Stage-move snapshots stay with their moves (server/workflow); the history API
 * (server/http/historyRoutes.ts) lists both.
 */
import { randomBytes } from 'node:crypto'
import type { SqlDb, SqlStatement } from './sql/SqlDb.js'
import type { HistorySink } from './Storage.js'
import { migrateTables } from './migrate.js'
import { ensureRowid } from './sql/sqlEngine.js'

/**
 * The same table SqliteStorage's schema 2 makes (IF NOT EXISTS: in a SQLite file it is there already,
 * and this changes nothing), so that board history also has its table in PostgreSQL.
 */
const MIGRATIONS: readonly string[] = [
  '',
  `
  CREATE TABLE IF NOT EXISTS board_history (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    state BLOB NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS board_history_by_board ON board_history(board_id, at);
  `,
]

/** Periodic snapshots kept per board; older ones are dropped (stage-move snapshots are never dropped). */
export const HISTORY_KEEP = 200

export interface HistorySnapshotInfo {
  id: string
  at: number
  bytes: number
}

export class BoardHistory implements HistorySink {
  private readonly insert: SqlStatement<[string, string, number, Uint8Array]>
  private readonly prune: SqlStatement<[string, string, number]>
  private readonly list: SqlStatement<[string], { id: string; at: number; bytes: number }>
  private readonly get: SqlStatement<[string, string], { state: Buffer }>
  private readonly latest: SqlStatement<[string], { at: number; state: Buffer }>

  constructor(private readonly db: SqlDb) {
    migrateTables(db, { name: 'board history', versionAt: { table: 'history_schema' }, steps: MIGRATIONS }, db.name)
    // On PostgreSQL the board storage may have made board_history itself, without our rowid column.
    ensureRowid(db, 'board_history')
    this.insert = db.prepare('INSERT INTO board_history (id, board_id, at, state) VALUES (?, ?, ?, ?)')
    this.prune = db.prepare(
      `DELETE FROM board_history WHERE board_id = ? AND id NOT IN
       (SELECT id FROM board_history WHERE board_id = ? ORDER BY at DESC, rowid DESC LIMIT ?)`)
    this.list = db.prepare('SELECT id, at, length(state) AS bytes FROM board_history WHERE board_id = ? ORDER BY at, rowid')
    this.get = db.prepare('SELECT state FROM board_history WHERE board_id = ? AND id = ?')
    this.latest = db.prepare('SELECT at, state FROM board_history WHERE board_id = ? ORDER BY at DESC, rowid DESC LIMIT 1')
  }

  saveSnapshot(boardId: string, state: Uint8Array, at: number): void {
    const id = `h-${randomBytes(12).toString('base64url')}`
    this.db.transaction(() => {
      this.insert.run(id, boardId, at, state)
      this.prune.run(boardId, boardId, HISTORY_KEEP)
    })()
  }

  saveSnapshotOnce(boardId: string, state: Uint8Array, at: number,
    standsFor: (latest: { at: number; state: Uint8Array }) => boolean): { saved: boolean; at: number } {
    // Race: two instances' timers fire for the same board. The check and the insert are one
    // transaction, and on PostgreSQL every bridged transaction holds the same advisory lock
    // (storage/sql/PgSqlDb.ts), so the second sees the first's snapshot and skips.
    return this.db.transaction(() => {
      const last = this.latest.get(boardId)
      if (last && standsFor({ at: last.at, state: new Uint8Array(last.state.buffer, last.state.byteOffset, last.state.byteLength) })) {
        return { saved: false, at: last.at }
      }
      this.saveSnapshot(boardId, state, at)
      return { saved: true, at }
    })()
  }

  snapshots(boardId: string): HistorySnapshotInfo[] {
    return this.list.all(boardId)
  }

  snapshot(boardId: string, id: string): Uint8Array | undefined {
    const row = this.get.get(boardId, id)
    return row && new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength)
  }
}
