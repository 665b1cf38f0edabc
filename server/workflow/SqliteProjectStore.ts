/**
 * ProjectStore on the same SQLite database as SqliteStorage (its handle is shared, it is closed by
 * SqliteStorage.close()). The tables are created if missing, so an older database gains them.
 */
import type Database from 'better-sqlite3'
import type { Role, Stage } from '../../src/shared/workflow.js'
import type { LinkRecord, ProjectRecord, ProjectStore, StageMoveRecord } from './ProjectStore.js'

const SCHEMA = `
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
`

interface ProjectRow { id: string; name: string; site: string; area: string; brief: string; stage: string; created_at: number }
interface LinkRow {
  id: string; project_id: string; role: string; token_hash: string; label: string
  created_at: number; expires_at: number | null; revoked_at: number | null
}
interface MoveRow { id: string; project_id: string; from_stage: string; to_stage: string; by_link_id: string; by_name: string; at: number }

const LINK_COLS = 'id, project_id, role, token_hash, label, created_at, expires_at, revoked_at'
const MOVE_COLS = 'id, project_id, from_stage, to_stage, by_link_id, by_name, at'

function toProject(r: ProjectRow): ProjectRecord {
  return { id: r.id, name: r.name, site: r.site, area: r.area, brief: r.brief, stage: r.stage as Stage, createdAt: r.created_at }
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

function prepare(db: Database.Database) {
  return {
    insertProject: db.prepare('INSERT INTO projects (id, name, site, area, brief, stage, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    getProject: db.prepare<[string], ProjectRow>('SELECT id, name, site, area, brief, stage, created_at FROM projects WHERE id = ?'),
    setStage: db.prepare('UPDATE projects SET stage = ? WHERE id = ? AND stage = ?'),
    insertLink: db.prepare(`INSERT INTO links (${LINK_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    getLink: db.prepare<[string], LinkRow>(`SELECT ${LINK_COLS} FROM links WHERE id = ?`),
    linkByHash: db.prepare<[string], LinkRow>(`SELECT ${LINK_COLS} FROM links WHERE token_hash = ?`),
    listLinks: db.prepare<[string], LinkRow>(`SELECT ${LINK_COLS} FROM links WHERE project_id = ? ORDER BY created_at, id`),
    revokeLink: db.prepare('UPDATE links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    insertMove: db.prepare(`INSERT INTO stage_moves (${MOVE_COLS}, board_snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    listMoves: db.prepare<[string], MoveRow>(`SELECT ${MOVE_COLS} FROM stage_moves WHERE project_id = ? ORDER BY at, rowid`),
    getSnapshot: db.prepare<[string, string], { board_snapshot: Buffer }>(
      'SELECT board_snapshot FROM stage_moves WHERE project_id = ? AND id = ?'),
  }
}

export class SqliteProjectStore implements ProjectStore {
  private readonly stmt: ReturnType<typeof prepare>

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA)
    this.stmt = prepare(db)
  }

  createProject(p: ProjectRecord): void {
    this.stmt.insertProject.run(p.id, p.name, p.site, p.area, p.brief, p.stage, p.createdAt)
  }

  getProject(id: string): ProjectRecord | undefined {
    const row = this.stmt.getProject.get(id)
    return row && toProject(row)
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
}
