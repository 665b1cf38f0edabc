/** The organizer sets how many committee approvals an option needs before it can be confirmed. */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { QUORUM_MAX } from '../../shared/participation'
import { setQuorum } from '../participationClient'
import { parseQuorum } from './approvals'
import { useAction } from './useAction'

export function QuorumForm({ quorum }: { quorum: number | null }) {
  const { t } = useI18n()
  const s = t.negotiate.agree
  const { busy, error, setError, act } = useAction()
  const [text, setText] = useState(quorum === null ? '' : String(quorum))
  const [saved, setSaved] = useState(false)

  const submit = async () => {
    setSaved(false)
    const approvals = parseQuorum(text, QUORUM_MAX)
    if (approvals === null) return setError(format(s.quorumRange, { max: QUORUM_MAX }))
    if (await act((c, o) => setQuorum(c, { approvals }, o))) setSaved(true)
  }

  return (
    <form
      noValidate
      className="ng-form ng-card"
      data-testid="quorum-form"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <label className="ng-field">
        <span className="ng-field__label">{s.quorumLabel}</span>
        <span className="ng-inline">
          <input
            className="ng-input ng-input--number"
            data-testid="quorum-input"
            type="number"
            inputMode="numeric"
            min={1}
            max={QUORUM_MAX}
            step={1}
            value={text}
            onChange={(e) => {
              setText(e.target.value)
              setSaved(false)
            }}
          />
          <button type="submit" className="button button--primary" data-testid="quorum-save" disabled={busy}>
            {busy ? s.saving : s.quorumSave}
          </button>
        </span>
      </label>
      <p className="ng-hint">{quorum === null ? s.quorumUnset : format(s.quorumNow, { n: quorum })}</p>
      {saved && <p className="ng-ok" role="status">{s.quorumSaved}</p>}
      {error && <p className="ng-error" role="alert" data-testid="quorum-error">{error}</p>}
    </form>
  )
}
