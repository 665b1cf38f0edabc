import { useState } from 'react'
import { randomId } from '../../device/localStore'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { CATEGORIES_MAX, CATEGORY_LABEL_MAX } from '../../shared/participation'
import { Dialog } from '../../ui/Dialog'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { setCategories } from '../participationClient'
import { categoriesProblem, categoriesRequest, categoryRows, type CategoryRow } from './needsLogic'
import { errorText } from './needsText'

/** A row with a key that stays with it when rows move (new rows have no id yet). */
type EditRow = CategoryRow & { key: string }
const withKeys = (rows: CategoryRow[]): EditRow[] => rows.map((r) => ({ ...r, key: r.id ?? randomId() }))

/** The organizer renames, hides, orders and adds the kinds of need of this project. */
export function CategoriesDialog({ onClose }: { onClose: () => void }) {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const { participation } = useParticipationState()
  // Edited as a copy of the list when the dialog opened; saving sends the whole list.
  const [rows, setRows] = useState<EditRow[]>(() => withKeys(categoryRows(participation?.categories ?? [], participation?.needs ?? [])))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const n = t.needs
  if (!ui) return null

  const update = (i: number, patch: Partial<CategoryRow>) => {
    setRows((r) => r.map((row, j) => (j === i ? { ...row, ...patch } : row)))
    setSaved(false)
  }
  const move = (i: number, by: -1 | 1) => {
    setRows((r) => {
      const j = i + by
      if (j < 0 || j >= r.length) return r
      const next = [...r]
      ;[next[i], next[j]] = [next[j], next[i]]
      return next
    })
    setSaved(false)
  }
  const remove = (i: number) => {
    setRows((r) => r.filter((_, j) => j !== i))
    setSaved(false)
  }
  const add = () => {
    setRows((r) => [...r, { zh: '', en: '', hidden: false, inUse: false, key: randomId() }])
    setSaved(false)
  }

  const onSave = async () => {
    const problem = categoriesProblem(rows)
    if (problem) {
      setError(
        problem === 'empty' ? n.categoryErrorEmpty
        : problem === 'long' ? format(n.categoryErrorLong, { max: CATEGORY_LABEL_MAX })
        : problem === 'tooMany' ? format(n.categoryErrorTooMany, { max: CATEGORIES_MAX })
        : n.categoryErrorNoneVisible,
      )
      return
    }
    setBusy(true)
    setError(null)
    try {
      const res = await ui.run((c, o) => setCategories(c, { categories: categoriesRequest(rows) }, o))
      // New categories now have ids: edit on from what the server keeps.
      setRows(withKeys(categoryRows(res.participation.categories, res.participation.needs)))
      setSaved(true)
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title={n.categoriesTitle} testId="categories-dialog" onClose={onClose}>
      <p className="cg-needs-note">{n.categoriesHelp}</p>
      <ol className="cg-category-rows">
        {rows.map((row, i) => (
          <li key={row.key} className="cg-category-row" data-testid="category-row" data-category={row.id ?? ''}>
            <label className="cg-need-form__field">
              <span className="cg-need-form__label">{n.categoryZh}</span>
              <input className="text-input" data-testid="category-zh" value={row.zh} maxLength={CATEGORY_LABEL_MAX} disabled={busy} onChange={(e) => update(i, { zh: e.target.value })} />
            </label>
            <label className="cg-need-form__field">
              <span className="cg-need-form__label">{n.categoryEn}</span>
              <input className="text-input" data-testid="category-en" value={row.en} maxLength={CATEGORY_LABEL_MAX} disabled={busy} onChange={(e) => update(i, { en: e.target.value })} />
            </label>
            <label className="cg-category-row__hidden">
              <input type="checkbox" data-testid="category-hidden" checked={row.hidden} disabled={busy} onChange={(e) => update(i, { hidden: e.target.checked })} />
              {n.categoryHidden}
            </label>
            <div className="cg-category-row__actions">
              <button type="button" className="button" disabled={busy || i === 0} onClick={() => move(i, -1)}>
                {n.categoryUp}
              </button>
              <button type="button" className="button" disabled={busy || i === rows.length - 1} onClick={() => move(i, 1)}>
                {n.categoryDown}
              </button>
              {!row.inUse && (
                <button type="button" className="button" data-testid="category-remove" disabled={busy} onClick={() => remove(i)}>
                  {n.categoryRemove}
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
      <button type="button" className="button" data-testid="category-add" disabled={busy || rows.length >= CATEGORIES_MAX} onClick={add}>
        {n.categoryAdd}
      </button>
      {error && (
        <p className="field-error" role="alert" data-testid="categories-error">
          {error}
        </p>
      )}
      {saved && !error && (
        <p className="cg-needs-note" role="status">
          {n.categoriesSaved}
        </p>
      )}
      <div className="cg-need-form__actions">
        <button type="button" className="button button--primary" data-testid="categories-save" disabled={busy} onClick={onSave}>
          {n.categoriesSave}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onClose}>
          {n.close}
        </button>
      </div>
    </Dialog>
  )
}
