/**
 * ProjectStore on the same SQLite database as SqliteStorage (its handle is shared, it is closed by
 * SqliteStorage.close()). The workflow tables have their own schema version, kept in the
 * `workflow_schema` table: SQLite's user_version belongs to SqliteStorage, which refuses a number it
 * does not know.
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { migrateTables } from '../storage/migrate.js'
import type { BasePlan, PlanScale, StageCounts } from '../../src/shared/projectApi.js'
import { isRole, isStage, type Stage } from '../../src/shared/workflow.js'
import type { ClaimKind } from '../../src/shared/identity.js'
import { literal } from '../../src/shared/guards.js'
import { storedValue } from '../storage/storedValue.js'
import type {
  ClaimRecord, ContributionKind, ContributionRecord, LinkRecord, ParticipantRecord, ProjectRecord, ProjectStore, StageMoveRecord,
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
  // Identity: a name no longer finds a participant. Namesakes of a project are numbered
  // (seq, numbered here in joining order for the people already stored), a join key makes a retried
  // join idempotent, and one-time personal links are recorded with who made them.
  `
  ALTER TABLE participants ADD COLUMN seq INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE participants ADD COLUMN join_key_hash TEXT;
  UPDATE participants SET seq = (SELECT COUNT(*) FROM participants q
    WHERE q.project_id = participants.project_id AND q.name = participants.name AND q.rowid <= participants.rowid);
  DROP INDEX participants_identity;
  CREATE INDEX participants_by_name ON participants(project_id, name, unit);
  CREATE INDEX participants_by_join_key ON participants(join_key_hash) WHERE join_key_hash IS NOT NULL;
  CREATE TABLE participant_claims (
    code_hash TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('device', 'confirmed')),
    by_participant_id TEXT, by_name TEXT NOT NULL, by_role TEXT NOT NULL, by_link_id TEXT NOT NULL,
    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER
  ) STRICT;
  CREATE INDEX participant_claims_by_project ON participant_claims(project_id, created_at);
  CREATE INDEX participant_claims_by_participant ON participant_claims(participant_id);
  `,
  `
  ALTER TABLE projects ADD COLUMN north_degrees INTEGER;
  `,
]

interface ProjectRow {
  id: string; name: string; site: string; area: string; brief: string; stage: string; created_at: number
  base_plan_src: string | null; base_plan_width: number | null; base_plan_height: number | null
  base_plan_mime_type: string | null; metres_per_unit: number | null; north_degrees: number | null
}
interface LinkRow {
  id: string; project_id: string; role: string; token_hash: string; label: string
  created_at: number; expires_at: number | null; revoked_at: number | null
}
interface MoveRow { id: string; project_id: string; from_stage: string; to_stage: string; by_link_id: string; by_name: string; at: number }
interface ParticipantRow { id: string; project_id: string; link_id: string; role: string; name: string; unit: string; seq: number; joined_at: number }
interface ClaimRow {
  code_hash: string; project_id: string; participant_id: string; kind: string; by_participant_id: string | null
  by_name: string; by_role: string; by_link_id: string; created_at: number; expires_at: number; used_at: number | null
}

const PROJECT_COLS = 'id, name, site, area, brief, stage, created_at, base_plan_src, base_plan_width, base_plan_height, base_plan_mime_type, metres_per_unit, north_degrees'
const LINK_COLS = 'id, project_id, role, token_hash, label, created_at, expires_at, revoked_at'
const MOVE_COLS = 'id, project_id, from_stage, to_stage, by_link_id, by_name, at'
const PARTICIPANT_COLS = 'id, project_id, link_id, role, name, unit, seq, joined_at'
const CLAIM_COLS = 'code_hash, project_id, participant_id, kind, by_participant_id, by_name, by_role, by_link_id, created_at, expires_at, used_at'

const isClaimKind = literal<ClaimKind>(['device', 'confirmed'])
/** The dashboard's count each kind of contribution adds to (the CHECK on contributions.kind lists the same kinds). */
const COUNT_FIELD = { need: 'needs', comment: 'comments', vote: 'votes' } as const satisfies Record<ContributionKind, keyof StageCounts>
const isContributionKind = literal<ContributionKind>(['need', 'comment', 'vote'])

function toProject(r: ProjectRow): ProjectRecord {
  const basePlan = r.base_plan_src === null ? null
    : { src: r.base_plan_src, width: r.base_plan_width ?? 0, height: r.base_plan_height ?? 0, mimeType: r.base_plan_mime_type ?? '' }
  return {
    id: r.id, name: r.name, site: r.site, area: r.area, brief: r.brief, stage: storedValue(isStage, r.stage, 'projects.stage'), createdAt: r.created_at,
    basePlan, scale: r.metres_per_unit === null ? null : { metresPerUnit: r.metres_per_unit, northDegrees: r.north_degrees },
  }
}
function toLink(r: LinkRow): LinkRecord {
  return {
    id: r.id, projectId: r.project_id, role: storedValue(isRole, r.role, 'links.role'), tokenHash: r.token_hash, label: r.label,
    createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at,
  }
}
function toMove(r: MoveRow): StageMoveRecord {
  return {
    id: r.id, projectId: r.project_id, fromStage: storedValue(isStage, r.from_stage, 'stage_moves.from_stage'),
    toStage: storedValue(isStage, r.to_stage, 'stage_moves.to_stage'),
    byLinkId: r.by_link_id, byName: r.by_name, at: r.at,
  }
}
function toParticipant(r: ParticipantRow): ParticipantRecord {
  return { id: r.id, projectId: r.project_id, linkId: r.link_id, role: storedValue(isRole, r.role, 'participants.role'), name: r.name, unit: r.unit, seq: r.seq, joinedAt: r.joined_at }
}
function toClaim(r: ClaimRow): ClaimRecord {
  return {
    codeHash: r.code_hash, projectId: r.project_id, participantId: r.participant_id, kind: storedValue(isClaimKind, r.kind, 'participant_claims.kind'),
    byParticipantId: r.by_participant_id, byName: r.by_name, byRole: storedValue(isRole, r.by_role, 'participant_claims.by_role'), byLinkId: r.by_link_id,
    createdAt: r.created_at, expiresAt: r.expires_at, usedAt: r.used_at,
  }
}

function prepare(db: SqlDb) {
  return {
    insertProject: db.prepare('INSERT INTO projects (id, name, site, area, brief, stage, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    getProject: db.prepare<[string], ProjectRow>(`SELECT ${PROJECT_COLS} FROM projects WHERE id = ?`),
    setStage: db.prepare('UPDATE projects SET stage = ? WHERE id = ? AND stage = ?'),
    setBasePlan: db.prepare(
      'UPDATE projects SET base_plan_src = ?, base_plan_width = ?, base_plan_height = ?, base_plan_mime_type = ? WHERE id = ?'),
    setScale: db.prepare('UPDATE projects SET metres_per_unit = ?, north_degrees = ? WHERE id = ?'),
    insertLink: db.prepare(`INSERT INTO links (${LINK_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    getLink: db.prepare<[string], LinkRow>(`SELECT ${LINK_COLS} FROM links WHERE id = ?`),
    linkByHash: db.prepare<[string], LinkRow>(`SELECT ${LINK_COLS} FROM links WHERE token_hash = ?`),
    listLinks: db.prepare<[string], LinkRow>(`SELECT ${LINK_COLS} FROM links WHERE project_id = ? ORDER BY created_at, id`),
    revokeLink: db.prepare('UPDATE links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    insertMove: db.prepare(`INSERT INTO stage_moves (${MOVE_COLS}, board_snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    listMoves: db.prepare<[string], MoveRow>(`SELECT ${MOVE_COLS} FROM stage_moves WHERE project_id = ? ORDER BY at, rowid`),
    getSnapshot: db.prepare<[string, string], { board_snapshot: Buffer }>(
      'SELECT board_snapshot FROM stage_moves WHERE project_id = ? AND id = ?'),
    insertParticipant: db.prepare(`INSERT INTO participants (${PARTICIPANT_COLS}, join_key_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    sameNameAndUnit: db.prepare<[string, string, string, string], { id: string }>(
      'SELECT id FROM participants WHERE project_id = ? AND name = ? AND unit = ? AND id != ? LIMIT 1'),
    nextSeq: db.prepare<[string, string, string], { next: number }>(
      'SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM participants WHERE project_id = ? AND name = ? AND id != ?'),
    byJoinKey: db.prepare<[string, string, number], ParticipantRow>(
      `SELECT ${PARTICIPANT_COLS} FROM participants WHERE join_key_hash = ? AND link_id = ? AND joined_at >= ? LIMIT 1`),
    getParticipant: db.prepare<[string], ParticipantRow>(`SELECT ${PARTICIPANT_COLS} FROM participants WHERE id = ?`),
    renameParticipant: db.prepare('UPDATE participants SET name = ?, unit = ?, seq = ? WHERE id = ?'),
    insertClaim: db.prepare(`INSERT INTO participant_claims (${CLAIM_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    expireClaims: db.prepare('UPDATE participant_claims SET expires_at = ? WHERE participant_id = ? AND used_at IS NULL AND expires_at > ?'),
    findClaim: db.prepare<[string], ClaimRow>(`SELECT ${CLAIM_COLS} FROM participant_claims WHERE code_hash = ?`),
    redeemClaim: db.prepare('UPDATE participant_claims SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?'),
    listClaims: db.prepare<[string], ClaimRow>(
      `SELECT ${CLAIM_COLS} FROM participant_claims WHERE project_id = ? ORDER BY created_at DESC, rowid DESC`),
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

export class SqliteProjectStore implements ProjectStore {
  private readonly stmt: ReturnType<typeof prepare>

  constructor(private readonly db: SqlDb) {
    migrateTables(db, { name: 'workflow', versionAt: { table: 'workflow_schema' }, steps: MIGRATIONS }, db.name)
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
    this.stmt.setScale.run(scale.metresPerUnit, scale.northDegrees, projectId)
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

  createParticipant(c: Omit<ParticipantRecord, 'seq'>, opts: { allowNamesake: boolean; joinKeyHash: string | null }): ParticipantRecord | 'name_taken' {
    // Check and insert in one transaction, so two joins at once cannot both take the same name or number.
    return this.db.transaction(() => {
      if (!opts.allowNamesake && this.stmt.sameNameAndUnit.get(c.projectId, c.name, c.unit, c.id)) return 'name_taken' as const
      const seq = this.stmt.nextSeq.get(c.projectId, c.name, c.id)?.next ?? 1
      this.stmt.insertParticipant.run(c.id, c.projectId, c.linkId, c.role, c.name, c.unit, seq, c.joinedAt, opts.joinKeyHash)
      return { ...c, seq }
    })()
  }

  findParticipantByJoinKey(linkId: string, joinKeyHash: string, since: number): ParticipantRecord | undefined {
    const row = this.stmt.byJoinKey.get(joinKeyHash, linkId, since)
    return row && toParticipant(row)
  }

  getParticipant(id: string): ParticipantRecord | undefined {
    const row = this.stmt.getParticipant.get(id)
    return row && toParticipant(row)
  }

  renameParticipant(id: string, name: string, unit: string): ParticipantRecord | 'name_taken' | undefined {
    return this.db.transaction(() => {
      const row = this.stmt.getParticipant.get(id)
      if (!row) return undefined
      if (this.stmt.sameNameAndUnit.get(row.project_id, name, unit, id)) return 'name_taken' as const
      // The same name keeps its number (only the unit changed); a new name is numbered among its namesakes.
      const seq = row.name === name ? row.seq : this.stmt.nextSeq.get(row.project_id, name, id)?.next ?? 1
      this.stmt.renameParticipant.run(name, unit, seq, id)
      return toParticipant({ ...row, name, unit, seq })
    })()
  }

  addClaim(c: ClaimRecord): void {
    this.db.transaction(() => {
      this.stmt.expireClaims.run(c.createdAt, c.participantId, c.createdAt)
      this.stmt.insertClaim.run(c.codeHash, c.projectId, c.participantId, c.kind, c.byParticipantId, c.byName, c.byRole,
        c.byLinkId, c.createdAt, c.expiresAt, c.usedAt)
    })()
  }

  findClaim(codeHash: string): ClaimRecord | undefined {
    const row = this.stmt.findClaim.get(codeHash)
    return row && toClaim(row)
  }

  redeemClaim(codeHash: string, now: number): boolean {
    return this.stmt.redeemClaim.run(now, codeHash, now).changes === 1
  }

  listClaims(projectId: string): ClaimRecord[] {
    return this.stmt.listClaims.all(projectId).map(toClaim)
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
    for (const r of this.stmt.countContributions.all(projectId)) {
      const c = (counts[storedValue(isStage, r.stage, 'contributions.stage')] ??= { needs: 0, comments: 0, votes: 0 })
      c[COUNT_FIELD[storedValue(isContributionKind, r.kind, 'contributions.kind')]] += r.n
    }
    return counts
  }
}
