/**
 * Periodic history snapshots of boards (table `board_history`, created by
 * SqliteStorage's schema 2). Stage-move snapshots stay with their moves (server/workflow); the
 * history API (server/http/historyRoutes.ts) lists both.
 */
import { randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { HistorySink } from './Storage.js'

/** Periodic snapshots kept per board; older ones are dropped (stage-move snapshots are never dropped). */
export const HISTORY_KEEP = 200

export interface HistorySnapshotInfo {
  id: string
  at: number
  bytes: number
}

export class BoardHistory implements HistorySink {
  private readonly insert: Database.Statement<[string, string, number, Uint8Array]>
  private readonly prune: Database.Statement<[string, string, number]>
  private readonly list: Database.Statement<[string], { id: string; at: number; bytes: number }>
  private readonly get: Database.Statement<[string, string], { state: Buffer }>

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT INTO board_history (id, board_id, at, state) VALUES (?, ?, ?, ?)')
    this.prune = db.prepare(
      `DELETE FROM board_history WHERE board_id = ? AND id NOT IN
       (SELECT id FROM board_history WHERE board_id = ? ORDER BY at DESC, rowid DESC LIMIT ?)`)
    this.list = db.prepare('SELECT id, at, length(state) AS bytes FROM board_history WHERE board_id = ? ORDER BY at, rowid')
    this.get = db.prepare('SELECT state FROM board_history WHERE board_id = ? AND id = ?')
  }

  saveSnapshot(boardId: string, state: Uint8Array, at: number): void {
    const id = `h-${randomBytes(12).toString('base64url')}`
    this.db.transaction(() => {
      this.insert.run(id, boardId, at, state)
      this.prune.run(boardId, boardId, HISTORY_KEEP)
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
