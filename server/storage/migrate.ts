/**
 * The schema migrations of a group of tables that share the SQLite file with others (the workflow's,
 * participation's): their version lives in a one-row table of their own (`<name>_schema`), since
 * SQLite's user_version belongs to SqliteStorage, which refuses a number it does not know.
 */
import type Database from 'better-sqlite3'

export interface TableMigrations {
  /** What the tables are, in the error for a newer database ("workflow", "participation"). */
  name: string
  /** The table that holds the version (one row, one column `version`). */
  versionTable: string
  /**
   * Append only: entry N takes version N-1 to N (entry 0 is unused, ''). The last entry's index is
   * the version this code writes.
   */
  steps: readonly string[]
}

/** Bring the tables to the newest version; refuse (throw) a database written by a newer version. */
export function migrateTables(db: Database.Database, { name, versionTable, steps }: TableMigrations): void {
  const latest = steps.length - 1
  db.exec(`CREATE TABLE IF NOT EXISTS ${versionTable} (version INTEGER NOT NULL) STRICT`)
  const row = db.prepare<[], { version: number }>(`SELECT version FROM ${versionTable}`).get()
  const version = row?.version ?? 0
  if (version > latest) {
    throw new Error(`The ${name} tables were written by a newer version of CommonGround (${name} schema ${version}, ` +
      `this version knows ${latest}); upgrade CommonGround or use another DATA_DIR`)
  }
  for (let v = version + 1; v <= latest; v++) {
    // Each step with its version bump in one transaction: a crash mid-upgrade redoes the whole step.
    db.transaction(() => {
      db.exec(steps[v])
      db.exec(`DELETE FROM ${versionTable}`)
      db.prepare(`INSERT INTO ${versionTable} (version) VALUES (?)`).run(v)
    })()
  }
}
