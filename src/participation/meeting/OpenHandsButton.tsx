/**
 * 开始举手发言: the facilitator (organizer or committee, `callSpeaker`) opens hands up for the
 * discussion. It sits with the meeting tools (FacilitationBar), not on the board's top row: outside
 * a meeting it must not cover the board's own controls. Once open, the queue shows (SpeakingQueue).
 */
import { useI18n } from '../../i18n/I18nProvider'
import { openHands } from '../participationClient'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { useAction } from '../negotiate/useAction'

export function OpenHandsButton() {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const { facilitation } = useParticipationState()
  const act = useAction()
  if (!ui || !ui.may('callSpeaker') || !facilitation || facilitation.handsOpen) return null
  return (
    <>
      <button type="button" className="button ng-fbar__button" data-testid="hands-open" disabled={act.busy} onClick={() => void act.act((c, o) => openHands(c, o))}>
        {t.meeting.hands.open}
      </button>
      {act.error && <p className="ng-error" role="alert">{act.error}</p>}
    </>
  )
}
