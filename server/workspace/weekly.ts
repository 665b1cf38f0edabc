/**
 * The weekly check-in (每周对接): what changed in each project of a workspace since a date, read from
 * the records the projects keep anyway (stage moves, needs, votes and ballots, approvals, the board's
 * audit). Counts only, no names.
 *
 * "Needs addressed" is the one figure without a time of its own: linking a need to an option records
 * no date, so it counts the live needs addressed by an option created or edited since the date.
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { isStage } from '../../src/shared/workflow.js'
import type { ProjectChanges, ProjectSummary } from '../../src/shared/workspaceApi.js'
import { storedValue } from '../storage/storedValue.js'
import type { TaskSource } from './projectTasks.js'
import { NEED_NOT_HIDDEN } from './WorkspaceStore.js'

const IN_WS = 'project_id IN (SELECT project_id FROM workspace_projects WHERE workspace_id = ?)'
type CountRow = { project_id: string; n: number }

export class WorkspaceWeekly {
  private readonly stmt

  constructor(db: SqlDb, private readonly tasks: TaskSource) {
    const count = (sql: string) => db.prepare<[string, number], CountRow>(sql)
    this.stmt = {
      moves: db.prepare<[string, number], { project_id: string; from_stage: string; to_stage: string; at: number }>(
        `SELECT project_id, from_stage, to_stage, at FROM stage_moves WHERE ${IN_WS} AND at >= ? ORDER BY at, rowid`),
      newNeeds: count(`SELECT n.project_id, COUNT(*) AS n FROM needs n WHERE n.${IN_WS} AND n.created_at >= ? AND n.deleted_at IS NULL
         AND ${NEED_NOT_HIDDEN} GROUP BY n.project_id`),
      addressed: count(`
        SELECT n.project_id, COUNT(DISTINCT n.id) AS n FROM needs n
          JOIN option_needs l ON l.need_id = n.id JOIN design_options o ON o.id = l.option_id
         WHERE n.${IN_WS} AND o.updated_at >= ? AND n.deleted_at IS NULL AND n.merged_into IS NULL AND ${NEED_NOT_HIDDEN}
         GROUP BY n.project_id`),
      votesOpened: count(`SELECT project_id, COUNT(*) AS n FROM votes WHERE ${IN_WS} AND opened_at >= ? GROUP BY project_id`),
      votesClosed: count(`SELECT project_id, COUNT(*) AS n FROM votes WHERE ${IN_WS} AND closed_at >= ? GROUP BY project_id`),
      ballots: count(`SELECT v.project_id, COUNT(*) AS n FROM ballots b JOIN votes v ON v.id = b.vote_id
         WHERE v.${IN_WS} AND b.at >= ? GROUP BY v.project_id`),
      approvals: count(`SELECT project_id, COUNT(*) AS n FROM approvals WHERE ${IN_WS} AND at >= ? GROUP BY project_id`),
    }
  }

  /** `summaries`: the overview's (its names, stages and last activity), so both read the same moment. */
  since(workspaceId: string, summaries: ProjectSummary[], since: number): ProjectChanges[] {
    const byProject = (rows: CountRow[]) => new Map(rows.map((r) => [r.project_id, r.n]))
    const [newNeeds, addressed, opened, closed, ballots, approvals] = [
      this.stmt.newNeeds, this.stmt.addressed, this.stmt.votesOpened, this.stmt.votesClosed, this.stmt.ballots, this.stmt.approvals,
    ].map((s) => byProject(s.all(workspaceId, since)))
    const moves = new Map<string, ProjectChanges['stageMoves']>()
    for (const m of this.stmt.moves.all(workspaceId, since)) {
      const list = moves.get(m.project_id) ?? []
      list.push({ from: storedValue(isStage, m.from_stage, 'stage_moves.from_stage'), to: storedValue(isStage, m.to_stage, 'stage_moves.to_stage'), at: m.at })
      moves.set(m.project_id, list)
    }
    return summaries.map((p): ProjectChanges => ({
      projectId: p.projectId, name: p.name, stage: p.stage,
      stageMoves: moves.get(p.projectId) ?? [],
      newNeeds: newNeeds.get(p.projectId) ?? 0,
      needsAddressed: addressed.get(p.projectId) ?? 0,
      votesOpened: opened.get(p.projectId) ?? 0,
      votesClosed: closed.get(p.projectId) ?? 0,
      ballots: ballots.get(p.projectId) ?? 0,
      approvals: approvals.get(p.projectId) ?? 0,
      tasksDone: this.tasks.doneSince(p.projectId, since),
      active: p.lastActivity >= since,
    }))
  }
}
