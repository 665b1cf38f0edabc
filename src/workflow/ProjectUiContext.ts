import { createContext, useContext } from 'react'
import type { ProjectState } from '../shared/projectApi'
import type { Role, Stage } from '../shared/workflow'

/**
 * What panels inside tldraw (its component slots take no props) need to know about the project
 * board they are on. Null on a plain /b/<id> board.
 */
export interface ProjectUi {
  projectId: string
  state: ProjectState
  role: Role
  stage: Stage
  canDraw: boolean
}

export const ProjectUiContext = createContext<ProjectUi | null>(null)

export function useProjectUi(): ProjectUi | null {
  return useContext(ProjectUiContext)
}
