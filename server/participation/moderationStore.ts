/**
 * The moderation log (table `moderation_log`): every hide and restore of a need, a need's photo or a
 * comment, append only. An item is hidden while its newest entry is a hide.
 */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { literal, nullable } from '../../src/shared/guards.js'
import {
  HIDE_REASONS, MODERATION_TARGET_KINDS, type HiddenMark, type ModerationEntry, type ModerationTarget,
} from '../../src/shared/moderation.js'
import { storedValue } from '../storage/storedValue.js'
import { actor } from './actorColumns.js'

interface LogRow {
  id: string; target_kind: string; target_id: string; action: string; reason: string | null; note: string
  by_id: string | null; by_name: string; by_role: string; at: number
}

const COLS = 'id, target_kind, target_id, action, reason, note, by_id, by_name, by_role, at'
const isKind = literal(MODERATION_TARGET_KINDS)
const isAction = literal(['hide', 'restore'])
const isReason = nullable(literal(HIDE_REASONS))

function toEntry(r: LogRow): ModerationEntry {
  return {
    id: r.id,
    target: { kind: storedValue(isKind, r.target_kind, 'moderation_log.target_kind'), id: r.target_id },
    action: storedValue(isAction, r.action, 'moderation_log.action'),
    reason: storedValue(isReason, r.reason, 'moderation_log.reason'),
    note: r.note, by: actor(r.by_id, r.by_name, r.by_role), at: r.at,
  }
}

/** "need:<id>", "photo:<id>", "comment:<id>": the key of the hidden-items map. */
export function targetKey(t: ModerationTarget): string {
  return `${t.kind}:${t.id}`
}

/** What is hidden now, by targetKey, from a project's log (oldest first). */
export function hiddenNow(log: readonly ModerationEntry[]): Map<string, HiddenMark> {
  const hidden = new Map<string, HiddenMark>()
  for (const e of log) {
    const key = targetKey(e.target)
    if (e.action === 'hide' && e.reason !== null) hidden.set(key, { reason: e.reason, note: e.note, by: e.by, at: e.at })
    else hidden.delete(key)
  }
  return hidden
}

export class ModerationStore {
  private readonly stmt

  constructor(private readonly db: SqlDb) {
    this.stmt = {
      insert: db.prepare(`INSERT INTO moderation_log (project_id, ${COLS}) VALUES (?, ${COLS.split(', ').map(() => '?').join(', ')})`),
      list: db.prepare<[string], LogRow>(`SELECT ${COLS} FROM moderation_log WHERE project_id = ? ORDER BY at, rowid`),
      last: db.prepare<[string, string, string], LogRow>(
        `SELECT ${COLS} FROM moderation_log WHERE project_id = ? AND target_kind = ? AND target_id = ? ORDER BY at DESC, rowid DESC LIMIT 1`),
    }
  }

  list(projectId: string): ModerationEntry[] {
    return this.stmt.list.all(projectId).map(toEntry)
  }

  /** Whether the target is hidden now (its newest entry is a hide). */
  isHidden(projectId: string, target: ModerationTarget): boolean {
    return this.stmt.last.get(projectId, target.kind, target.id)?.action === 'hide'
  }

  /**
   * Append a hide or restore, only if it changes something: false when the target already is in
   * that state. Race: two moderators pressing "hide" at once — the check and the insert are one
   * transaction (SQLite serialises them), so exactly one is recorded and the other is told.
   */
  append(projectId: string, e: ModerationEntry): boolean {
    return this.db.transaction(() => {
      const hidden = this.isHidden(projectId, e.target)
      if (hidden === (e.action === 'hide')) return false
      this.stmt.insert.run(projectId, e.id, e.target.kind, e.target.id, e.action, e.reason, e.note,
        e.by.participantId, e.by.name, e.by.role, e.at)
      return true
    })()
  }
}
