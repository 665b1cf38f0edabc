/** Who may do what to a need, as this UI offers it (the server checks the same and has the last word). */
import type { Need } from '../../shared/participation'
import type { ParticipationUi } from '../ParticipationContext'

/**
 * A photo goes up through the board's asset upload, which the server allows only to roles that may
 * draw now (server/http/assetRoutes.ts) — narrower than `addNeed`: a committee member adding a need
 * in the site visit may not draw, so they are not offered a photo the server would refuse.
 */
export function mayAttachPhoto(ui: Pick<ParticipationUi, 'role' | 'may'>): boolean {
  return ui.role === 'organizer' || ui.may('draw') || ui.may('addNeed')
}

/** Its author while they may add needs, or the committee / organizer (manageNeeds). */
export function mayChangeNeed(ui: Pick<ParticipationUi, 'may'>, need: Need): boolean {
  if (need.mergedInto !== null) return false
  return (need.mine && ui.may('addNeed')) || ui.may('manageNeeds')
}

/** Merging records who did it: manageNeeds and a personal token. */
export function mayMerge(ui: Pick<ParticipationUi, 'may' | 'participantId'>): boolean {
  return ui.may('manageNeeds') && ui.participantId !== null
}

export function mayEditCategories(ui: Pick<ParticipationUi, 'role'>): boolean {
  return ui.role === 'organizer'
}
