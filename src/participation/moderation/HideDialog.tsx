/**
 * "隐藏": pick a reason from the short list (or "其他" and type it), then hide. The server checks the
 * same (a role that may moderate; a note for "other") and has the last word. A full sheet on a
 * phone: five reasons and a note in 大字 mode do not fit a small alert.
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { HIDE_NOTE_MAX, HIDE_REASONS, type HideReason, type ModerationTarget } from '../../shared/moderation'
import { Dialog } from '../../ui/Dialog'
import { useAction } from '../negotiate/useAction'
import { hideItem } from '../participationClient'
import './moderation.css'

export function HideDialog({ target, onClose }: { target: ModerationTarget; onClose: () => void }) {
  const { t } = useI18n()
  const m = t.moderation
  const [reason, setReason] = useState<HideReason | null>(null)
  const [note, setNote] = useState('')
  const action = useAction()
  const noteRequired = reason === 'other'

  const submit = async () => {
    if (reason === null) return
    if (noteRequired && note.trim() === '') {
      action.setError(m.noteRequired)
      return
    }
    const done = await action.act((c, o) => hideItem(c, { target, reason, note: note.trim() }, o))
    if (done !== undefined) onClose()
  }

  return (
    <Dialog title={m.titles[target.kind]} testId="hide-dialog" onClose={onClose}>
      <p className="cg-mod-intro">{m.intro}</p>
      <fieldset className="cg-mod-reasons">
        <legend className="cg-need-form__label">{m.reasonLabel}</legend>
        {HIDE_REASONS.map((r) => (
          <label key={r} className="cg-mod-reason" data-testid="hide-reason" data-reason={r}>
            <input type="radio" name="hide-reason" value={r} checked={reason === r} onChange={() => setReason(r)} />
            <span>{m.reasons[r]}</span>
          </label>
        ))}
      </fieldset>
      <label className="cg-mod-note">
        <span className="cg-need-form__label">{noteRequired ? m.noteLabelRequired : m.noteLabel}</span>
        <textarea
          className="text-input"
          data-testid="hide-note"
          rows={2}
          maxLength={HIDE_NOTE_MAX}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      {action.error && <p className="field-error" role="alert" data-testid="hide-error">{action.error}</p>}
      <div className="cg-mod-actions">
        <button type="button" className="button button--danger" data-testid="hide-confirm" disabled={reason === null || action.busy} onClick={() => void submit()}>
          {action.busy ? m.busy : m.confirm}
        </button>
        <button type="button" className="button" disabled={action.busy} onClick={onClose}>
          {m.cancel}
        </button>
      </div>
    </Dialog>
  )
}
