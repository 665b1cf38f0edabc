/**
 * Where the town's overview and the weekly check-in read a project's task list (任务清单, the
 * 实施落实 stage): the only place they touch the task tables (server/participation/taskStore.ts).
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { taskCounts, type TaskCounts } from '../participation/taskCounts.js'
import { migrateTasks } from '../participation/taskStore.js'

export type { TaskCounts }

export interface TaskSource {
  /** The project's tasks now: how many, how many done, how many past their due date and not done. */
  counts(projectId: string): TaskCounts
  /** Tasks of the project marked done at or after `since` (ms). */
  doneSince(projectId: string, since: number): number
}

/** The tasks as stored in `db`. */
export function storedTasks(db: SqlDb): TaskSource {
  // The overview may ask before any Participation opened this file (the task tables are made on first use).
  migrateTasks(db)
  const doneSince = db.prepare<[string, number], { n: number }>(
    `SELECT COUNT(DISTINCT e.task_id) AS n FROM task_events e JOIN tasks t ON t.id = e.task_id
     WHERE t.project_id = ? AND t.deleted_at IS NULL AND t.status = 'done' AND e.status = 'done' AND e.at >= ?`)
  return {
    counts: (projectId) => taskCounts(db, projectId),
    doneSince: (projectId, since) => doneSince.get(projectId, since)?.n ?? 0,
  }
}
