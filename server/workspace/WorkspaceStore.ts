/**
 * Workspaces, their links (token hashes only), which projects belong to each, the needs and resources
 * lists and the matches of project needs to resources. The overview's and the weekly check-in's
 * counts are read by ./overview.ts and ./weekly.ts straight from the workflow and participation tables.
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { isListSide, isResourceKind, isWorkspaceRole, type ListEntry, type NeedMatch, type WorkspaceInfo, type WorkspaceRole } from '../../src/shared/workspaceApi.js'
import { storedValue } from '../storage/storedValue.js'
import { migrateWorkspaces } from './schema.js'

export interface WorkspaceLinkRecord {
  id: string
  workspaceId: string
  role: WorkspaceRole
  createdAt: number
  revokedAt: number | null
}

interface EntryRow {
  id: string; side: string; kind: string | null; name: string; description: string; amount: string; contact: string
  community: string; created_at: number; updated_at: number
}
interface MatchRow { resource_id: string; project_id: string; project_name: string; need_id: string; need_text: string; by_name: string; at: number }

/** SQL: the need `need` of project `project` (column names) is not hidden now: its newest moderation entry is not a hide (moderationStore.ts). */
function notHidden(project: string, need: string): string {
  return `COALESCE((SELECT ml.action FROM moderation_log ml WHERE ml.project_id = ${project} AND ml.target_kind = 'need'
  AND ml.target_id = ${need} ORDER BY ml.at DESC, ml.rowid DESC LIMIT 1), '') <> 'hide'`
}

/** The need of match `m` is not hidden now. */
export const NOT_HIDDEN = notHidden('m.project_id', 'm.need_id')
/** Need `n` is not hidden now: a hidden need counts nowhere, as the board shows it to nobody but its author and moderators. */
export const NEED_NOT_HIDDEN = notHidden('n.project_id', 'n.id')

const ENTRY_COLS = 'id, side, kind, name, description, amount, contact, community, created_at, updated_at'

function toEntry(r: EntryRow): ListEntry {
  return {
    id: r.id, side: storedValue(isListSide, r.side, 'workspace_entries.side'),
    kind: r.kind === null ? null : storedValue(isResourceKind, r.kind, 'workspace_entries.kind'),
    name: r.name, description: r.description, amount: r.amount, contact: r.contact, community: r.community,
    createdAt: r.created_at, updatedAt: r.updated_at,
  }
}

export type EntryFields = Pick<ListEntry, 'side' | 'kind' | 'name' | 'description' | 'amount' | 'contact' | 'community'>

export class WorkspaceStore {
  private readonly stmt

  constructor(private readonly db: SqlDb) {
    migrateWorkspaces(db)
    this.stmt = {
      insert: db.prepare('INSERT INTO workspaces (id, name, overdue_days, created_at) VALUES (?, ?, ?, ?)'),
      get: db.prepare<[string], { id: string; name: string; overdue_days: number; created_at: number }>(
        'SELECT id, name, overdue_days, created_at FROM workspaces WHERE id = ?'),
      update: db.prepare('UPDATE workspaces SET name = ?, overdue_days = ? WHERE id = ?'),
      insertLink: db.prepare('INSERT INTO workspace_links (id, workspace_id, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?)'),
      linkByHash: db.prepare<[string], { id: string; workspace_id: string; role: string; created_at: number; revoked_at: number | null }>(
        'SELECT id, workspace_id, role, created_at, revoked_at FROM workspace_links WHERE token_hash = ?'),
      revokeRole: db.prepare('UPDATE workspace_links SET revoked_at = ? WHERE workspace_id = ? AND role = ? AND revoked_at IS NULL'),
      attach: db.prepare('INSERT INTO workspace_projects (project_id, workspace_id, attached_at, how) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      detach: db.prepare('DELETE FROM workspace_projects WHERE project_id = ?'),
      workspaceOf: db.prepare<[string], { workspace_id: string }>('SELECT workspace_id FROM workspace_projects WHERE project_id = ?'),
      insertEntry: db.prepare(`INSERT INTO workspace_entries (id, workspace_id, side, kind, name, description, amount, contact, community, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      updateEntry: db.prepare(`UPDATE workspace_entries SET kind = ?, name = ?, description = ?, amount = ?, contact = ?, community = ?, updated_at = ?
        WHERE id = ? AND workspace_id = ? AND removed_at IS NULL`),
      removeEntry: db.prepare('UPDATE workspace_entries SET removed_at = ? WHERE id = ? AND workspace_id = ? AND removed_at IS NULL'),
      countEntries: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM workspace_entries WHERE workspace_id = ? AND removed_at IS NULL'),
      entry: db.prepare<[string, string], EntryRow>(`SELECT ${ENTRY_COLS} FROM workspace_entries WHERE id = ? AND workspace_id = ? AND removed_at IS NULL`),
      entries: db.prepare<[string], EntryRow>(`SELECT ${ENTRY_COLS} FROM workspace_entries WHERE workspace_id = ? AND removed_at IS NULL ORDER BY created_at, rowid`),
      match: db.prepare('INSERT INTO need_resources (need_id, resource_id, project_id, by_name, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      unmatch: db.prepare('DELETE FROM need_resources WHERE need_id = ? AND resource_id = ? AND project_id = ?'),
      // Only what counts now: the project still in the resource's workspace, the resource not
      // removed, the need neither deleted nor merged away — nor hidden by a moderator (its words
      // would otherwise be published on the workspace's lists).
      matches: db.prepare<[string], MatchRow>(`
        SELECT m.resource_id, m.project_id, p.name AS project_name, m.need_id, n.text AS need_text, m.by_name, m.at
          FROM need_resources m
          JOIN workspace_entries e ON e.id = m.resource_id AND e.removed_at IS NULL
          JOIN workspace_projects wp ON wp.project_id = m.project_id AND wp.workspace_id = e.workspace_id
          JOIN projects p ON p.id = m.project_id
          JOIN needs n ON n.id = m.need_id AND n.deleted_at IS NULL AND n.merged_into IS NULL
         WHERE e.workspace_id = ? AND ${NOT_HIDDEN} ORDER BY m.at, m.rowid`),
      // The project's matches that count now (the resource live, the project still in its workspace);
      // which needs the caller may see is the caller's view's to say (workspaceRoutes.ts).
      needResources: db.prepare<[string], { need_id: string; resource_id: string; name: string; kind: string | null }>(`
        SELECT m.need_id, m.resource_id, e.name, e.kind FROM need_resources m
          JOIN workspace_entries e ON e.id = m.resource_id AND e.removed_at IS NULL
          JOIN workspace_projects wp ON wp.project_id = m.project_id AND wp.workspace_id = e.workspace_id
         WHERE m.project_id = ? ORDER BY m.at, m.rowid`),
      projectMatches: db.prepare<[string], { need_id: string; name: string; kind: string | null }>(`
        SELECT m.need_id, e.name, e.kind FROM need_resources m
          JOIN workspace_entries e ON e.id = m.resource_id AND e.removed_at IS NULL
          JOIN workspace_projects wp ON wp.project_id = m.project_id AND wp.workspace_id = e.workspace_id
         WHERE m.project_id = ? ORDER BY m.at, m.rowid`),
    }
  }

  create(info: WorkspaceInfo): void {
    this.stmt.insert.run(info.id, info.name, info.overdueDays, info.createdAt)
  }

  get(id: string): WorkspaceInfo | undefined {
    const row = this.stmt.get.get(id)
    return row && { id: row.id, name: row.name, overdueDays: row.overdue_days, createdAt: row.created_at }
  }

  update(id: string, name: string, overdueDays: number): void {
    this.stmt.update.run(name, overdueDays, id)
  }

  addLink(link: WorkspaceLinkRecord, tokenHash: string): void {
    this.stmt.insertLink.run(link.id, link.workspaceId, link.role, tokenHash, link.createdAt)
  }

  findLink(tokenHash: string): WorkspaceLinkRecord | undefined {
    const row = this.stmt.linkByHash.get(tokenHash)
    return row && {
      id: row.id, workspaceId: row.workspace_id, role: storedValue(isWorkspaceRole, row.role, 'workspace_links.role'),
      createdAt: row.created_at, revokedAt: row.revoked_at,
    }
  }

  /** Revoke every live link of this role and store the new one, in one transaction. */
  replaceLinks(link: WorkspaceLinkRecord, tokenHash: string): void {
    this.db.transaction(() => {
      this.stmt.revokeRole.run(link.createdAt, link.workspaceId, link.role)
      this.addLink(link, tokenHash)
    })()
  }

  /** false when the project already belongs to a workspace (this one or another). */
  attach(projectId: string, workspaceId: string, at: number, how: 'created' | 'attached'): boolean {
    return this.stmt.attach.run(projectId, workspaceId, at, how).changes === 1
  }

  detach(projectId: string): boolean {
    return this.stmt.detach.run(projectId).changes === 1
  }

  workspaceOf(projectId: string): string | undefined {
    return this.stmt.workspaceOf.get(projectId)?.workspace_id
  }

  /** false when the list is full (LIST_ENTRIES_MAX), checked in the same transaction as the insert. */
  addEntry(workspaceId: string, id: string, fields: EntryFields, at: number, max: number): boolean {
    return this.db.transaction(() => {
      if ((this.stmt.countEntries.get(workspaceId)?.n ?? 0) >= max) return false
      this.stmt.insertEntry.run(id, workspaceId, fields.side, fields.kind, fields.name, fields.description, fields.amount,
        fields.contact, fields.community, at, at)
      return true
    })()
  }

  updateEntry(workspaceId: string, id: string, fields: Omit<EntryFields, 'side'>, at: number): boolean {
    return this.stmt.updateEntry.run(fields.kind, fields.name, fields.description, fields.amount, fields.contact, fields.community,
      at, id, workspaceId).changes === 1
  }

  removeEntry(workspaceId: string, id: string, at: number): boolean {
    return this.stmt.removeEntry.run(at, id, workspaceId).changes === 1
  }

  entry(workspaceId: string, id: string): ListEntry | undefined {
    const row = this.stmt.entry.get(id, workspaceId)
    return row && toEntry(row)
  }

  entries(workspaceId: string): ListEntry[] {
    return this.stmt.entries.all(workspaceId).map(toEntry)
  }

  match(needId: string, resourceId: string, projectId: string, byName: string, at: number): void {
    this.stmt.match.run(needId, resourceId, projectId, byName, at)
  }

  unmatch(needId: string, resourceId: string, projectId: string): boolean {
    return this.stmt.unmatch.run(needId, resourceId, projectId).changes === 1
  }

  matches(workspaceId: string): NeedMatch[] {
    return this.stmt.matches.all(workspaceId).map((r) => ({
      resourceId: r.resource_id, projectId: r.project_id, projectName: r.project_name, needId: r.need_id, needText: r.need_text,
      byName: r.by_name, at: r.at,
    }))
  }

  /** The live matches of the project's needs, with the resource's name and kind (never its contact). */
  needResources(projectId: string): { needId: string; resourceId: string; name: string; kind: ListEntry['kind'] }[] {
    return this.stmt.needResources.all(projectId).map((r) => ({
      needId: r.need_id, resourceId: r.resource_id, name: r.name,
      kind: r.kind === null ? null : storedValue(isResourceKind, r.kind, 'workspace_entries.kind'),
    }))
  }

  /** The resources matched to each need of the project (for its archive): need id → resource names. */
  projectMatches(projectId: string): { needId: string; resource: string; kind: string | null }[] {
    return this.stmt.projectMatches.all(projectId).map((r) => ({ needId: r.need_id, resource: r.name, kind: r.kind }))
  }
}
