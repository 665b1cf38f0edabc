/**
 * What the meeting adds over the canvas: vote results under the option frames, the shared countdown,
 * "following the organizer", the meeting controls and presentation mode.
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { useParticipationUi } from '../ParticipationContext'
import { FacilitationBar } from './FacilitationBar'
import { MeetingTimer } from './MeetingTimer'
import { OptionResultBars } from './OptionResultBars'
import { Presentation, requestPresentationFullscreen } from './Presentation'
import { useGatherFollow } from './useGatherFollow'
import './negotiate.css'

export function FacilitationOverlay() {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const s = t.negotiate.facilitation
  const { following, stop } = useGatherFollow()
  const [presenting, setPresenting] = useState(false)
  if (!ui) return null
  return (
    <>
      <OptionResultBars />
      <div className="ng-top">
        {!presenting && (
          <FacilitationBar
            onPresent={() => {
              requestPresentationFullscreen()
              setPresenting(true)
            }}
          />
        )}
        <MeetingTimer />
        {following !== null && (
          <div className="ng-follow" role="status" data-testid="follow-banner">
            <span>{format(s.following, { name: following })}</span>
            <button type="button" className="button ng-small" data-testid="follow-stop" onClick={stop}>
              {s.stopFollowing}
            </button>
          </div>
        )}
      </div>
      {presenting && <Presentation onExit={() => setPresenting(false)} />}
    </>
  )
}
