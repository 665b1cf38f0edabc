/**
 * The one schema-migration runner for everything in the database (SQLite or PostgreSQL). Each group
 * of tables keeps its own version: the board storage in SQLite's `user_version` (it was first), the
 * workflow's and participation's in a one-row table of their own (`<name>_schema`), since a file has
 * only one user_version and SqliteStorage refuses a number it does not know.
 */
import type { SqlDb } from './sql/SqlDb.js'
import { sqliteOnly } from './sql/sqlEngine.js'

/** Where a group of tables keeps the number of the last migration step applied to it. */
export type SchemaVersionAt =
  | { pragma: 'user_version' }
  | { table: string }

export interface TableMigrations {
  /** What the tables are, in the error for a newer database ("board storage", "workflow"). */
  name: string
  versionAt: SchemaVersionAt
  /**
   * Append only: entry N takes version N-1 to N (entry 0 is unused, ''). The last entry's index is
   * the version this code writes.
   */
  steps: readonly string[]
}

/** The version a group of tables is at (0 before its first migration). */
export function schemaVersion(db: SqlDb, at: SchemaVersionAt): number {
  if ('pragma' in at) return Number(sqliteOnly(db, 'user_version').pragma('user_version', { simple: true }))
  return db.prepare<[], { version: number }>(`SELECT version FROM ${at.table}`).get()?.version ?? 0
}

function writeVersion(db: SqlDb, at: SchemaVersionAt, version: number): void {
  if ('pragma' in at) {
    // A pragma takes no bound parameter; `version` is a step index, never outside input.
    sqliteOnly(db, 'user_version').pragma(`user_version = ${version}`)
    return
  }
  db.exec(`DELETE FROM ${at.table}`)
  db.prepare(`INSERT INTO ${at.table} (version) VALUES (?)`).run(version)
}

/**
 * Bring the tables to the newest version; refuse (throw) a database written by a newer version
 * (`where` names the file or folder in that error).
 */
export function migrateTables(db: SqlDb, { name, versionAt, steps }: TableMigrations, where: string): void {
  const latest = steps.length - 1
  // Race: several server instances on one PostgreSQL database start at once. The whole check-and-
  // migrate is one transaction, and on PostgreSQL every transaction first takes the bridge's advisory
  // lock (PgSqlDb.ts), so the second instance waits, then reads the version the first one wrote and
  // has nothing left to do. On SQLite the file has one writer anyway.
  db.transaction(() => {
    if ('table' in versionAt) db.exec(`CREATE TABLE IF NOT EXISTS ${versionAt.table} (version INTEGER NOT NULL) STRICT`)
    const version = schemaVersion(db, versionAt)
    if (version > latest) {
      throw new Error(`${where} was written by a newer version of CommonGround (${name} schema ${version}, ` +
        `this version knows ${latest}); upgrade CommonGround or use another DATA_DIR / DATABASE_URL`)
    }
    for (let v = version + 1; v <= latest; v++) {
      // Each step with its version bump in one (nested) transaction: a crash mid-upgrade redoes the whole step.
      db.transaction(() => {
        db.exec(steps[v])
        writeVersion(db, versionAt, v)
      })()
    }
  })()
}
