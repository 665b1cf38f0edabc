/**
 * A project's task list in three numbers, for the town's overview (a workspace's list of projects):
 * how many tasks, how many finished, how many late (not finished and either marked 延期 or past the
 * due date, counted by the server's calendar day).
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { isLate, localDay, type TaskStatus } from '../../src/shared/tasks.js'

export interface TaskCounts {
  total: number
  done: number
  late: number
}

export function taskCounts(db: SqlDb, projectId: string, now: Date = new Date()): TaskCounts {
  // No migration here: this runs once per project of an overview; the caller made the tables once
  // (server/workspace/projectTasks.ts, or Participation when it opened the file).
  const rows = db.prepare<[string], { status: TaskStatus; due: string }>(
    'SELECT status, due FROM tasks WHERE project_id = ? AND deleted_at IS NULL').all(projectId)
  const today = localDay(now)
  return {
    total: rows.length,
    done: rows.filter((r) => r.status === 'done').length,
    late: rows.filter((r) => isLate(r, today)).length,
  }
}
