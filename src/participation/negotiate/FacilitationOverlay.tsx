/**
 * What the meeting adds over the canvas: vote results under the option frames, the shared countdown,
 * "following the organizer", the presenter's lead and the speaking order (MeetingBars), the meeting
 * controls and presentation mode; for a facilitator who opened
 * it, projector mode instead of all that, and for everyone else "following the projector".
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { useParticipationUi } from '../ParticipationContext'
import { FacilitationBar } from './FacilitationBar'
import { FocusFollow } from './FocusFollow'
import { MeetingTimer } from './MeetingTimer'
import { OptionResultBars } from './OptionResultBars'
import { Presentation, requestPresentationFullscreen } from './Presentation'
import { useProjectorOpen } from './projectorMode'
import { ProjectorView } from './ProjectorView'
import { useGatherFollow } from './useGatherFollow'
import { useLeadCamera } from './useLeadCamera'
import { MeetingBars } from '../meeting/MeetingBars'
import { useLeadFollow } from '../meeting/useLeadFollow'
import '../meeting/meeting.css'
import './negotiate.css'

export function FacilitationOverlay() {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const s = t.negotiate.facilitation
  const { following, stop } = useGatherFollow()
  const [presenting, setPresenting] = useState(false)
  const projecting = useProjectorOpen()
  const lead = useLeadFollow()
  useLeadCamera(lead)
  if (!ui) return null
  // The projector view has its own large timer and results; the small ones would only be noise.
  if (projecting && ui.may('facilitate')) return <ProjectorView />
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
        {/* Following the presenter already shows what the room looks at: one bar, not two. */}
        {!lead.following && <FocusFollow />}
        <MeetingBars follow={lead} />
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
