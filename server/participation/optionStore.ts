/** Design options (方案) and the needs each addresses. */
import type { SqlDb } from '../storage/sql/SqlDb.js'
import type { Actor } from '../../src/shared/participation.js'
import { actor } from './actorColumns.js'

export interface OptionRecord {
  id: string
  projectId: string
  title: string
  description: string
  frameShapeId: string | null
  author: Actor
  createdAt: number
  updatedAt: number
}

interface OptionRow {
  id: string; project_id: string; title: string; description: string; frame_shape_id: string | null
  author_id: string | null; author_name: string; author_role: string; created_at: number; updated_at: number
}

const COLS = 'id, project_id, title, description, frame_shape_id, author_id, author_name, author_role, created_at, updated_at'

function toOption(r: OptionRow): OptionRecord {
  return {
    id: r.id, projectId: r.project_id, title: r.title, description: r.description, frameShapeId: r.frame_shape_id,
    author: actor(r.author_id, r.author_name, r.author_role), createdAt: r.created_at, updatedAt: r.updated_at,
  }
}

export class OptionStore {
  private readonly stmt

  constructor(private readonly db: SqlDb) {
    this.stmt = {
      insert: db.prepare(`INSERT INTO design_options (${COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      get: db.prepare<[string, string], OptionRow>(`SELECT ${COLS} FROM design_options WHERE id = ? AND project_id = ?`),
      list: db.prepare<[string], OptionRow>(`SELECT ${COLS} FROM design_options WHERE project_id = ? ORDER BY created_at, rowid`),
      update: db.prepare('UPDATE design_options SET title = ?, description = ?, frame_shape_id = ?, updated_at = ? WHERE id = ?'),
      link: db.prepare('INSERT INTO option_needs (option_id, need_id) VALUES (?, ?) ON CONFLICT DO NOTHING'),
      unlink: db.prepare('DELETE FROM option_needs WHERE option_id = ? AND need_id = ?'),
      unlinkAll: db.prepare('DELETE FROM option_needs WHERE option_id = ?'),
      links: db.prepare<[string], { option_id: string; need_id: string }>(
        'SELECT l.option_id, l.need_id FROM option_needs l JOIN design_options o ON o.id = l.option_id WHERE o.project_id = ? ORDER BY l.rowid'),
    }
  }

  insert(o: OptionRecord, needIds: string[]): void {
    this.db.transaction(() => {
      this.stmt.insert.run(o.id, o.projectId, o.title, o.description, o.frameShapeId,
        o.author.participantId, o.author.name, o.author.role, o.createdAt, o.updatedAt)
      for (const needId of needIds) this.stmt.link.run(o.id, needId)
    })()
  }

  get(projectId: string, id: string): OptionRecord | undefined {
    const row = this.stmt.get.get(id, projectId)
    return row && toOption(row)
  }

  list(projectId: string): OptionRecord[] {
    return this.stmt.list.all(projectId).map(toOption)
  }

  /** Change the fields and, when `needIds` is given, replace the linked needs; one transaction. */
  update(o: OptionRecord, needIds: string[] | undefined, now: number): void {
    this.db.transaction(() => {
      this.stmt.update.run(o.title, o.description, o.frameShapeId, now, o.id)
      if (needIds === undefined) return
      this.stmt.unlinkAll.run(o.id)
      for (const needId of needIds) this.stmt.link.run(o.id, needId)
    })()
  }

  /** false if it was linked already. */
  link(optionId: string, needId: string): boolean {
    return this.stmt.link.run(optionId, needId).changes === 1
  }

  /** false if it was not linked. */
  unlink(optionId: string, needId: string): boolean {
    return this.stmt.unlink.run(optionId, needId).changes === 1
  }

  links(projectId: string): { optionId: string; needId: string }[] {
    return this.stmt.links.all(projectId).map((r) => ({ optionId: r.option_id, needId: r.need_id }))
  }
}
