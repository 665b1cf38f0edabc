import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import type { Need } from '../../shared/participation'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { tickNeed, untickNeed } from '../participationClient'
import { errorText } from './needsText'

/**
 * "我也要 ✓": a person's one tick on a need; pressing again takes it back. The count comes back in
 * the answered state (and to everyone else over the event stream), never counted up locally.
 */
export function TickButton({ need, explain = false }: { need: Need; explain?: boolean }) {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const { participation } = useParticipationState()
  const privateNeeds = participation?.privatePeriod?.scope === 'needs'
  if (!ui) return null
  const n = t.needs
  const may = ui.may('tick')
  if (!may) return explain ? <p className="cg-needs-note">{n.tickNotNow}</p> : null
  // 各自先想: ticks start after the reveal (the server answers 409 private_period before it).
  if (privateNeeds) return explain ? <p className="cg-needs-note" data-testid="need-tick-later">{t.privateMode.ticksLater}</p> : null

  const onClick = async () => {
    if (busy) return
    if (ui.participantId === null) {
      setError(n.tickJoinFirst)
      return
    }
    setBusy(true)
    setError(null)
    try {
      // Decided from the state shown: a second device of the same person may have ticked meanwhile;
      // the server then answers 409 already_ticked with a readable message and the state catches up.
      await ui.run((c, o) => (need.tickedByMe ? untickNeed(c, need.id, o) : tickNeed(c, need.id, o)))
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <span className="cg-need-tick-wrap">
      <button
        type="button"
        className={`button cg-need-tick${need.tickedByMe ? ' cg-need-tick--on' : ''}`}
        data-testid="need-tick"
        aria-pressed={need.tickedByMe}
        disabled={busy}
        onClick={onClick}
      >
        {need.tickedByMe ? n.ticked : n.tick}
      </button>
      {explain && need.tickedByMe && <span className="cg-needs-note">{n.tickHelpOn}</span>}
      {error && (
        <span className="field-error cg-need-tick__error" role="alert" data-testid="need-tick-error">
          {error}
        </span>
      )}
    </span>
  )
}
