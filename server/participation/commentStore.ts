/** Comment threads on a need, an option or a shape: a first comment, replies, resolved or not. */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { arrayOf, literal } from '../../src/shared/guards.js'
import { COMMENT_TARGET_KINDS, type Actor, type CommentTarget } from '../../src/shared/participation.js'
import { isRole, isStage, type Role, type Stage } from '../../src/shared/workflow.js'
import { storedJson, storedValue } from '../storage/storedValue.js'
import { actor, actorValues, maybeActor } from './actorColumns.js'

export interface ThreadRecord {
  id: string
  projectId: string
  target: CommentTarget
  stage: Stage
  createdAt: number
  resolvedAt: number | null
  resolvedBy: Actor | null
}

export interface CommentRecord {
  id: string
  threadId: string
  author: Actor
  text: string
  mentions: Role[]
  createdAt: number
}

interface ThreadRow {
  id: string; project_id: string; target_kind: string; target_id: string; stage: string; created_at: number
  resolved_at: number | null; resolved_by_id: string | null; resolved_by_name: string | null; resolved_by_role: string | null
}
interface CommentRow {
  id: string; thread_id: string; author_id: string | null; author_name: string; author_role: string
  text: string; mentions: string; created_at: number
}

const THREAD_COLS = 'id, project_id, target_kind, target_id, stage, created_at, resolved_at, resolved_by_id, resolved_by_name, resolved_by_role'
const COMMENT_COLS = 'id, thread_id, author_id, author_name, author_role, text, mentions, created_at'

const isTargetKind = literal(COMMENT_TARGET_KINDS)

function toThread(r: ThreadRow): ThreadRecord {
  return {
    id: r.id, projectId: r.project_id, target: { kind: storedValue(isTargetKind, r.target_kind, 'comment_threads.target_kind'), id: r.target_id },
    stage: storedValue(isStage, r.stage, 'comment_threads.stage'), createdAt: r.created_at, resolvedAt: r.resolved_at,
    resolvedBy: maybeActor(r.resolved_by_id, r.resolved_by_name, r.resolved_by_role),
  }
}
function toComment(r: CommentRow): CommentRecord {
  return {
    id: r.id, threadId: r.thread_id, author: actor(r.author_id, r.author_name, r.author_role), text: r.text,
    mentions: storedJson(arrayOf(isRole), r.mentions, 'comments.mentions'), createdAt: r.created_at,
  }
}

export class CommentStore {
  private readonly stmt

  constructor(private readonly db: SqlDb) {
    this.stmt = {
      insertThread: db.prepare(`INSERT INTO comment_threads (${THREAD_COLS}) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL)`),
      insertComment: db.prepare(`INSERT INTO comments (${COMMENT_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      getThread: db.prepare<[string, string], ThreadRow>(`SELECT ${THREAD_COLS} FROM comment_threads WHERE id = ? AND project_id = ?`),
      listThreads: db.prepare<[string], ThreadRow>(`SELECT ${THREAD_COLS} FROM comment_threads WHERE project_id = ? ORDER BY created_at, rowid`),
      listComments: db.prepare<[string], CommentRow>(
        `SELECT ${COMMENT_COLS.split(', ').map((c) => `c.${c}`).join(', ')} FROM comments c JOIN comment_threads t ON t.id = c.thread_id
         WHERE t.project_id = ? ORDER BY c.created_at, c.rowid`),
      getComment: db.prepare<[string, string], CommentRow>(
        `SELECT ${COMMENT_COLS.split(', ').map((c) => `c.${c}`).join(', ')} FROM comments c JOIN comment_threads t ON t.id = c.thread_id
         WHERE c.id = ? AND t.project_id = ?`),
      first: db.prepare<[string], CommentRow>(`SELECT ${COMMENT_COLS} FROM comments WHERE thread_id = ? ORDER BY created_at, rowid LIMIT 1`),
      resolve: db.prepare('UPDATE comment_threads SET resolved_at = ?, resolved_by_id = ?, resolved_by_name = ?, resolved_by_role = ? WHERE id = ?'),
    }
  }

  /** A new thread with its first comment, in one transaction. */
  insertThread(t: ThreadRecord, first: CommentRecord): void {
    this.db.transaction(() => {
      this.stmt.insertThread.run(t.id, t.projectId, t.target.kind, t.target.id, t.stage, t.createdAt)
      this.insertComment(first)
    })()
  }

  insertComment(c: CommentRecord): void {
    this.stmt.insertComment.run(c.id, c.threadId, c.author.participantId, c.author.name, c.author.role, c.text, JSON.stringify(c.mentions), c.createdAt)
  }

  getThread(projectId: string, id: string): ThreadRecord | undefined {
    const row = this.stmt.getThread.get(id, projectId)
    return row && toThread(row)
  }

  listThreads(projectId: string): ThreadRecord[] {
    return this.stmt.listThreads.all(projectId).map(toThread)
  }

  listComments(projectId: string): CommentRecord[] {
    return this.stmt.listComments.all(projectId).map(toComment)
  }

  /** One comment of the project (moderation names comments by id). */
  getComment(projectId: string, id: string): CommentRecord | undefined {
    const row = this.stmt.getComment.get(id, projectId)
    return row && toComment(row)
  }

  /** The first comment of a thread (its author may resolve it). */
  firstComment(threadId: string): CommentRecord | undefined {
    const row = this.stmt.first.get(threadId)
    return row && toComment(row)
  }

  setResolved(threadId: string, by: Actor | null, at: number | null): void {
    this.stmt.resolve.run(at, ...actorValues(by), threadId)
  }
}
