/**
 * The participation tables, in the same SQLite file as the boards and the workflow, with
 * their own schema version in `participation_schema` (user_version is SqliteStorage's and
 * `workflow_schema` the workflow's). Append only: entry N takes version N-1 to N in one transaction.
 *
 * People are stored as (participant id, name, role) at the time they acted, so a record reads the
 * same after its link is revoked. Anonymous ballots store who voted (for "once") but not what they
 * chose: their points only ever go into `vote_tallies`, a running sum per option.
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { migrateTables } from '../storage/migrate.js'

const MIGRATIONS: readonly string[] = [
  '',
  `
  CREATE TABLE need_categories (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    id TEXT NOT NULL, zh TEXT NOT NULL, en TEXT NOT NULL,
    hidden INTEGER NOT NULL, built_in INTEGER NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (project_id, id)
  ) STRICT;
  CREATE TABLE needs (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    x REAL NOT NULL, y REAL NOT NULL, category_id TEXT NOT NULL, text TEXT NOT NULL, photo_src TEXT,
    source TEXT NOT NULL, raised_by INTEGER NOT NULL,
    author_id TEXT, author_name TEXT NOT NULL, author_role TEXT NOT NULL,
    stage TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    merged_into TEXT, deleted_at INTEGER
  ) STRICT;
  CREATE INDEX needs_by_project ON needs(project_id, created_at);
  CREATE TABLE need_ticks (
    need_id TEXT NOT NULL REFERENCES needs(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL, at INTEGER NOT NULL,
    PRIMARY KEY (need_id, participant_id)
  ) STRICT;
  CREATE TABLE design_options (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    title TEXT NOT NULL, description TEXT NOT NULL, frame_shape_id TEXT,
    author_id TEXT, author_name TEXT NOT NULL, author_role TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX design_options_by_project ON design_options(project_id, created_at);
  CREATE TABLE option_needs (
    option_id TEXT NOT NULL REFERENCES design_options(id) ON DELETE CASCADE,
    need_id TEXT NOT NULL REFERENCES needs(id) ON DELETE CASCADE,
    PRIMARY KEY (option_id, need_id)
  ) STRICT;
  CREATE TABLE comment_threads (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    target_kind TEXT NOT NULL, target_id TEXT NOT NULL, stage TEXT NOT NULL, created_at INTEGER NOT NULL,
    resolved_at INTEGER, resolved_by_id TEXT, resolved_by_name TEXT, resolved_by_role TEXT
  ) STRICT;
  CREATE INDEX comment_threads_by_project ON comment_threads(project_id, created_at);
  CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    thread_id TEXT NOT NULL REFERENCES comment_threads(id) ON DELETE CASCADE,
    author_id TEXT, author_name TEXT NOT NULL, author_role TEXT NOT NULL,
    text TEXT NOT NULL, mentions TEXT NOT NULL, created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX comments_by_thread ON comments(thread_id, created_at);
  CREATE TABLE votes (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    option_ids TEXT NOT NULL, mode TEXT NOT NULL, dots_per_person INTEGER NOT NULL,
    anonymous INTEGER NOT NULL, results_visibility TEXT NOT NULL,
    opened_by_id TEXT, opened_by_name TEXT NOT NULL, opened_by_role TEXT NOT NULL, opened_at INTEGER NOT NULL,
    closed_by_id TEXT, closed_by_name TEXT, closed_by_role TEXT, closed_at INTEGER
  ) STRICT;
  CREATE INDEX votes_by_project ON votes(project_id, opened_at);
  CREATE TABLE ballots (
    vote_id TEXT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, at INTEGER NOT NULL,
    points TEXT,
    PRIMARY KEY (vote_id, participant_id)
  ) STRICT;
  CREATE TABLE vote_tallies (
    vote_id TEXT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
    option_id TEXT NOT NULL, points INTEGER NOT NULL,
    PRIMARY KEY (vote_id, option_id)
  ) STRICT;
  CREATE TABLE revisions (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    option_id TEXT NOT NULL, text TEXT NOT NULL,
    author_id TEXT, author_name TEXT NOT NULL, author_role TEXT NOT NULL,
    stage TEXT NOT NULL, created_at INTEGER NOT NULL,
    done_at INTEGER, done_by_id TEXT, done_by_name TEXT, done_by_role TEXT
  ) STRICT;
  CREATE INDEX revisions_by_project ON revisions(project_id, created_at);
  CREATE TABLE revision_answers (
    id TEXT PRIMARY KEY,
    revision_id TEXT NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    text TEXT NOT NULL, author_id TEXT, author_name TEXT NOT NULL, author_role TEXT NOT NULL, at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX revision_answers_by_revision ON revision_answers(revision_id, at);
  CREATE TABLE approvals (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    round INTEGER NOT NULL, participant_id TEXT NOT NULL, option_id TEXT NOT NULL,
    name TEXT NOT NULL, at INTEGER NOT NULL,
    PRIMARY KEY (project_id, round, participant_id)
  ) STRICT;
  CREATE TABLE agreement_settings (
    project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    quorum INTEGER
  ) STRICT;
  CREATE TABLE agreements (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    option_id TEXT, approvals TEXT NOT NULL, quorum INTEGER,
    by_name TEXT NOT NULL, at INTEGER NOT NULL, move_id TEXT NOT NULL
  ) STRICT;
  CREATE INDEX agreements_by_project ON agreements(project_id, at);
  CREATE TABLE reopens (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    reason TEXT NOT NULL, by_name TEXT NOT NULL, at INTEGER NOT NULL, move_id TEXT NOT NULL
  ) STRICT;
  CREATE INDEX reopens_by_project ON reopens(project_id, at);
  `,
  // Private mode (各自先想): one row per period; the running one has revealed_at NULL (at most one per
  // project, PrivateActions.start checks). Kept after the reveal: the record of when and by whom.
  `
  CREATE TABLE private_periods (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    scope TEXT NOT NULL, leaders_see TEXT NOT NULL,
    started_at INTEGER NOT NULL, started_by_name TEXT NOT NULL,
    revealed_at INTEGER, revealed_by_name TEXT
  ) STRICT;
  CREATE INDEX private_periods_by_project ON private_periods(project_id, started_at);
  `,
  // Moderation (server/participation/moderationStore.ts): every hide and restore, append only. Whether
  // an item is hidden now is its newest row, so the history of who hid what and when is never lost.
  `
  CREATE TABLE moderation_log (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    target_kind TEXT NOT NULL, target_id TEXT NOT NULL, action TEXT NOT NULL,
    reason TEXT, note TEXT NOT NULL,
    by_id TEXT, by_name TEXT NOT NULL, by_role TEXT NOT NULL, at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX moderation_log_by_project ON moderation_log(project_id, at);
  `,
  // 4: acting for a resident without a phone (proxyStore.ts). The need, tick or ballot itself is an
  // ordinary row keyed by the resident's participant id (so she counts once); proxy_entries says who
  // entered it for her. Paper ballots are batches of their own, added to the tallies when read.
  `
  CREATE TABLE proxy_entries (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    kind TEXT NOT NULL, target_id TEXT NOT NULL, for_id TEXT NOT NULL, for_name TEXT NOT NULL,
    by_id TEXT, by_name TEXT NOT NULL, by_role TEXT NOT NULL, at INTEGER NOT NULL,
    removed_at INTEGER, removed_by_name TEXT
  ) STRICT;
  CREATE INDEX proxy_entries_by_project ON proxy_entries(project_id, at);
  CREATE TABLE paper_batches (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    vote_id TEXT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
    counts TEXT NOT NULL, source TEXT NOT NULL,
    by_id TEXT, by_name TEXT NOT NULL, by_role TEXT NOT NULL, at INTEGER NOT NULL,
    removed_at INTEGER, removed_by_name TEXT, replaced_by TEXT
  ) STRICT;
  CREATE INDEX paper_batches_by_project ON paper_batches(project_id, at);
  CREATE TABLE vote_clashes (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    vote_id TEXT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL, name TEXT NOT NULL, at INTEGER NOT NULL,
    resolved_at INTEGER, resolved_by_name TEXT, kept TEXT,
    UNIQUE (vote_id, participant_id)
  ) STRICT;
  `,
]
export function migrateParticipation(db: SqlDb): void {
  migrateTables(db, { name: 'participation', versionAt: { table: 'participation_schema' }, steps: MIGRATIONS }, db.name)
}
