/**
 * What other features may use of participation without tldraw or a stylesheet: its state and client,
 * needs logic, and the camera helpers the light view shares. The panel and the canvas layer are
 * loaded lazily; pins (./needs/pinViews, needs.css), the needs' UI state (./needs/needsUiState,
 * tldraw), the projector button (./negotiate/ProjectorButton, its stylesheet) and 各自先想's banner and
 * button (./private/PrivateModeBanner, ./private/PrivateModeButton, private.css) are imported by
 * their own paths (eslint.config.js, FEATURE_PARTS).
 */
export { ParticipationProvider, useParticipationState } from './ParticipationContext'
export { liveNeeds, sortNeeds } from './needs/needsLogic'
export { ModerationRecord } from './moderation/ModerationRecord'
export { groupPins } from './needs/pinGroups'
export { zoomIntoGroup } from './needs/zoomIntoGroup'
export { zoomToVisible } from './options/zoomToVisible'
export { requestPanelOpen } from './panelFold'
export { STAGE_TAB } from './panelTabs'
export { getFacilitation, getParticipation, participationPaths } from './participationClient'
export { participationErrorText } from './participationErrors'
export { isFacilitationState, isParticipationState, ParticipationStore, type ParticipationSnapshot } from './participationStore'
export { fitViewBox } from './meeting/leadView'
export { MeetingBars } from './meeting/MeetingBars'
export { useLeadFollow } from './meeting/useLeadFollow'
export { MeetingTimer } from './negotiate/MeetingTimer'
