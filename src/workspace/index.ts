/**
 * What other features may use of the workspace: the home page's pieces for making one. The page
 * itself (./WorkspacePage) is loaded lazily by src/app/pages.tsx.
 */
export { CopyField } from './CopyField'
export { createWorkspace } from './workspaceClient'
