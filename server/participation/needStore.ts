/** Needs (pins with a card), their ticks ("me too", one per participant) and merges. */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { literal } from '../../src/shared/guards.js'
import { NEED_SOURCES, type Actor, type NeedSource } from '../../src/shared/participation.js'
import { isStage, type Stage } from '../../src/shared/workflow.js'
import { storedValue } from '../storage/storedValue.js'
import { actor } from './actorColumns.js'

export interface NeedRecord {
  id: string
  projectId: string
  x: number
  y: number
  categoryId: string
  text: string
  photoSrc: string | null
  source: NeedSource
  raisedBy: number
  author: Actor
  stage: Stage
  createdAt: number
  updatedAt: number
  mergedInto: string | null
  deletedAt: number | null
}

export type NeedEdit = Partial<Pick<NeedRecord, 'x' | 'y' | 'categoryId' | 'text' | 'photoSrc' | 'source' | 'raisedBy'>>

interface NeedRow {
  id: string; project_id: string; x: number; y: number; category_id: string; text: string; photo_src: string | null
  source: string; raised_by: number; author_id: string | null; author_name: string; author_role: string
  stage: string; created_at: number; updated_at: number; merged_into: string | null; deleted_at: number | null
}

const COLS = 'id, project_id, x, y, category_id, text, photo_src, source, raised_by, author_id, author_name, author_role, stage, created_at, updated_at, merged_into, deleted_at'

const isNeedSource = literal(NEED_SOURCES)

function toNeed(r: NeedRow): NeedRecord {
  return {
    id: r.id, projectId: r.project_id, x: r.x, y: r.y, categoryId: r.category_id, text: r.text, photoSrc: r.photo_src,
    source: storedValue(isNeedSource, r.source, 'needs.source'), raisedBy: r.raised_by, author: actor(r.author_id, r.author_name, r.author_role),
    stage: storedValue(isStage, r.stage, 'needs.stage'), createdAt: r.created_at, updatedAt: r.updated_at, mergedInto: r.merged_into, deletedAt: r.deleted_at,
  }
}

export type MergeResult = { ok: true } | { ok: false; needId: string; reason: 'not_found' | 'merged' }

export class NeedStore {
  private readonly stmt

  constructor(private readonly db: SqlDb) {
    this.stmt = {
      insert: db.prepare(`INSERT INTO needs (${COLS}) VALUES (${COLS.split(', ').map(() => '?').join(', ')})`),
      get: db.prepare<[string, string], NeedRow>(`SELECT ${COLS} FROM needs WHERE id = ? AND project_id = ? AND deleted_at IS NULL`),
      list: db.prepare<[string], NeedRow>(`SELECT ${COLS} FROM needs WHERE project_id = ? AND deleted_at IS NULL ORDER BY created_at, rowid`),
      update: db.prepare(`UPDATE needs SET x = ?, y = ?, category_id = ?, text = ?, photo_src = ?, source = ?, raised_by = ?, updated_at = ? WHERE id = ?`),
      softDelete: db.prepare('UPDATE needs SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL'),
      addTick: db.prepare('INSERT INTO need_ticks (need_id, participant_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      removeTick: db.prepare('DELETE FROM need_ticks WHERE need_id = ? AND participant_id = ?'),
      ticks: db.prepare<[string], { need_id: string; participant_id: string }>(
        'SELECT t.need_id, t.participant_id FROM need_ticks t JOIN needs n ON n.id = t.need_id WHERE n.project_id = ? AND n.deleted_at IS NULL'),
      copyTicks: db.prepare(`INSERT INTO need_ticks (need_id, participant_id, at)
        SELECT ?, participant_id, at FROM need_ticks WHERE need_id = ? ON CONFLICT DO NOTHING`),
      copyOptionLinks: db.prepare('INSERT INTO option_needs (option_id, need_id) SELECT option_id, ? FROM option_needs WHERE need_id = ? ON CONFLICT DO NOTHING'),
      markMerged: db.prepare('UPDATE needs SET merged_into = ?, updated_at = ? WHERE id = ?'),
      addRaisedBy: db.prepare('UPDATE needs SET raised_by = raised_by + ?, updated_at = ? WHERE id = ?'),
    }
  }

  /** Store a need; a `board` need is ticked by its author in the same transaction (their own support). */
  insert(n: NeedRecord): void {
    this.db.transaction(() => {
      this.stmt.insert.run(n.id, n.projectId, n.x, n.y, n.categoryId, n.text, n.photoSrc, n.source, n.raisedBy,
        n.author.participantId, n.author.name, n.author.role, n.stage, n.createdAt, n.updatedAt, n.mergedInto, n.deletedAt)
      if (n.source === 'board' && n.author.participantId) this.stmt.addTick.run(n.id, n.author.participantId, n.createdAt)
    })()
  }

  /** A live or merged need of the project (deleted ones are gone). */
  get(projectId: string, id: string): NeedRecord | undefined {
    const row = this.stmt.get.get(id, projectId)
    return row && toNeed(row)
  }

  list(projectId: string): NeedRecord[] {
    return this.stmt.list.all(projectId).map(toNeed)
  }

  update(need: NeedRecord, edit: NeedEdit, now: number): void {
    const n = { ...need, ...edit }
    this.stmt.update.run(n.x, n.y, n.categoryId, n.text, n.photoSrc, n.source, n.raisedBy, now, need.id)
  }

  softDelete(id: string, now: number): void {
    this.stmt.softDelete.run(now, id)
  }

  /** false if this participant had ticked it already (nothing changes). */
  tick(needId: string, participantId: string, now: number): boolean {
    return this.stmt.addTick.run(needId, participantId, now).changes === 1
  }

  /** false if this participant had not ticked it. */
  untick(needId: string, participantId: string): boolean {
    return this.stmt.removeTick.run(needId, participantId).changes === 1
  }

  /** (need, participant) of every tick on the project's needs. */
  ticks(projectId: string): { needId: string; participantId: string }[] {
    return this.stmt.ticks.all(projectId).map((r) => ({ needId: r.need_id, participantId: r.participant_id }))
  }

  /**
   * Merge `sourceIds` into `targetId`, all or nothing: the sources' ticks move over (a participant
   * who ticked both is counted once: the tick table's key is (need, participant)), their offline
   * counts are added, the options that addressed them address the target, and each source stays
   * as history with mergedInto set. Checked inside the transaction, so two committee members
   * merging at once cannot merge a need twice or into a need that was just merged away.
   */
  merge(projectId: string, targetId: string, sourceIds: string[], now: number): MergeResult {
    return this.db.transaction((): MergeResult => {
      for (const id of [targetId, ...sourceIds]) {
        const need = this.get(projectId, id)
        if (!need) return { ok: false, needId: id, reason: 'not_found' }
        if (need.mergedInto !== null) return { ok: false, needId: id, reason: 'merged' }
      }
      for (const id of sourceIds) {
        const source = this.get(projectId, id)!
        this.stmt.copyTicks.run(targetId, id)
        this.stmt.copyOptionLinks.run(targetId, id)
        if (source.source !== 'board') this.stmt.addRaisedBy.run(source.raisedBy, now, targetId)
        this.stmt.markMerged.run(targetId, now, id)
      }
      return { ok: true }
    })()
  }
}
