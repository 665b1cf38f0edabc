/**
 * What the presenter's lead and the speaking order put on every screen, editor or light view alike:
 * the follow bar, this person's hand (or "请您发言"), and for the facilitator the speaking queue.
 * The page gives it the lead state (useLeadFollow), which also drives its camera.
 */
import { HandButton } from './HandButton'
import { LeadBar } from './LeadBar'
import { SpeakingQueue } from './SpeakingQueue'
import type { LeadFollow } from './useLeadFollow'

export function MeetingBars({ follow }: { follow: LeadFollow }) {
  return (
    <div className="mt-bars" data-testid="meeting-bars">
      <LeadBar follow={follow} />
      <HandButton />
      <SpeakingQueue />
    </div>
  )
}
