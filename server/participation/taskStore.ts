/**
 * The task list (任务清单) of a project on SQLite: tasks, their status history, progress photos and
 * the 认可 / 不认可 answers (her own, or entered for her by the committee: 代录), in a table group of its own (`tasks_schema`, migrated here). A task is
 * never deleted: removing it stamps deleted_at, so its history stays readable in the archive.
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { literal } from '../../src/shared/guards.js'
import { TASK_STATUSES, type TaskActor, type TaskEvent, type TaskPhoto, type TaskStatus } from '../../src/shared/tasks.js'
import { isRole } from '../../src/shared/workflow.js'
import { migrateTables } from '../storage/migrate.js'
import { storedValue } from '../storage/storedValue.js'
import { actor } from './actorColumns.js'

const MIGRATIONS: readonly string[] = [
  '',
  `
  CREATE TABLE tasks (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    title TEXT NOT NULL, description TEXT NOT NULL, x REAL NOT NULL, y REAL NOT NULL,
    responsible TEXT NOT NULL, due TEXT NOT NULL, status TEXT NOT NULL, need_ids TEXT NOT NULL,
    author_id TEXT, author_name TEXT NOT NULL, author_role TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, deleted_at INTEGER
  ) STRICT;
  CREATE INDEX tasks_by_project ON tasks(project_id, created_at);
  CREATE TABLE task_events (
    id TEXT PRIMARY KEY,
    task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    status TEXT NOT NULL, reason TEXT NOT NULL, due TEXT,
    by_id TEXT, by_name TEXT NOT NULL, by_role TEXT NOT NULL, at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX task_events_by_task ON task_events(task_id, at);
  CREATE TABLE task_photos (
    id TEXT PRIMARY KEY,
    task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    src TEXT NOT NULL, x REAL NOT NULL, y REAL NOT NULL,
    by_id TEXT, by_name TEXT NOT NULL, by_role TEXT NOT NULL, at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX task_photos_by_task ON task_photos(task_id, at);
  CREATE TABLE task_acceptances (
    task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
    accepted INTEGER NOT NULL, comment TEXT NOT NULL, at INTEGER NOT NULL, entered_by_name TEXT,
    PRIMARY KEY (task_id, participant_id)
  ) STRICT;
  `,
]

export function migrateTasks(db: SqlDb): void {
  migrateTables(db, { name: 'tasks', versionAt: { table: 'tasks_schema' }, steps: MIGRATIONS }, db.name)
}

export interface TaskRecord {
  id: string
  projectId: string
  title: string
  description: string
  x: number
  y: number
  responsible: string
  due: string
  status: TaskStatus
  needIds: string[]
  author: TaskActor
  createdAt: number
  updatedAt: number
  deletedAt: number | null
}

export type TaskEdit = Partial<Pick<TaskRecord, 'title' | 'description' | 'x' | 'y' | 'responsible' | 'due' | 'needIds'>>

export interface TaskEventRecord extends TaskEvent { taskId: string }
export interface TaskPhotoRecord extends TaskPhoto { taskId: string }
export interface AcceptanceRecord {
  taskId: string
  participantId: string
  name: string
  role: TaskActor['role']
  accepted: boolean
  comment: string
  at: number
  /** The committee member who entered it for her (代录), or null: her own. */
  enteredBy: string | null
}

interface TaskRow {
  id: string; project_id: string; title: string; description: string; x: number; y: number; responsible: string
  due: string; status: string; need_ids: string; author_id: string | null; author_name: string; author_role: string
  created_at: number; updated_at: number; deleted_at: number | null
}

const COLS = 'id, project_id, title, description, x, y, responsible, due, status, need_ids, author_id, author_name, author_role, created_at, updated_at, deleted_at'
const isStatus = literal(TASK_STATUSES)

function toTask(r: TaskRow): TaskRecord {
  return {
    id: r.id, projectId: r.project_id, title: r.title, description: r.description, x: r.x, y: r.y,
    responsible: r.responsible, due: r.due, status: storedValue(isStatus, r.status, 'tasks.status'),
    needIds: JSON.parse(r.need_ids) as string[], author: actor(r.author_id, r.author_name, r.author_role),
    createdAt: r.created_at, updatedAt: r.updated_at, deletedAt: r.deleted_at,
  }
}

export class TaskStore {
  private readonly stmt

  constructor(private readonly db: SqlDb) {
    migrateTasks(db)
    this.stmt = {
      insert: db.prepare(`INSERT INTO tasks (${COLS}) VALUES (${COLS.split(', ').map(() => '?').join(', ')})`),
      get: db.prepare<[string, string], TaskRow>(`SELECT ${COLS} FROM tasks WHERE id = ? AND project_id = ? AND deleted_at IS NULL`),
      list: db.prepare<[string], TaskRow>(`SELECT ${COLS} FROM tasks WHERE project_id = ? AND deleted_at IS NULL ORDER BY created_at, rowid`),
      count: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM tasks WHERE project_id = ? AND deleted_at IS NULL'),
      update: db.prepare('UPDATE tasks SET title = ?, description = ?, x = ?, y = ?, responsible = ?, due = ?, need_ids = ?, updated_at = ? WHERE id = ?'),
      setStatus: db.prepare('UPDATE tasks SET status = ?, due = ?, updated_at = ? WHERE id = ? AND status = ?'),
      softDelete: db.prepare('UPDATE tasks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL'),
      insertEvent: db.prepare('INSERT INTO task_events (id, task_id, status, reason, due, by_id, by_name, by_role, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      events: db.prepare<[string], { id: string; task_id: string; status: string; reason: string; due: string | null; by_id: string | null; by_name: string; by_role: string; at: number }>(
        `SELECT e.id, e.task_id, e.status, e.reason, e.due, e.by_id, e.by_name, e.by_role, e.at FROM task_events e
         JOIN tasks t ON t.id = e.task_id WHERE t.project_id = ? AND t.deleted_at IS NULL ORDER BY e.at, e.rowid`),
      insertPhoto: db.prepare('INSERT INTO task_photos (id, task_id, src, x, y, by_id, by_name, by_role, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      photoCount: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM task_photos WHERE task_id = ?'),
      photos: db.prepare<[string], { id: string; task_id: string; src: string; x: number; y: number; by_id: string | null; by_name: string; by_role: string; at: number }>(
        `SELECT p.id, p.task_id, p.src, p.x, p.y, p.by_id, p.by_name, p.by_role, p.at FROM task_photos p
         JOIN tasks t ON t.id = p.task_id WHERE t.project_id = ? AND t.deleted_at IS NULL ORDER BY p.at, p.rowid`),
      upsertAcceptance: db.prepare(`INSERT INTO task_acceptances (task_id, participant_id, name, role, accepted, comment, at, entered_by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (task_id, participant_id) DO UPDATE SET name = excluded.name, role = excluded.role, accepted = excluded.accepted,
        comment = excluded.comment, at = excluded.at, entered_by_name = excluded.entered_by_name`),
      removeAcceptance: db.prepare('DELETE FROM task_acceptances WHERE task_id = ? AND participant_id = ?'),
      acceptances: db.prepare<[string], { task_id: string; participant_id: string; name: string; role: string; accepted: number; comment: string; at: number; entered_by_name: string | null }>(
        `SELECT a.task_id, a.participant_id, a.name, a.role, a.accepted, a.comment, a.at, a.entered_by_name FROM task_acceptances a
         JOIN tasks t ON t.id = a.task_id WHERE t.project_id = ? AND t.deleted_at IS NULL ORDER BY a.at, a.rowid`),
    }
  }

  /**
   * Store a task unless the project has `max` already. Race: two creates at once — the count and the
   * insert are one transaction (SQLite serialises them), so the limit holds.
   */
  insert(t: TaskRecord, max: number): boolean {
    return this.db.transaction(() => {
      if (this.stmt.count.get(t.projectId)!.n >= max) return false
      this.stmt.insert.run(t.id, t.projectId, t.title, t.description, t.x, t.y, t.responsible, t.due, t.status,
        JSON.stringify(t.needIds), t.author.participantId, t.author.name, t.author.role, t.createdAt, t.updatedAt, t.deletedAt)
      return true
    })()
  }

  get(projectId: string, id: string): TaskRecord | undefined {
    const row = this.stmt.get.get(id, projectId)
    return row && toTask(row)
  }

  list(projectId: string): TaskRecord[] {
    return this.stmt.list.all(projectId).map(toTask)
  }

  update(t: TaskRecord, edit: TaskEdit, now: number): void {
    const n = { ...t, ...edit }
    this.stmt.update.run(n.title, n.description, n.x, n.y, n.responsible, n.due, JSON.stringify(n.needIds), now, t.id)
  }

  remove(id: string, now: number): void {
    this.stmt.softDelete.run(now, id)
  }

  /**
   * Change the status and record it in the history, only if the status is still `from` (what the
   * caller read). Race: two people changing the same task at once — the compare-and-set lets one win;
   * the other is told to reload rather than silently overwrite.
   */
  setStatus(t: TaskRecord, from: TaskStatus, e: TaskEventRecord): boolean {
    return this.db.transaction(() => {
      const changed = this.stmt.setStatus.run(e.status, e.due ?? t.due, e.at, t.id, from).changes === 1
      if (changed) this.stmt.insertEvent.run(e.id, t.id, e.status, e.reason, e.due, e.by.participantId, e.by.name, e.by.role, e.at)
      return changed
    })()
  }

  events(projectId: string): TaskEventRecord[] {
    return this.stmt.events.all(projectId).map((r) => ({
      id: r.id, taskId: r.task_id, status: storedValue(isStatus, r.status, 'task_events.status'), reason: r.reason, due: r.due,
      by: actor(r.by_id, r.by_name, r.by_role), at: r.at,
    }))
  }

  /** Add a photo unless the task has `max` already (one transaction, as insert). */
  addPhoto(p: TaskPhotoRecord, max: number): boolean {
    return this.db.transaction(() => {
      if (this.stmt.photoCount.get(p.taskId)!.n >= max) return false
      this.stmt.insertPhoto.run(p.id, p.taskId, p.src, p.x, p.y, p.by.participantId, p.by.name, p.by.role, p.at)
      return true
    })()
  }

  photos(projectId: string): TaskPhotoRecord[] {
    return this.stmt.photos.all(projectId).map((r) => ({
      id: r.id, taskId: r.task_id, src: r.src, x: r.x, y: r.y, by: actor(r.by_id, r.by_name, r.by_role), at: r.at,
    }))
  }

  /** One answer per person per task: a second one replaces the first. */
  setAcceptance(a: AcceptanceRecord): void {
    this.stmt.upsertAcceptance.run(a.taskId, a.participantId, a.name, a.role, a.accepted ? 1 : 0, a.comment, a.at, a.enteredBy)
  }

  removeAcceptance(taskId: string, participantId: string): boolean {
    return this.stmt.removeAcceptance.run(taskId, participantId).changes === 1
  }

  acceptances(projectId: string): AcceptanceRecord[] {
    return this.stmt.acceptances.all(projectId).map((r) => ({
      taskId: r.task_id, participantId: r.participant_id, name: r.name, role: storedValue(isRole, r.role, 'task_acceptances.role'),
      accepted: r.accepted === 1, comment: r.comment, at: r.at, enteredBy: r.entered_by_name,
    }))
  }
}
