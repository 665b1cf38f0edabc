/**
 * ProjectStore on the same SQLite database as SqliteStorage (its handle is shared, it is closed by
 * SqliteStorage.close()). The workflow tables have their own schema version, kept in the
 * `workflow_schema` table: SQLite's user_version belongs to SqliteStorage, which refuses a number it
 * does not know.
 */
import type Database from 'better-sqlite3'
import type { BasePlan, PlanScale, StageCounts } from '../../src/shared/projectApi.js'
import type { Role, Stage } from '../../src/shared/workflow.js'
import type {
  ContributionRecord, LinkRecord, ParticipantRecord, ProjectRecord, ProjectStore, StageMoveRecord,
} from './ProjectStore.js'

/**
 * Append only: entry N takes a version N-1 database to version N, in one transaction with the
 * version bump. Version 1 uses IF NOT EXISTS because databases written before the workflow had a
 * version (first workflow commit) already hold its tables; for them it changes nothing.
 */
const MIGRATIONS: readonly string[] = [
  '',
  `
  CREATE TABLE IF NOT EXISTS projects (
    id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    name TEXT NOT NULL, site TEXT NOT NULL, area TEXT NOT NULL, brief TEXT NOT NULL,
    stage TEXT NOT NULL, created_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS links (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    role TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
    created_at INTEGER NOT NULL, expires_at INTEGER, revoked_at INTEGER
  ) STRICT;
  CREATE INDEX IF NOT EXISTS links_by_project ON links(project_id);
  CREATE TABLE IF NOT EXISTS stage_moves (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    from_stage TEXT NOT NULL, to_stage TEXT NOT NULL, by_link_id TEXT NOT NULL, by_name TEXT NOT NULL,
    at INTEGER NOT NULL, board_snapshot BLOB NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS stage_moves_by_project ON stage_moves(project_id, at);
  `,
  `
  ALTER TABLE projects ADD COLUMN base_plan_src TEXT;
  ALTER TABLE projects ADD COLUMN base_plan_width INTEGER;
  ALTER TABLE projects ADD COLUMN base_plan_height INTEGER;
  ALTER TABLE projects ADD COLUMN base_plan_mime_type TEXT;
  ALTER TABLE projects ADD COLUMN metres_per_unit REAL;
  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    link_id TEXT NOT NULL REFERENCES links(id) ON DELETE CASCADE,
    role TEXT NOT NULL, name TEXT NOT NULL, unit TEXT NOT NULL, joined_at INTEGER NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX participants_identity ON participants(link_id, name, unit);
  CREATE INDEX participants_by_project ON participants(project_id, joined_at);
  CREATE TABLE contributions (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('need', 'comment', 'vote')),
    stage TEXT NOT NULL, link_id TEXT NOT NULL, at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX contributions_by_project ON contributions(project_id, stage);
  `,
  `
  CREATE TABLE participant_tokens (
    token_hash TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX participant_tokens_by_participant ON participant_tokens(participant_id);
  `,
]
const SCHEMA_VERSION = MIGRATIONS.length - 1

interface ProjectRow {
  id: string; name: string; site: string; area: string; brief: string; stage: string; created_at: number
  base_plan_src: string | null; base_plan_width: number | null; base_plan_height: number | null
  base_plan_mime_type: string | null; metres_per_unit: number | null
}
interface LinkRow {
  id: string; project_id: string; role: string; token_hash: string; label: string
  created_at: number; expires_at: number | null; revoked_at: number | null
}
interface MoveRow { id: string; project_id: string; from_stage: string; to_stage: string; by_link_id: string; by_name: string; at: number }
interface ParticipantRow { id: string; project_id: string; link_id: string; role: string; name: string; unit: string; joined_at: number }

const PROJECT_COLS = 'id, name, site, area, brief, stage, created_at, base_plan_src, base_plan_width, base_plan_height, base_plan_mime_type, metres_per_unit'
const LINK_COLS = 'id, project_id, role, token_hash, label, created_at, expires_at, revoked_at'
const MOVE_COLS = 'id, project_id, from_stage, to_stage, by_link_id, by_name, at'
const PARTICIPANT_COLS = 'id, project_id, link_id, role, name, unit, joined_at'

function toProject(r: ProjectRow): ProjectRecord {
  const basePlan = r.base_plan_src === null ? null
    : { src: r.base_plan_src, width: r.base_plan_width ?? 0, height: r.base_plan_height ?? 0, mimeType: r.base_plan_mime_type ?? '' }
  return {
    id: r.id, name: r.name, site: r.site, area: r.area, brief: r.brief, stage: r.stage as Stage, createdAt: r.created_at,
    basePlan, scale: r.metres_per_unit === null ? null : { metresPerUnit: r.metres_per_unit },
  }
}
function toLink(r: LinkRow): LinkRecord {
  return {
    id: r.id, projectId: r.project_id, role: r.role as Role, tokenHash: r.token_hash, label: r.label,
    createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at,
  }
}
function toMove(r: MoveRow): StageMoveRecord {
  return {
    id: r.id, projectId: r.project_id, fromStage: r.from_stage as Stage, toStage: r.to_stage as Stage,
    byLinkId: r.by_link_id, byName: r.by_name, at: r.at,
  }
}
function toParticipant(r: ParticipantRow): ParticipantRecord {
  return { id: r.id, projectId: r.project_id, linkId: r.link_id, role: r.role as Role, name: r.name, unit: r.unit, joinedAt: r.joined_at }
}

function prepare(db: Database.Database) {
  return {
    insertProject: db.prepare('INSERT INTO projects (id, name, site, area, brief, stage, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    getProject: db.prepare<[string], ProjectRow>(`SELECT ${PROJECT_COLS} FROM projects WHERE id = ?`),
    setStage: db.prepare('UPDATE projects SET stage = ? WHERE id = ? AND stage = ?'),
    setBasePlan: db.prepare(
      'UPDATE projects SET base_plan_src = ?, base_plan_width = ?, base_plan_height = ?, base_plan_mime_type = ? WHERE id = ?'),
    setScale: db.prepare('UPDATE projects SET metres_per_unit = ? WHERE id = ?'),
    insertLink: db.prepare(`INSERT INTO links (${LINK_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    getLink: db.prepare<[string], LinkRow>(`SELECT ${LINK_COLS} FROM links WHERE id = ?`),
    linkByHash: db.prepare<[string], LinkRow>(`SELECT ${LINK_COLS} FROM links WHERE token_hash = ?`),
    listLinks: db.prepare<[string], LinkRow>(`SELECT ${LINK_COLS} FROM links WHERE project_id = ? ORDER BY created_at, id`),
    revokeLink: db.prepare('UPDATE links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    insertMove: db.prepare(`INSERT INTO stage_moves (${MOVE_COLS}, board_snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    listMoves: db.prepare<[string], MoveRow>(`SELECT ${MOVE_COLS} FROM stage_moves WHERE project_id = ? ORDER BY at, rowid`),
    getSnapshot: db.prepare<[string, string], { board_snapshot: Buffer }>(
      'SELECT board_snapshot FROM stage_moves WHERE project_id = ? AND id = ?'),
    insertParticipant: db.prepare(`INSERT INTO participants (${PARTICIPANT_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    findParticipant: db.prepare<[string, string, string], ParticipantRow>(
      `SELECT ${PARTICIPANT_COLS} FROM participants WHERE link_id = ? AND name = ? AND unit = ?`),
    getParticipant: db.prepare<[string], ParticipantRow>(`SELECT ${PARTICIPANT_COLS} FROM participants WHERE id = ?`),
    renameParticipant: db.prepare('UPDATE participants SET name = ?, unit = ? WHERE id = ?'),
    insertParticipantToken: db.prepare('INSERT INTO participant_tokens (token_hash, participant_id, created_at) VALUES (?, ?, ?)'),
    participantByTokenHash: db.prepare<[string], ParticipantRow>(
      `SELECT ${PARTICIPANT_COLS.split(', ').map((c) => `p.${c}`).join(', ')} FROM participant_tokens t JOIN participants p ON p.id = t.participant_id WHERE t.token_hash = ?`),
    listParticipants: db.prepare<[string], ParticipantRow>(
      `SELECT ${PARTICIPANT_COLS} FROM participants WHERE project_id = ? ORDER BY joined_at, rowid`),
    insertContribution: db.prepare('INSERT INTO contributions (id, project_id, kind, stage, link_id, at) VALUES (?, ?, ?, ?, ?, ?)'),
    countContributions: db.prepare<[string], { stage: string; kind: string; n: number }>(
      'SELECT stage, kind, COUNT(*) AS n FROM contributions WHERE project_id = ? GROUP BY stage, kind'),
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS workflow_schema (version INTEGER NOT NULL) STRICT')
  const row = db.prepare<[], { version: number }>('SELECT version FROM workflow_schema').get()
  const version = row?.version ?? 0
  if (version > SCHEMA_VERSION) {
    throw new Error(`The workflow tables were written by a newer version of CommonGround (workflow schema ${version}, ` +
      `this version knows ${SCHEMA_VERSION}); upgrade CommonGround or use another DATA_DIR`)
  }
  for (let v = version + 1; v <= SCHEMA_VERSION; v++) {
    // Each step with its version bump in one transaction: a crash mid-upgrade redoes the whole step.
    db.transaction(() => {
      db.exec(MIGRATIONS[v])
      db.exec('DELETE FROM workflow_schema')
      db.prepare('INSERT INTO workflow_schema (version) VALUES (?)').run(v)
    })()
  }
}

export class SqliteProjectStore implements ProjectStore {
  private readonly stmt: ReturnType<typeof prepare>

  constructor(private readonly db: Database.Database) {
    migrate(db)
    this.stmt = prepare(db)
  }

  createProject(p: Omit<ProjectRecord, 'basePlan' | 'scale'>): void {
    this.stmt.insertProject.run(p.id, p.name, p.site, p.area, p.brief, p.stage, p.createdAt)
  }

  getProject(id: string): ProjectRecord | undefined {
    const row = this.stmt.getProject.get(id)
    return row && toProject(row)
  }

  setBasePlan(projectId: string, plan: BasePlan): void {
    this.stmt.setBasePlan.run(plan.src, plan.width, plan.height, plan.mimeType, projectId)
  }

  setScale(projectId: string, scale: PlanScale): void {
    this.stmt.setScale.run(scale.metresPerUnit, projectId)
  }

  createLink(l: LinkRecord): void {
    this.stmt.insertLink.run(l.id, l.projectId, l.role, l.tokenHash, l.label, l.createdAt, l.expiresAt, l.revokedAt)
  }

  getLink(id: string): LinkRecord | undefined {
    const row = this.stmt.getLink.get(id)
    return row && toLink(row)
  }

  findLinkByHash(tokenHash: string): LinkRecord | undefined {
    const row = this.stmt.linkByHash.get(tokenHash)
    return row && toLink(row)
  }

  listLinks(projectId: string): LinkRecord[] {
    return this.stmt.listLinks.all(projectId).map(toLink)
  }

  revokeLink(id: string, at: number): void {
    this.stmt.revokeLink.run(at, id)
  }

  moveStage(m: StageMoveRecord, snapshot: Uint8Array): boolean {
    // Compare-and-set in one transaction: two organizers moving at once cannot both succeed.
    return this.db.transaction(() => {
      if (this.stmt.setStage.run(m.toStage, m.projectId, m.fromStage).changes !== 1) return false
      this.stmt.insertMove.run(m.id, m.projectId, m.fromStage, m.toStage, m.byLinkId, m.byName, m.at, snapshot)
      return true
    })()
  }

  listMoves(projectId: string): StageMoveRecord[] {
    return this.stmt.listMoves.all(projectId).map(toMove)
  }

  getSnapshot(projectId: string, moveId: string): Uint8Array | undefined {
    const row = this.stmt.getSnapshot.get(projectId, moveId)
    return row && new Uint8Array(row.board_snapshot.buffer, row.board_snapshot.byteOffset, row.board_snapshot.byteLength)
  }

  joinParticipant(c: ParticipantRecord): { participant: ParticipantRecord; created: boolean } {
    // Insert-or-find in one transaction against the unique (link, name, unit) index: a device that
    // reloads and joins again, even twice at once, gets the participant it made the first time.
    return this.db.transaction(() => {
      const created = this.stmt.insertParticipant.run(c.id, c.projectId, c.linkId, c.role, c.name, c.unit, c.joinedAt).changes === 1
      const row = this.stmt.findParticipant.get(c.linkId, c.name, c.unit)
      if (!row) throw new Error('participant vanished inside its own transaction')
      return { participant: toParticipant(row), created }
    })()
  }

  getParticipant(id: string): ParticipantRecord | undefined {
    const row = this.stmt.getParticipant.get(id)
    return row && toParticipant(row)
  }

  renameParticipant(id: string, name: string, unit: string): boolean {
    try {
      return this.stmt.renameParticipant.run(name, unit, id).changes === 1
    } catch (err) {
      // The unique (link, name, unit) index: someone else on the same link already goes by this name.
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return false
      throw err
    }
  }

  addParticipantToken(participantId: string, tokenHash: string, at: number): void {
    this.stmt.insertParticipantToken.run(tokenHash, participantId, at)
  }

  findParticipantByTokenHash(tokenHash: string): ParticipantRecord | undefined {
    const row = this.stmt.participantByTokenHash.get(tokenHash)
    return row && toParticipant(row)
  }

  listParticipants(projectId: string): ParticipantRecord[] {
    return this.stmt.listParticipants.all(projectId).map(toParticipant)
  }

  recordContribution(c: ContributionRecord): void {
    this.stmt.insertContribution.run(c.id, c.projectId, c.kind, c.stage, c.linkId, c.at)
  }

  countContributions(projectId: string): Partial<Record<Stage, StageCounts>> {
    const counts: Partial<Record<Stage, StageCounts>> = {}
    const field = { need: 'needs', comment: 'comments', vote: 'votes' } as const
    for (const r of this.stmt.countContributions.all(projectId)) {
      const c = (counts[r.stage as Stage] ??= { needs: 0, comments: 0, votes: 0 })
      c[field[r.kind as keyof typeof field]] += r.n
    }
    return counts
  }
}
