/**
 * Everything participation puts over the canvas (tldraw's `InFrontOfTheCanvas` slot: above the
 * shapes, below tldraw's own UI): need pins, option badges, comment markers, the meeting's
 * facilitation (gather, timer, presentation). Each feature positions its own elements from page
 * coordinates (editor.pageToViewport) so they follow the camera.
 */
import { useParticipationUi } from './ParticipationContext'
import { NeedPins } from './needs/NeedPins'
import { OptionBadges } from './options/OptionBadges'
import { CommentMarkers } from './negotiate/CommentMarkers'
import { FacilitationOverlay } from './negotiate/FacilitationOverlay'
import { TaskPins } from './tasks/TaskPins'

export function ParticipationLayer() {
  if (!useParticipationUi()) return null
  return (
    <>
      <OptionBadges />
      <NeedPins />
      <TaskPins />
      <CommentMarkers />
      <FacilitationOverlay />
    </>
  )
}
