import { createContext, useContext } from 'react'
import type { Role } from '../shared/workflow'

/**
 * What our panels inside tldraw (component slots take no props) need from the board page.
 */
export interface BoardUi {
  /** Open the dialog to change one's name and colour. */
  openNameEditor: () => void
  /** A project board (src/workflow): its address opens nothing without a role link. */
  onProject: boolean
  /** My role on a project board, shown beside my name; null on a plain board. */
  myRole: Role | null
  /**
   * On a project board opened with a personal token: my participant id, so my other devices (the
   * server stamps it on presence) are counted as me, not as another person. Null otherwise.
   */
  myParticipantId?: string | null
  /** On a project board, for organizers: open the panel that makes role links. */
  openShare: (() => void) | null
}

export const BoardUiContext = createContext<BoardUi | null>(null)

export function useBoardUi(): BoardUi {
  const value = useContext(BoardUiContext)
  if (!value) throw new Error('useBoardUi must be used inside <BoardUiContext.Provider>')
  return value
}
