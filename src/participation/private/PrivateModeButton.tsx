/**
 * 各自先想 in the stage bar's tools, for whoever may start it now (the organizer, in Collect needs and
 * Negotiate) while no period runs: a small dialog says what it does and asks whether the organizer
 * and committee see the items meanwhile or only how many there are. The server checks the same.
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import type { LeadersSee } from '../../shared/participation'
import { Dialog } from '../../ui/Dialog'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { startPrivate } from '../participationClient'
import { errorText } from '../needs/needsText'
import './private.css'

export function PrivateModeButton() {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  if (!ui || !ui.may('privateMode') || !participation || participation.privatePeriod) return null
  const p = t.privateMode
  return (
    <>
      <button type="button" className="button wf-tool" data-testid="private-start-open" title={p.toolLabel} onClick={() => setOpen(true)}>
        {p.tool}
      </button>
      {open && <StartDialog onClose={() => setOpen(false)} />}
    </>
  )
}

function StartDialog({ onClose }: { onClose: () => void }) {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const [leadersSee, setLeadersSee] = useState<LeadersSee>('counts')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (!ui) return null
  const p = t.privateMode

  const start = async () => {
    setBusy(true)
    setError(null)
    try {
      await ui.run((c, o) => startPrivate(c, { leadersSee }, o))
      onClose()
    } catch (err) {
      setError(errorText(err, t))
      setBusy(false)
    }
  }

  return (
    <Dialog title={p.startTitle} testId="private-start-dialog" size="alert" onClose={onClose}>
      <p className="cg-private__intro">{ui.stage === 'negotiate' ? p.introComments : p.introNeeds}</p>
      <fieldset className="cg-private__choice">
        <legend>{p.leadersLabel}</legend>
        {(['counts', 'content'] as const).map((value) => (
          <label key={value} className="cg-private__option">
            <input
              type="radio"
              name="leadersSee"
              value={value}
              data-testid={`private-leaders-${value}`}
              checked={leadersSee === value}
              onChange={() => setLeadersSee(value)}
            />
            <span>{value === 'counts' ? p.leadersCounts : p.leadersContent}</span>
          </label>
        ))}
      </fieldset>
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="cg-private__actions">
        <button type="button" className="button" onClick={onClose}>{p.cancel}</button>
        <button type="button" className="button button--primary" data-testid="private-start-go" disabled={busy} onClick={start}>
          {p.start}
        </button>
      </div>
    </Dialog>
  )
}
