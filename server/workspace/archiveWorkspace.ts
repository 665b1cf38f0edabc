/**
 * What a project's archive (server/export/writeArchive.ts) says of its workspace: the workspace's
 * name and, per need, the resources it was matched to — by name and kind, so the archive reads on its
 * own. It rides in project.json beside the tables (`workspace`); an import ignores it, since the
 * imported project belongs to no workspace on the server it lands on.
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { hasTable } from '../storage/sql/sqlEngine.js'

export interface ArchiveWorkspace {
  name: string
  needResources: { needId: string; resource: string; kind: string | null; community: string; matchedBy: string; at: number }[]
}

export function archiveWorkspace(db: SqlDb, projectId: string): ArchiveWorkspace | null {
  // A database this code opened always has the tables; a bare export without workspaces has none.
  if (!hasTable(db, 'workspace_projects')) return null
  const ws = db.prepare<[string], { id: string; name: string }>(
    'SELECT w.id, w.name FROM workspace_projects wp JOIN workspaces w ON w.id = wp.workspace_id WHERE wp.project_id = ?').get(projectId)
  if (!ws) return null
  const rows = db.prepare<[string, string], { need_id: string; name: string; kind: string | null; community: string; by_name: string; at: number }>(`
    SELECT m.need_id, e.name, e.kind, e.community, m.by_name, m.at FROM need_resources m
      JOIN workspace_entries e ON e.id = m.resource_id AND e.removed_at IS NULL AND e.workspace_id = ?
     WHERE m.project_id = ? ORDER BY m.at, m.rowid`).all(ws.id, projectId)
  return {
    name: ws.name,
    needResources: rows.map((r) => ({ needId: r.need_id, resource: r.name, kind: r.kind, community: r.community, matchedBy: r.by_name, at: r.at })),
  }
}
