/**
 * The public notices (公示) of a project, their public comments with the committee's answers, and
 * the hide/restore log of those comments (tables in ./noticeSchema.ts). A comment is hidden while
 * its newest log entry is a hide; nothing is ever deleted.
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { literal, nullable, isNumber, isString, record, recordOf } from '../../src/shared/guards.js'
import { HIDE_REASONS, type HiddenMark, type HideReason } from '../../src/shared/moderation.js'
import type { Actor } from '../../src/shared/participation.js'
import { storedJson, storedValue } from '../storage/storedValue.js'
import { actor, actorValues, maybeActor } from './actorColumns.js'
import { migrateNotice } from './noticeSchema.js'

export interface PlanBounds {
  x: number
  y: number
  width: number
  height: number
}

export interface StoredNotice {
  id: string
  projectId: string
  token: string
  optionId: string | null
  startsAt: number
  endsAt: number
  openedAt: number
  openedBy: Actor
  closedAt: number | null
  closedBy: Actor | null
  reasons: Record<string, string>
  planSvg: string | null
  planBounds: PlanBounds | null
}

export interface StoredNoticeComment {
  id: string
  noticeId: string
  text: string
  createdAt: number
  answer: { text: string; at: number; by: Actor } | null
  hidden: HiddenMark | null
}

export interface NoticeModerationEntry {
  id: string
  commentId: string
  action: 'hide' | 'restore'
  reason: HideReason | null
  note: string
  by: Actor
  at: number
}

interface NoticeRow {
  id: string; project_id: string; token: string; option_id: string | null; starts_at: number; ends_at: number
  opened_at: number; opened_by_id: string | null; opened_by_name: string; opened_by_role: string
  closed_at: number | null; closed_by_id: string | null; closed_by_name: string | null; closed_by_role: string | null
  reasons: string; plan_svg: string | null; plan_bounds: string | null
}

interface CommentRow {
  id: string; notice_id: string; text: string; created_at: number
  answer: string | null; answered_at: number | null; answered_by_id: string | null; answered_by_name: string | null; answered_by_role: string | null
}

interface LogRow {
  id: string; comment_id: string; action: string; reason: string | null; note: string
  by_id: string | null; by_name: string; by_role: string; at: number
}

const NOTICE_COLS = `id, project_id, token, option_id, starts_at, ends_at, opened_at, opened_by_id, opened_by_name, opened_by_role,
  closed_at, closed_by_id, closed_by_name, closed_by_role, reasons, plan_svg, plan_bounds`
const COMMENT_COLS = 'id, notice_id, text, created_at, answer, answered_at, answered_by_id, answered_by_name, answered_by_role'
const LOG_COLS = 'id, comment_id, action, reason, note, by_id, by_name, by_role, at'

const isReasons = recordOf(isString)
const isBounds = record({ x: isNumber, y: isNumber, width: isNumber, height: isNumber })
const isAction = literal(['hide', 'restore'])
const isReason = nullable(literal(HIDE_REASONS))

function toNotice(r: NoticeRow): StoredNotice {
  return {
    id: r.id, projectId: r.project_id, token: r.token, optionId: r.option_id, startsAt: r.starts_at, endsAt: r.ends_at,
    openedAt: r.opened_at, openedBy: actor(r.opened_by_id, r.opened_by_name, r.opened_by_role),
    closedAt: r.closed_at, closedBy: maybeActor(r.closed_by_id, r.closed_by_name, r.closed_by_role),
    reasons: storedJson(isReasons, r.reasons, 'notices.reasons'),
    planSvg: r.plan_svg,
    planBounds: r.plan_bounds === null ? null : storedJson(isBounds, r.plan_bounds, 'notices.plan_bounds'),
  }
}

function toEntry(r: LogRow): NoticeModerationEntry {
  return {
    id: r.id, commentId: r.comment_id, action: storedValue(isAction, r.action, 'notice_moderation.action'),
    reason: storedValue(isReason, r.reason, 'notice_moderation.reason'), note: r.note, by: actor(r.by_id, r.by_name, r.by_role), at: r.at,
  }
}

export class NoticeStore {
  private readonly stmt

  constructor(private readonly db: SqlDb) {
    migrateNotice(db)
    this.stmt = {
      insert: db.prepare(`INSERT INTO notices (${NOTICE_COLS}, token_hash) VALUES (${NOTICE_COLS.split(',').map(() => '?').join(', ')}, ?)`),
      list: db.prepare<[string], NoticeRow>(`SELECT ${NOTICE_COLS} FROM notices WHERE project_id = ? ORDER BY opened_at, rowid`),
      byHash: db.prepare<[string], NoticeRow>(`SELECT ${NOTICE_COLS} FROM notices WHERE token_hash = ?`),
      get: db.prepare<[string, string], NoticeRow>(`SELECT ${NOTICE_COLS} FROM notices WHERE project_id = ? AND id = ?`),
      close: db.prepare('UPDATE notices SET closed_at = ?, closed_by_id = ?, closed_by_name = ?, closed_by_role = ? WHERE id = ? AND closed_at IS NULL'),
      setEnd: db.prepare('UPDATE notices SET ends_at = ? WHERE id = ? AND closed_at IS NULL'),
      setReasons: db.prepare('UPDATE notices SET reasons = ? WHERE id = ?'),
      comments: db.prepare<[string], CommentRow>(`SELECT ${COMMENT_COLS} FROM notice_comments WHERE notice_id = ? ORDER BY created_at, rowid`),
      comment: db.prepare<[string, string], CommentRow>(`SELECT ${COMMENT_COLS} FROM notice_comments WHERE notice_id = ? AND id = ?`),
      countComments: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM notice_comments WHERE notice_id = ?'),
      addComment: db.prepare('INSERT INTO notice_comments (id, notice_id, text, created_at) VALUES (?, ?, ?, ?)'),
      answer: db.prepare('UPDATE notice_comments SET answer = ?, answered_at = ?, answered_by_id = ?, answered_by_name = ?, answered_by_role = ? WHERE id = ?'),
      log: db.prepare<[string], LogRow>(`SELECT ${LOG_COLS.split(', ').map((c) => `m.${c}`).join(', ')} FROM notice_moderation m
        JOIN notice_comments c ON c.id = m.comment_id WHERE c.notice_id = ? ORDER BY m.at, m.rowid`),
      lastLog: db.prepare<[string], LogRow>(`SELECT ${LOG_COLS} FROM notice_moderation WHERE comment_id = ? ORDER BY at DESC, rowid DESC LIMIT 1`),
      insertLog: db.prepare(`INSERT INTO notice_moderation (${LOG_COLS}) VALUES (${LOG_COLS.split(', ').map(() => '?').join(', ')})`),
    }
  }

  insert(n: StoredNotice, tokenHash: string): void {
    this.stmt.insert.run(n.id, n.projectId, n.token, n.optionId, n.startsAt, n.endsAt, n.openedAt, ...actorValues(n.openedBy),
      n.closedAt, ...actorValues(n.closedBy), JSON.stringify(n.reasons), n.planSvg, n.planBounds && JSON.stringify(n.planBounds), tokenHash)
  }

  /** Oldest first. */
  list(projectId: string): StoredNotice[] {
    return this.stmt.list.all(projectId).map(toNotice)
  }

  get(projectId: string, id: string): StoredNotice | undefined {
    const row = this.stmt.get.get(projectId, id)
    return row && toNotice(row)
  }

  byTokenHash(hash: string): StoredNotice | undefined {
    const row = this.stmt.byHash.get(hash)
    return row && toNotice(row)
  }

  /** False when it was closed already (two organizers closing at once: one wins). */
  close(id: string, by: Actor, at: number): boolean {
    return this.stmt.close.run(at, ...actorValues(by), id).changes === 1
  }

  setEnd(id: string, endsAt: number): boolean {
    return this.stmt.setEnd.run(endsAt, id).changes === 1
  }

  setReasons(id: string, reasons: Record<string, string>): void {
    this.stmt.setReasons.run(JSON.stringify(reasons), id)
  }

  /** Every comment of a notice, oldest first, each with its answer and whether it is hidden now. */
  comments(noticeId: string): StoredNoticeComment[] {
    const hidden = new Map<string, HiddenMark>()
    for (const e of this.stmt.log.all(noticeId).map(toEntry)) {
      if (e.action === 'hide' && e.reason !== null) hidden.set(e.commentId, { reason: e.reason, note: e.note, by: e.by, at: e.at })
      else hidden.delete(e.commentId)
    }
    return this.stmt.comments.all(noticeId).map((r) => ({
      id: r.id, noticeId: r.notice_id, text: r.text, createdAt: r.created_at,
      answer: r.answer === null || r.answered_at === null ? null
        : { text: r.answer, at: r.answered_at, by: actor(r.answered_by_id, r.answered_by_name ?? '', r.answered_by_role ?? 'committee') },
      hidden: hidden.get(r.id) ?? null,
    }))
  }

  hasComment(noticeId: string, commentId: string): boolean {
    return this.stmt.comment.get(noticeId, commentId) !== undefined
  }

  /**
   * Add a public comment unless the notice holds `max` already. Race: two posts at the last free
   * place — the count and the insert are one transaction (SQLite serialises them), so only one gets it.
   */
  addComment(noticeId: string, id: string, text: string, at: number, max: number): boolean {
    return this.db.transaction(() => {
      if ((this.stmt.countComments.get(noticeId)?.n ?? 0) >= max) return false
      this.stmt.addComment.run(id, noticeId, text, at)
      return true
    })()
  }

  answer(commentId: string, text: string, by: Actor, at: number): void {
    this.stmt.answer.run(text, at, ...actorValues(by), commentId)
  }

  /** The moderation log of a notice's comments, oldest first (for the archive). */
  moderationLog(noticeId: string): NoticeModerationEntry[] {
    return this.stmt.log.all(noticeId).map(toEntry)
  }

  /** Append a hide or restore only if it changes something (one transaction: two moderators at once, one is recorded). */
  appendModeration(e: NoticeModerationEntry): boolean {
    return this.db.transaction(() => {
      const hidden = this.stmt.lastLog.get(e.commentId)?.action === 'hide'
      if (hidden === (e.action === 'hide')) return false
      this.stmt.insertLog.run(e.id, e.commentId, e.action, e.reason, e.note, ...actorValues(e.by), e.at)
      return true
    })()
  }
}
