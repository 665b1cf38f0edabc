/**
 * What other features may use of the board (the plain board page and what every board shows
 * around tldraw). Nothing here imports tldraw or a stylesheet, so any page's chunk may import it.
 * The editor's side is imported by its own path, from the editor's chunk only: ./BoardEditor,
 * ./PeoplePanel, ./tldrawAssetUrls (eslint.config.js, FEATURE_PARTS).
 */
export { BoardHeader } from './BoardHeader'
export { BoardNotFound } from './BoardNotFound'
export { useBoardUi } from './BoardUiContext'
export { NamePrompt } from './NamePrompt'
export { ServerCloseBanner } from './ServerCloseBanner'
export { StorageFailingBanner } from './StorageFailingBanner'
export { checkImageFile, formatBytes } from './assetStore'
export { FIT_ZOOM_RANGE, fitCamera, openingInsets, pinRect, unionRects, type Camera, type Insets, type Rect } from './fitCamera'
export { cleanName, getParticipant, PARTICIPANT_NAME_MAX, updateParticipant, useParticipant } from './participant'
export { forgetBoard, loadRecentBoards, rememberBoard, subscribeRecentBoards } from './recentBoards'
export { COMPACT_QUERY, useCompactScreen } from './useCompactScreen'
