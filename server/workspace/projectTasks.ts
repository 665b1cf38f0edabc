/**
 * MERGE POINT (issue 19 point 2): the task list (任务清单) is built on another branch, which adds the
 * stage `implement` and `taskCounts(projectId) → { total, done, late }`. Until that is merged every
 * project has no tasks: these two functions are the only place the overview and the weekly check-in
 * read tasks from, so wiring them is a change to this file alone.
 */

export interface TaskCounts {
  total: number
  done: number
  late: number
}

export interface TaskSource {
  /** The project's tasks now: how many, how many done, how many past their due date and not done. */
  counts(projectId: string): TaskCounts
  /** Tasks of the project marked done at or after `since` (ms). */
  doneSince(projectId: string, since: number): number
}

export const NO_TASKS: TaskSource = {
  counts: () => ({ total: 0, done: 0, late: 0 }),
  doneSince: () => 0,
}
