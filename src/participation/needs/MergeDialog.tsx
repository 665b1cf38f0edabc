import { useState } from 'react'
import { useEditor } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { Dialog } from '../../ui/Dialog'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { mergeNeeds } from '../participationClient'
import { addedDuring, categoryLabel, mergeTargets } from './needsLogic'
import { errorText } from './needsText'
import { needsUiState } from './needsUiState'

const PREVIEW_CHARS = 40

/** The committee merges a duplicate into another need: choose which, read what merging does, confirm. */
export function MergeDialog({ needId, onClose }: { needId: string; onClose: () => void }) {
  const ui = useParticipationUi()
  const editor = useEditor()
  const { t, lang } = useI18n()
  const { participation } = useParticipationState()
  const [target, setTarget] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const n = t.needs
  if (!ui || !participation) return null
  const need = participation.needs.find((x) => x.id === needId)
  const sheet = needsUiState(editor).sheet
  const back = () => sheet.set({ kind: 'card', needId })
  if (!need || need.mergedInto !== null) {
    return (
      <Dialog title={n.mergeTitle} testId="need-merge-dialog" onClose={onClose}>
        <p>{need ? n.mergedInfo : t.errors.notFound}</p>
      </Dialog>
    )
  }
  const targets = mergeTargets(participation.needs, need, participation.privatePeriod ?? null)
  const labelOf = (categoryId: string) => categoryLabel(participation.categories.find((c) => c.id === categoryId), lang)
  const preview = (text: string) => (Array.from(text).length > PREVIEW_CHARS ? Array.from(text).slice(0, PREVIEW_CHARS).join('') + '…' : text)

  const onConfirm = async () => {
    if (!target) {
      setError(n.mergeErrorTarget)
      return
    }
    setBusy(true)
    setError(null)
    try {
      // The need of the URL is the one kept; this need goes INTO it.
      await ui.run((c, o) => mergeNeeds(c, target, { needIds: [need.id] }, o))
      needsUiState(editor).highlight.set({ needId: target, at: Date.now() })
      sheet.set({ kind: 'card', needId: target })
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title={n.mergeTitle} testId="need-merge-dialog" onClose={onClose}>
      <p className="cg-need-merge__this">
        <strong>{labelOf(need.categoryId)}</strong>：{preview(need.text)}
      </p>
      {targets.length === 0 ? (
        <p className="cg-needs-note">{addedDuring(participation.privatePeriod ?? null, need) ? t.privateMode.mergeLater : n.mergeNoTarget}</p>
      ) : (
        <>
          <label className="cg-need-form__field">
            <span className="cg-need-form__label">{n.mergeTargetLabel}</span>
            <select className="text-input" data-testid="need-merge-target" value={target} disabled={busy} onChange={(e) => setTarget(e.target.value)}>
              <option value="">{n.mergeChoose}</option>
              {targets.map((x) => (
                <option key={x.id} value={x.id}>
                  {`${labelOf(x.categoryId)}：${preview(x.text)}（${format(n.support, { count: x.support })}）`}
                </option>
              ))}
            </select>
          </label>
          <p className="cg-need-merge__explain">{n.mergeExplain}</p>
        </>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="need-merge-error">
          {error}
        </p>
      )}
      <div className="cg-need-form__actions">
        {targets.length > 0 && (
          <button type="button" className="button button--primary" data-testid="need-merge-confirm" disabled={busy} onClick={onConfirm}>
            {n.mergeConfirm}
          </button>
        )}
        <button type="button" className="button" disabled={busy} onClick={back}>
          {n.cancel}
        </button>
      </div>
    </Dialog>
  )
}
