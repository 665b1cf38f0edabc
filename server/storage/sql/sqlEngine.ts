/**
 * Where the two engines differ, for the few places that must know which one they are on. What only
 * SQLite can do (pragma, online backup, serialize): code that needs it asks for the better-sqlite3
 * handle with `sqliteOnly`, and on PostgreSQL (DATABASE_URL set) is refused with a clear error
 * instead of failing somewhere inside. `hasTable` and `ensureRowid` answer the same on both.
 */
import Database from 'better-sqlite3'
import type { SqlDb } from './SqlDb.js'

export function isSqlite(db: SqlDb): db is Database.Database {
  return db instanceof Database
}

/** `what` names the feature in the error ("the SQLite backup"). */
export function sqliteOnly(db: SqlDb, what: string): Database.Database {
  if (isSqlite(db)) return db
  throw new Error(`${what} works on the SQLite database only; this server stores its data in PostgreSQL (DATABASE_URL), ` +
    'so use PostgreSQL\'s own tools (pg_dump) instead')
}

/** Whether the database has this table (tables another engine may keep elsewhere: the board storage's). */
export function hasTable(db: SqlDb, table: string): boolean {
  const sql = isSqlite(db)
    ? "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?"
    : 'SELECT 1 AS found FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?'
  return db.prepare<[string], { found: number }>(sql).get(table) !== undefined
}

/**
 * Give a table made by other code (the board storage's PostgreSQL tables) the `rowid` column the
 * dialect gives every table it makes, so `ORDER BY rowid` (insertion order) works on it too. SQLite:
 * nothing to do, every table has its rowid. Runs in a transaction: on PostgreSQL that takes the
 * bridge's advisory lock, so instances starting together add it once.
 */
export function ensureRowid(db: SqlDb, table: string): void {
  if (isSqlite(db)) return
  db.transaction(() => db.exec(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS rowid BIGSERIAL`))()
}
