/**
 * The public notice's tables (公示, server/participation/noticeStore.ts), in the same SQLite file, with
 * their own schema version in `notice_schema`. Append only: entry N takes version N-1 to N.
 *
 * Security decision on `token`: a notice's link is public by design (it is printed with its QR code
 * on the courtyard's notice board), and the organizer and committee must be able to show it again,
 * so the token is kept as well as its hash. Lookups go by the hash (an indexed equality, no string
 * comparison an attacker could time); a leaked database hands out nothing the notice board does not.
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { migrateTables } from '../storage/migrate.js'

const MIGRATIONS: readonly string[] = [
  '',
  `
  CREATE TABLE notices (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    token TEXT NOT NULL,
    option_id TEXT,
    starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL,
    opened_at INTEGER NOT NULL, opened_by_id TEXT, opened_by_name TEXT NOT NULL, opened_by_role TEXT NOT NULL,
    closed_at INTEGER, closed_by_id TEXT, closed_by_name TEXT, closed_by_role TEXT,
    reasons TEXT NOT NULL,
    plan_svg TEXT, plan_bounds TEXT
  ) STRICT;
  CREATE INDEX notices_by_project ON notices(project_id, opened_at);
  CREATE TABLE notice_comments (
    id TEXT PRIMARY KEY,
    notice_id TEXT NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    text TEXT NOT NULL, created_at INTEGER NOT NULL,
    answer TEXT, answered_at INTEGER, answered_by_id TEXT, answered_by_name TEXT, answered_by_role TEXT
  ) STRICT;
  CREATE INDEX notice_comments_by_notice ON notice_comments(notice_id, created_at);
  CREATE TABLE notice_moderation (
    id TEXT PRIMARY KEY,
    comment_id TEXT NOT NULL REFERENCES notice_comments(id) ON DELETE CASCADE,
    action TEXT NOT NULL, reason TEXT, note TEXT NOT NULL,
    by_id TEXT, by_name TEXT NOT NULL, by_role TEXT NOT NULL, at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX notice_moderation_by_comment ON notice_moderation(comment_id, at);
  `,
]

const NOTICE_TABLES = { name: 'public notice', versionAt: { table: 'notice_schema' }, steps: MIGRATIONS }

export function migrateNotice(db: SqlDb): void {
  migrateTables(db, NOTICE_TABLES, db.name)
}
