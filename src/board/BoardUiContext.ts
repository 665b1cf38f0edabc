import { createContext, useContext } from 'react'

/**
 * What our panels inside tldraw (component slots take no props) need from the board page.
 */
export interface BoardUi {
  /** Open the dialog to change one's name and colour. */
  openNameEditor: () => void
}

export const BoardUiContext = createContext<BoardUi | null>(null)

export function useBoardUi(): BoardUi {
  const value = useContext(BoardUiContext)
  if (!value) throw new Error('useBoardUi must be used inside <BoardUiContext.Provider>')
  return value
}
