/**
 * The board storage's tables in PostgreSQL (PgStorage), the same tables SqliteStorage keeps in its
 * file, and their migration. The other table groups (projects, participation, …) migrate
 * themselves; each group keeps its own version in a one-row table `<group>_schema`.
 */
import type pg from 'pg'

/** Where this group keeps its version. */
const VERSION_TABLE = 'board_storage_schema'

import { LOCK_CLASS, MIGRATION_LOCK_KEY } from './sql/advisoryLocks.js'
export { BOARD_LOCK_CLASS } from './sql/advisoryLocks.js'

/** Append only: entry N takes the schema from version N-1 to N. */
const MIGRATIONS: readonly string[] = [
  '',
  // 1: the same tables SqliteStorage's migrations 1–3 make, in one step (PostgreSQL came later),
  // and the uploaded images, which SQLite mode keeps as files.
  // Times are milliseconds since the epoch (BIGINT, read back as JS numbers by PgStorage).
  `
    CREATE TABLE boards (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      created_at BIGINT NOT NULL
    );
    CREATE TABLE snapshots (
      board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
      state BYTEA NOT NULL,
      updated_at BIGINT NOT NULL,
      -- Counts the board's compactions: an instance that wrote generation N knows whether the
      -- snapshot is still its own (PgStorage.compact).
      generation BIGINT NOT NULL DEFAULT 0
    );
    CREATE TABLE updates (
      seq BIGSERIAL PRIMARY KEY,
      board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      data BYTEA NOT NULL
    );
    CREATE INDEX updates_by_board ON updates(board_id, seq);
    CREATE TABLE audit (
      id BIGSERIAL PRIMARY KEY,
      board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('edit', 'restore')),
      link_id TEXT,
      participant_id TEXT,
      first_at BIGINT NOT NULL,
      last_at BIGINT NOT NULL,
      updates BIGINT NOT NULL,
      bytes BIGINT NOT NULL
    );
    CREATE INDEX audit_by_board ON audit(board_id, id);
    CREATE INDEX audit_by_author ON audit(board_id, link_id, participant_id, id);
    -- seq: insertion order, where SQLite's BoardHistory orders equal times by rowid.
    CREATE TABLE board_history (
      id TEXT PRIMARY KEY,
      board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      at BIGINT NOT NULL,
      state BYTEA NOT NULL,
      seq BIGSERIAL NOT NULL
    );
    CREATE INDEX board_history_by_board ON board_history(board_id, at);
    CREATE TABLE refused_clients (
      board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      client BIGINT NOT NULL,
      from_clock BIGINT NOT NULL,
      at BIGINT NOT NULL,
      PRIMARY KEY (board_id, client)
    );
    -- Uploaded images (PgAssetStore), named as on disk: <sha256>.<ext>. No reference to boards: an
    -- archive import stores its images before its board row, as the file store does.
    CREATE TABLE assets (
      board_id TEXT NOT NULL,
      name TEXT NOT NULL,
      data BYTEA NOT NULL,
      created_at BIGINT NOT NULL,
      PRIMARY KEY (board_id, name)
    );
  `,
]

/**
 * Bring the board tables to the newest version; refuse a database written by a newer version.
 * Race: several instances may start at once against one database. The migration runs under a
 * session advisory lock, so one instance migrates and the others wait, then find the version
 * already current. Each step and its version bump are one transaction (a crash redoes the step).
 */
export async function migrateBoardTables(pool: pg.Pool, where: string): Promise<void> {
  const client = await pool.connect()
  let broken = false
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_CLASS, MIGRATION_LOCK_KEY])
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS ${VERSION_TABLE} (version INTEGER NOT NULL)`)
      const row = (await client.query<{ version: number }>(`SELECT version FROM ${VERSION_TABLE}`)).rows[0]
      const version = row?.version ?? 0
      const latest = MIGRATIONS.length - 1
      if (version > latest) {
        throw new Error(`${where} was written by a newer version of CommonGround (board storage schema ${version}, ` +
          `this version knows ${latest}); upgrade CommonGround or use another DATABASE_URL`)
      }
      for (let v = version + 1; v <= latest; v++) {
        await client.query('BEGIN')
        try {
          await client.query(MIGRATIONS[v])
          await client.query(`DELETE FROM ${VERSION_TABLE}`)
          await client.query(`INSERT INTO ${VERSION_TABLE} (version) VALUES ($1)`, [v])
          await client.query('COMMIT')
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {})
          throw err
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, MIGRATION_LOCK_KEY]).catch(() => { broken = true })
    }
  } finally {
    // A connection whose unlock failed may still hold the lock: destroy it rather than pool it.
    client.release(broken)
  }
}
