/**
 * A project's rows in the shared SQLite database, table by table, as the archive carries them
 * (project.json) — "as stored", so an import restores the project exactly: deleted and merged
 * needs, every round of approvals, ballots as kept (an anonymous vote's ballots hold who voted but
 * never what they chose; its points exist only in vote_tallies), token hashes of links and
 * participants (never a token), contributions. Board snapshots of the stage moves (BLOBs) travel as
 * separate files.
 *
 * Parents before children: the list order is the insert order (foreign keys are on).
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { schemaVersion } from '../storage/migrate.js'
import { isSqlite } from '../storage/sql/sqlEngine.js'

export interface TableSpec {
  name: string
  /** Selects the project's rows; `?` is the project id. */
  where: string
  /** A child table: the column naming its parent and the parent table (its rows must come from this archive too). */
  parent?: { column: string; table: string; parentColumn: string }
  /** A table newer than some archives of format version 1: an archive without it imports with none. */
  optional?: boolean
  /** The order of its rows in the archive (default rowid, the order they were stored in). */
  orderBy?: string
  /** BLOB columns, carried as files: column → file name per row. */
  blobs?: Record<string, (row: Row) => string>
}

export type Row = Record<string, unknown>

const inProject = 'project_id = ?'
const childOf = (column: string, table: string): Pick<TableSpec, 'where' | 'parent'> => ({
  where: `${column} IN (SELECT id FROM ${table} WHERE project_id = ?)`,
  parent: { column, table, parentColumn: 'id' },
})

export const PROJECT_TABLES: readonly TableSpec[] = [
  // One row; and on PostgreSQL the board storage's own table, which has no rowid column.
  { name: 'boards', where: 'id = ?', orderBy: 'id' },
  { name: 'projects', where: 'id = ?' },
  { name: 'links', where: inProject },
  { name: 'stage_moves', where: inProject, blobs: { board_snapshot: (row) => `snapshots/${String(row.id)}.bin` } },
  { name: 'participants', where: inProject },
  { name: 'participant_tokens', ...childOf('participant_id', 'participants') },
  { name: 'participant_claims', where: inProject, optional: true },
  { name: 'contributions', where: inProject },
  { name: 'need_categories', where: inProject },
  { name: 'needs', where: inProject },
  { name: 'need_ticks', ...childOf('need_id', 'needs') },
  { name: 'design_options', where: inProject },
  { name: 'option_needs', ...childOf('option_id', 'design_options') },
  { name: 'comment_threads', where: inProject },
  { name: 'comments', ...childOf('thread_id', 'comment_threads') },
  { name: 'votes', where: inProject },
  { name: 'ballots', ...childOf('vote_id', 'votes') },
  { name: 'vote_tallies', ...childOf('vote_id', 'votes') },
  { name: 'revisions', where: inProject },
  { name: 'revision_answers', ...childOf('revision_id', 'revisions') },
  { name: 'approvals', where: inProject },
  { name: 'agreement_settings', where: inProject },
  { name: 'agreements', where: inProject },
  { name: 'reopens', where: inProject },
  { name: 'private_periods', where: inProject, optional: true },
  // Hidden items travel hidden, with who hid them and why (archives written before moderation have none).
  { name: 'moderation_log', where: inProject, optional: true },
  // Entered for residents, and paper ballots (server/participation/proxyStore.ts); newer than format 1's first archives.
  { name: 'proxy_entries', where: inProject, optional: true },
  { name: 'paper_batches', where: inProject, optional: true },
  { name: 'vote_clashes', where: inProject, optional: true },
  // The public notice (公示, server/participation/noticeStore.ts): its token travels too (it is printed
  // on the notice board anyway), so the posted QR code keeps working on the new server.
  { name: 'notices', where: inProject, optional: true },
  { name: 'notice_comments', ...childOf('notice_id', 'notices'), optional: true },
  {
    name: 'notice_moderation',
    where: 'comment_id IN (SELECT c.id FROM notice_comments c JOIN notices n ON n.id = c.notice_id WHERE n.project_id = ?)',
    parent: { column: 'comment_id', table: 'notice_comments', parentColumn: 'id' },
    optional: true,
  },
  // The task list of 实施落实 (server/participation/taskStore.ts, table group tasks_schema); removed
  // tasks travel too (deleted_at set), with their history, photos and residents' answers.
  { name: 'tasks', where: inProject, optional: true },
  { name: 'task_events', ...childOf('task_id', 'tasks'), optional: true },
  { name: 'task_photos', ...childOf('task_id', 'tasks'), optional: true },
  { name: 'task_acceptances', ...childOf('task_id', 'tasks'), optional: true },
]

export interface ColumnInfo {
  name: string
  type: string
  notNull: boolean
  hasDefault: boolean
  primaryKey: boolean
}

/**
 * The table's columns in their order. On PostgreSQL without the `rowid` column the dialect adds to
 * every table (it stands for SQLite's implicit rowid, which is no column either), with the SQLite
 * name of each type.
 */
export function tableColumns(db: SqlDb, table: string): ColumnInfo[] {
  if (isSqlite(db)) {
    const rows = db.prepare<[], { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }>(`PRAGMA table_info(${table})`).all()
    return rows.map((r) => ({ name: r.name, type: r.type.toUpperCase(), notNull: r.notnull === 1, hasDefault: r.dflt_value !== null, primaryKey: r.pk > 0 }))
  }
  const rows = db.prepare<[string], { name: string; type: string; nullable: string; dflt: string | null; pk: number }>(
    `SELECT c.column_name AS name, c.data_type AS type, c.is_nullable AS nullable, c.column_default AS dflt,
            (SELECT COUNT(*) FROM information_schema.key_column_usage k JOIN information_schema.table_constraints t
              ON t.constraint_name = k.constraint_name AND t.table_schema = k.table_schema
              WHERE t.constraint_type = 'PRIMARY KEY' AND k.table_schema = c.table_schema AND k.table_name = c.table_name
                AND k.column_name = c.column_name) AS pk
       FROM information_schema.columns c
      WHERE c.table_schema = current_schema() AND c.table_name = ? AND c.column_name <> 'rowid'
      ORDER BY c.ordinal_position`).all(table)
  return rows.map((r) => ({
    name: r.name, type: SQLITE_TYPE[r.type] ?? r.type.toUpperCase(), notNull: r.nullable === 'NO', hasDefault: r.dflt !== null, primaryKey: r.pk > 0,
  }))
}
const SQLITE_TYPE: Record<string, string> = { bigint: 'INTEGER', text: 'TEXT', 'double precision': 'REAL', bytea: 'BLOB' }

/** Schema versions of the parts of the database, for the manifest (and the import's messages). */
export function schemaVersions(db: SqlDb): Record<string, number> {
  return {
    // SQLite's user_version is the board storage's; on PostgreSQL the board storage is another engine's.
    ...(isSqlite(db) && { storage: schemaVersion(db, { pragma: 'user_version' }) }),
    workflow: schemaVersion(db, { table: 'workflow_schema' }),
    participation: schemaVersion(db, { table: 'participation_schema' }),
    notice: schemaVersion(db, { table: 'notice_schema' }),
    tasks: schemaVersion(db, { table: 'tasks_schema' }),
  }
}

/** Every row of the project, table by table, in insertion order (rowid), read in one transaction. */
export function readProjectRows(db: SqlDb, projectId: string): { tables: Record<string, Row[]>; blobs: Map<string, Uint8Array> } {
  return db.transaction(() => {
    const tables: Record<string, Row[]> = {}
    const blobs = new Map<string, Uint8Array>()
    for (const spec of PROJECT_TABLES) {
      // The table's own columns, not *: on PostgreSQL * would carry the dialect's rowid column too.
      const columns = tableColumns(db, spec.name).map((c) => c.name).join(', ')
      const rows = db.prepare<[string], Row>(`SELECT ${columns} FROM ${spec.name} WHERE ${spec.where} ORDER BY ${spec.orderBy ?? 'rowid'}`).all(projectId)
      for (const row of rows) {
        for (const [column, fileOf] of Object.entries(spec.blobs ?? {})) {
          const value = row[column]
          if (value instanceof Uint8Array) {
            const file = fileOf(row)
            blobs.set(file, new Uint8Array(value))
            row[column] = { file }
          }
        }
      }
      tables[spec.name] = rows
    }
    return { tables, blobs }
  })()
}
