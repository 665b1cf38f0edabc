/**
 * What other features may use of projects: the project API client, its paths, and the project links
 * this device keeps. The pages (join, new project, not found) are loaded lazily by src/app/pages.tsx.
 */
export { joinKeyFor } from './joinKey'
export { accessAfterJoin, getAccess, linkTokenOf, removeAccess, saveAccess, touch, useProjectAccessList, type ProjectAccess } from './projectAccess'
export {
  absoluteLink, confirmPerson, createLink, getAudit, getDashboard, getHistorySnapshot, getMoveSnapshot, getPeople,
  getProjectState, joinProject, listHistory, listLinks, makeDeviceLink, moveStage, projectEventsUrl, renameParticipant,
  restoreHistory, revokeLink, setScale, uploadProjectAsset,
} from './projectClient'
export { getWorkspaceAccess, saveWorkspaceAccess, workspaceTokenFromHash, type WorkspaceAccess } from './workspaceAccess'
export { listAccess } from './projectAccess'
export { getMatchedResources, getProjectWorkspace, leaveWorkspace, matchResource, unmatchResource, workspaceCallError } from './projectWorkspace'
export { facilitationPath, participationPath, projectStatePath } from './projectPaths'
