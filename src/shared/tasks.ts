/**
 * The task list (任务清单) of 实施落实 (Implementation): the agreed option turned into tasks, each
 * pinned on the plan, with who is responsible, a due date, its status and history, progress photos
 * placed on the plan, and the residents' 认可 / 不认可 of a finished task. Shapes of the answers and
 * requests (docs/api.md, "Tasks"), their limits, and the checks the browser reads them with.
 * Runtime-neutral: no DOM and no Node imports here.
 */
import { arrayOf, isBoolean, isNumber, isString, literal, nullable, record, type Guard } from './guards.js'
import { ROLES, type Role } from './workflow.js'

/** 未开始 · 进行中 · 已完成 · 延期 */
export const TASK_STATUSES = ['notStarted', 'inProgress', 'done', 'delayed'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

export const TASK_TITLE_MAX = 80
export const TASK_DESCRIPTION_MAX = 1000
export const TASK_RESPONSIBLE_MAX = 80
/** A delay's reason, and an acceptance's comment. */
export const TASK_REASON_MAX = 500
export const TASK_COMMENT_MAX = 500
/** Per project: a task list, not a ticket tracker. */
export const TASKS_MAX = 200
export const TASK_PHOTOS_MAX = 30
/** Needs a task says it answers. */
export const TASK_NEEDS_MAX = 50

export interface TaskActor {
  participantId: string | null
  name: string
  role: Role
}

/** One status change, oldest first in Task.history. */
export interface TaskEvent {
  id: string
  status: TaskStatus
  /** Why (required for 延期 delayed), else ''. */
  reason: string
  /** The new due date a delay set, else null. */
  due: string | null
  by: TaskActor
  at: number
}

/** A progress photo, placed on the plan (page coordinates, like a need's pin). */
export interface TaskPhoto {
  id: string
  src: string
  x: number
  y: number
  by: TaskActor
  at: number
}

/** One person's 认可 / 不认可 as a viewer sees it: names only for the organizer and committee. */
export interface TaskVerdict {
  accepted: boolean
  comment: string
  /** null when the viewer may not see who said it. */
  name: string | null
  role: Role
  at: number
  /** Entered for her by this committee member (代录); null: her own answer, or not shown to this viewer. */
  enteredBy: string | null
}

export interface Task {
  id: string
  title: string
  description: string
  x: number
  y: number
  /** Who is responsible: a name or an organisation, as typed. */
  responsible: string
  /** YYYY-MM-DD (the local day; no time zone games: a due date is a day on the calendar). */
  due: string
  status: TaskStatus
  needIds: string[]
  author: TaskActor
  createdAt: number
  updatedAt: number
  history: TaskEvent[]
  photos: TaskPhoto[]
  accepted: number
  notAccepted: number
  verdicts: TaskVerdict[]
  /** The viewer's own answer, or null. */
  mine: { accepted: boolean; comment: string; enteredBy: string | null } | null
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar day YYYY-MM-DD between 2000 and 2100 (no 2027-02-30). */
export function isDueDate(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const m = DATE.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (y < 2000 || y > 2100) return false
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

/** Today as YYYY-MM-DD in the server's or phone's local time. */
export function localDay(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** Late: not done, and either marked 延期 or past its due date. */
export function isLate(task: { status: TaskStatus; due: string }, today: string): boolean {
  return task.status !== 'done' && (task.status === 'delayed' || task.due < today)
}

const isActor: Guard<TaskActor> = record({ participantId: nullable(isString), name: isString, role: literal(ROLES) })
const isStatus = literal(TASK_STATUSES)

export const isTask: Guard<Task> = record({
  id: isString, title: isString, description: isString, x: isNumber, y: isNumber, responsible: isString, due: isString,
  status: isStatus, needIds: arrayOf(isString), author: isActor, createdAt: isNumber, updatedAt: isNumber,
  history: arrayOf(record({ id: isString, status: isStatus, reason: isString, due: nullable(isString), by: isActor, at: isNumber })),
  photos: arrayOf(record({ id: isString, src: isString, x: isNumber, y: isNumber, by: isActor, at: isNumber })),
  accepted: isNumber, notAccepted: isNumber,
  verdicts: arrayOf(record({ accepted: isBoolean, comment: isString, name: nullable(isString), role: literal(ROLES), at: isNumber, enteredBy: nullable(isString) })),
  mine: nullable(record({ accepted: isBoolean, comment: isString, enteredBy: nullable(isString) })),
})

// --- request bodies ---

/** POST …/tasks; PATCH …/tasks/<id> takes any of these fields. */
export interface TaskRequest {
  title: string
  description?: string
  x: number
  y: number
  responsible: string
  due: string
  needIds?: string[]
}

/** POST …/tasks/<id>/status */
export interface TaskStatusRequest {
  status: TaskStatus
  /** Required for delayed. */
  reason?: string
  /** A delay's new due date. */
  due?: string
}

/** POST …/tasks/<id>/photos */
export interface TaskPhotoRequest {
  src: string
  x: number
  y: number
}

/** PUT …/tasks/<id>/acceptance */
export interface TaskAcceptanceRequest {
  accepted: boolean
  comment?: string
}

/** PUT …/proxy/tasks/<id>/acceptance: the committee enters a resident's answer (代录). */
export interface TaskAcceptanceForRequest extends TaskAcceptanceRequest {
  residentId: string
}
