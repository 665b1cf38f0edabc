/**
 * Where this screen stands with the presenter's lead: presenting it (this page took it), following
 * it, or stepped out of it — and the one-tap step out and back in. Shared by the editor and the
 * light view (no tldraw here); the choice lives in the ParticipationStore, so it survives the light
 * view's handover to the editor.
 */
import { useCallback, useSyncExternalStore } from 'react'
import type { MeetingLead } from '../../shared/participation'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { heldLead } from './leadHolder'

export interface LeadFollow {
  lead: MeetingLead | null
  /** This page took the lead: it sends its view, it follows nobody. */
  presenting: boolean
  /** A lead is on, not this page's, and the person has not stepped out of it. */
  following: boolean
  stepOut: () => void
  followAgain: () => void
}

const noSubscribe = () => () => {}

export function useLeadFollow(): LeadFollow {
  const ui = useParticipationUi()
  const { facilitation, steppedOutOf } = useParticipationState()
  const lead = facilitation?.lead ?? null
  const projectId = ui?.caller.projectId ?? ''
  // sessionStorage changes only through this page's own take and release, both followed by a
  // facilitation state that re-renders this hook.
  const held = useSyncExternalStore(noSubscribe, () => (projectId ? heldLead(projectId) : null))
  const presenting = lead !== null && lead.id === held
  const store = ui?.store
  const leadId = lead?.id ?? null
  const stepOut = useCallback(() => store?.stepOut(leadId), [store, leadId])
  const followAgain = useCallback(() => store?.stepOut(null), [store])
  // A new lead (another id) is followed again even by someone who stepped out of the last one.
  const following = lead !== null && !presenting && steppedOutOf !== lead.id
  return { lead, presenting, following, stepOut, followAgain }
}
