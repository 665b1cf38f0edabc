/**
 * The 各自先想 banner under the stage bar, on every screen (editor and light view) while a private
 * period runs: what you can see, how many items there are so far, and for the organizer the reveal.
 * When the reveal arrives (the event stream brings it to every open screen) it turns into a notice
 * that everything is now visible, until dismissed.
 */
import { useEffect, useRef, useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { PrivatePeriod, PrivateScope } from '../../shared/participation'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { revealPrivate } from '../participationClient'
import { errorText } from '../needs/needsText'
import './private.css'

export function PrivateModeBanner() {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t } = useI18n()
  const period = participation?.privatePeriod ?? null
  const [revealed, setRevealed] = useState<PrivateScope | null>(null)
  const last = useRef<PrivatePeriod | null>(null)

  // Lifecycle: a period seen running that is now gone was revealed (by the organizer or a stage
  // move); a page opened after the reveal never saw it and shows no notice.
  useEffect(() => {
    if (participation === null) return
    if (last.current && !period) setRevealed(last.current.scope)
    if (period) setRevealed(null)
    last.current = period
  }, [participation, period])

  if (!ui) return null
  const p = t.privateMode
  if (!period) {
    if (!revealed) return null
    return (
      <div className="cg-private cg-private--revealed" role="status" data-testid="private-revealed">
        <p className="cg-private__text"><strong>{revealed === 'needs' ? p.revealedNeeds : p.revealedComments}</strong></p>
        <button type="button" className="button" data-testid="private-revealed-dismiss" onClick={() => setRevealed(null)}>{p.dismiss}</button>
      </div>
    )
  }

  const leader = ui.role === 'organizer' || ui.role === 'committee'
  const text = leader
    ? (period.leadersSee === 'content' ? p.bannerLeadersContent : p.bannerLeadersCounts)
    : (period.scope === 'needs' ? p.bannerNeeds : p.bannerComments)
  return (
    <div className="cg-private" role="status" data-testid="private-banner" data-scope={period.scope}>
      <p className="cg-private__text">
        <strong>{text}</strong>{' '}
        <span className="cg-private__count" data-testid="private-count">{format(p.count, { count: period.items, mine: period.mine })}</span>
        {ui.may('privateMode') && <span className="cg-private__note"> {p.stageMoveReveals}</span>}
      </p>
      {ui.may('privateMode') && <RevealButton />}
    </div>
  )
}

function RevealButton() {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (!ui) return null
  const p = t.privateMode
  const reveal = async () => {
    setBusy(true)
    setError(null)
    try {
      await ui.run((c, o) => revealPrivate(c, o))
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }
  return (
    <span className="cg-private__reveal">
      <button type="button" className="button button--primary" data-testid="private-reveal" disabled={busy} onClick={reveal}>
        {busy ? p.revealing : p.reveal}
      </button>
      {error && <span className="field-error" role="alert">{error}</span>}
    </span>
  )
}
