/** The need categories of each project: the defaults until the organizer first edits them. */
import type { SqlDb, SqlStatement } from '../storage/sql/SqlDb.js'
import { DEFAULT_CATEGORIES, type NeedCategory } from '../../src/shared/participation.js'

interface CategoryRow { id: string; zh: string; en: string; hidden: number; built_in: number }

export function defaultCategories(): NeedCategory[] {
  return DEFAULT_CATEGORIES.map((c) => ({ ...c, hidden: false, builtIn: true }))
}

export class CategoryStore {
  private readonly list$: SqlStatement<[string], CategoryRow>
  private readonly deleteAll: SqlStatement<[string]>
  private readonly insert: SqlStatement<[string, string, string, string, number, number, number]>
  private readonly used$: SqlStatement<[string], { category_id: string }>

  constructor(private readonly db: SqlDb) {
    this.list$ = db.prepare('SELECT id, zh, en, hidden, built_in FROM need_categories WHERE project_id = ? ORDER BY position')
    this.deleteAll = db.prepare('DELETE FROM need_categories WHERE project_id = ?')
    this.insert = db.prepare('INSERT INTO need_categories (project_id, id, zh, en, hidden, built_in, position) VALUES (?, ?, ?, ?, ?, ?, ?)')
    // Merged needs keep their category as history, so they count as using it; deleted ones do not.
    this.used$ = db.prepare('SELECT DISTINCT category_id FROM needs WHERE project_id = ? AND deleted_at IS NULL')
  }

  list(projectId: string): NeedCategory[] {
    const rows = this.list$.all(projectId)
    if (rows.length === 0) return defaultCategories()
    return rows.map((r) => ({ id: r.id, zh: r.zh, en: r.en, hidden: r.hidden === 1, builtIn: r.built_in === 1 }))
  }

  usedIds(projectId: string): Set<string> {
    return new Set(this.used$.all(projectId).map((r) => r.category_id))
  }

  /**
   * Replace the list, if every category in use is still in it; returns the ids left out that are in
   * use (nothing changed then). Checked and written in one transaction, so a need added meanwhile
   * cannot lose its category.
   */
  replace(projectId: string, categories: NeedCategory[]): string[] {
    return this.db.transaction(() => {
      const kept = new Set(categories.map((c) => c.id))
      const missing = [...this.usedIds(projectId)].filter((id) => !kept.has(id))
      if (missing.length > 0) return missing
      this.deleteAll.run(projectId)
      categories.forEach((c, i) => this.insert.run(projectId, c.id, c.zh, c.en, c.hidden ? 1 : 0, c.builtIn ? 1 : 0, i))
      return []
    })()
  }
}
