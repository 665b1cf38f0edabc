/**
 * The overview of a workspace: one summary per project, read with one grouped query per figure (not
 * one per project), so a town's ~100 projects cost a handful of indexed queries. Counts only: no
 * resident's name and no content of a project leaves here (docs/permissions.md, "Workspace links").
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { hasTable } from '../storage/sql/sqlEngine.js'
import { isStage, ROLES, STAGES, type Role } from '../../src/shared/workflow.js'
import type { ProjectSummary, WorkspaceInfo } from '../../src/shared/workspaceApi.js'
import { storedValue } from '../storage/storedValue.js'
import type { TaskSource } from './projectTasks.js'
import { NEED_NOT_HIDDEN } from './WorkspaceStore.js'

const DAY_MS = 86_400_000

/** The workspace's projects, as a sub-select; `?` is the workspace id. */
const IN_WS = 'project_id IN (SELECT project_id FROM workspace_projects WHERE workspace_id = ?)'
/**
 * A need that counts: not deleted, not merged away, not hidden by a moderator. A need of a running
 * private period (各自先想) counts too: a number, never its words, and the period's own banner on
 * the board says as much ("3 位邻居已提交").
 */
const LIVE_NEED = `n.deleted_at IS NULL AND n.merged_into IS NULL AND ${NEED_NOT_HIDDEN}`

interface BaseRow { id: string; name: string; area: string; stage: string; created_at: number; attached_at: number; moved_at: number | null }
type CountRow = { project_id: string; n: number }

export class WorkspaceOverview {
  private readonly stmt

  constructor(db: SqlDb, private readonly tasks: TaskSource) {
    this.stmt = {
      base: db.prepare<[string], BaseRow>(`
        SELECT p.id, p.name, p.area, p.stage, p.created_at, wp.attached_at,
               (SELECT MAX(s.at) FROM stage_moves s WHERE s.project_id = p.id) AS moved_at
          FROM workspace_projects wp JOIN projects p ON p.id = wp.project_id
         WHERE wp.workspace_id = ? ORDER BY wp.attached_at, p.rowid`),
      needsRaised: db.prepare<[string], CountRow>(
        `SELECT n.project_id, COUNT(*) AS n FROM needs n WHERE n.${IN_WS} AND ${LIVE_NEED} GROUP BY n.project_id`),
      needsAddressed: db.prepare<[string], CountRow>(`
        SELECT n.project_id, COUNT(DISTINCT n.id) AS n FROM needs n JOIN option_needs l ON l.need_id = n.id
         WHERE n.${IN_WS} AND ${LIVE_NEED} GROUP BY n.project_id`),
      needsMatched: db.prepare<[string, string], CountRow>(`
        SELECT n.project_id, COUNT(DISTINCT n.id) AS n FROM needs n
          JOIN need_resources m ON m.need_id = n.id
          JOIN workspace_entries e ON e.id = m.resource_id AND e.removed_at IS NULL AND e.workspace_id = ?
         WHERE n.${IN_WS} AND ${LIVE_NEED} GROUP BY n.project_id`),
      participants: db.prepare<[string], { project_id: string; role: string; n: number }>(
        `SELECT project_id, role, COUNT(*) AS n FROM participants WHERE ${IN_WS} GROUP BY project_id, role`),
      openRevisions: db.prepare<[string], CountRow>(
        `SELECT project_id, COUNT(*) AS n FROM revisions WHERE ${IN_WS} AND done_at IS NULL GROUP BY project_id`),
      // Last activity: the newest of every kind of record a project keeps (board edits included).
      lastActivity: db.prepare<[string, string, string, string, string, string], CountRow>(`
        SELECT project_id, MAX(at) AS n FROM (
          SELECT project_id, MAX(at) AS at FROM stage_moves WHERE ${IN_WS} GROUP BY project_id
          UNION ALL SELECT project_id, MAX(at) FROM contributions WHERE ${IN_WS} GROUP BY project_id
          UNION ALL SELECT project_id, MAX(updated_at) FROM needs WHERE ${IN_WS} GROUP BY project_id
          UNION ALL SELECT project_id, MAX(at) FROM approvals WHERE ${IN_WS} GROUP BY project_id
          UNION ALL SELECT project_id, MAX(updated_at) FROM design_options WHERE ${IN_WS} GROUP BY project_id
          UNION ALL ${hasTable(db, 'audit')
    ? `SELECT board_id AS project_id, MAX(last_at) FROM audit
            WHERE board_id IN (SELECT project_id FROM workspace_projects WHERE workspace_id = ?) GROUP BY board_id`
    // The board storage keeps its audit log elsewhere (another engine than these tables): board
    // edits do not count here then. The parameter stays, so the call is the same either way.
    : 'SELECT NULL, NULL WHERE CAST(? AS TEXT) IS NULL'}
        ) AS activity GROUP BY project_id`),
    }
  }

  summaries(workspace: WorkspaceInfo, now = Date.now()): ProjectSummary[] {
    const id = workspace.id
    const byProject = (rows: CountRow[]) => new Map(rows.map((r) => [r.project_id, r.n]))
    const raised = byProject(this.stmt.needsRaised.all(id))
    const addressed = byProject(this.stmt.needsAddressed.all(id))
    const matched = byProject(this.stmt.needsMatched.all(id, id))
    const revisions = byProject(this.stmt.openRevisions.all(id))
    const activity = byProject(this.stmt.lastActivity.all(id, id, id, id, id, id))
    const people = new Map<string, Record<Role, number>>()
    for (const r of this.stmt.participants.all(id)) {
      const counts = people.get(r.project_id) ?? Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<Role, number>
      if (r.role in counts) counts[r.role as Role] = r.n
      people.set(r.project_id, counts)
    }
    return this.stmt.base.all(id).map((p): ProjectSummary => {
      const stageSince = p.moved_at ?? p.created_at
      const daysInStage = Math.max(0, Math.floor((now - stageSince) / DAY_MS))
      const tasks = this.tasks.counts(p.id)
      return {
        projectId: p.id, name: p.name, area: p.area, stage: storedValue(isStage, p.stage, 'projects.stage'),
        stageSince, daysInStage,
        needsRaised: raised.get(p.id) ?? 0, needsAddressed: addressed.get(p.id) ?? 0, needsMatched: matched.get(p.id) ?? 0,
        participants: people.get(p.id) ?? Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<Role, number>,
        openRevisions: revisions.get(p.id) ?? 0,
        tasks: { done: tasks.done, late: tasks.late },
        lastActivity: Math.max(activity.get(p.id) ?? 0, p.created_at),
        // The last stage has no next one to be late for: there only late tasks make a project overdue.
        overdue: (p.stage !== STAGES[STAGES.length - 1] && daysInStage > workspace.overdueDays) || tasks.late > 0,
        attachedAt: p.attached_at,
      }
    })
  }
}
