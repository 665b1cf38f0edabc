/**
 * "The agreed design was reopened, because…": shown at the top of the panel to everyone while the
 * project is back in Negotiate after a reopen, so residents (who have no Agree tab in this stage)
 * read the organizer's reason too. The full record stays in the Agree tab's history.
 */
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { currentReopen } from './reopens'
import { when } from './when'
import './negotiate.css'
import { byNameText } from '../../i18n/stageText'

export function ReopenNotice() {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t, lang } = useI18n()
  if (!ui || !participation || ui.stage !== 'negotiate') return null
  const reopen = currentReopen(participation)
  if (!reopen) return null
  const s = t.negotiate.agree
  return (
    <div className="ng-note ng-reopen-notice" role="note" data-testid="reopen-notice">
      <strong>{s.reopenedTitle}</strong>
      <p className="ng-comment__text" data-testid="reopen-notice-reason">{format(s.reopenedReason, { reason: reopen.reason })}</p>
      <p className="ng-muted">{format(s.reopenedBy, { name: byNameText(t, reopen.byName), time: when(reopen.at, lang) })}</p>
    </div>
  )
}
