import { useEffect, useState } from 'react'
import { getBoard } from '../net/api'
import { useI18n } from '../i18n/I18nProvider'
import { findRecentBoard, rememberBoard } from './recentBoards'

export type BoardInfoState =
  | { status: 'loading' }
  | { status: 'not-found' }
  /** name: from the server, or from this device's recent list when the server cannot be reached. */
  | { status: 'ready'; name: string }

/** How long a weak connection may keep someone from a board they have never opened here. */
const INFO_TIMEOUT_MS = 10_000

/**
 * The board's name, and whether it exists. A board already on this device's recent list opens at
 * once with the remembered name (the drawing itself comes from local storage and the live sync),
 * so a slow or absent network never keeps anyone waiting; the server's answer then refreshes the
 * name, or turns the page into "board not found".
 */
export function useBoardInfo(boardId: string): BoardInfoState {
  const { t, lang } = useI18n()
  const [state, setState] = useState<BoardInfoState>(() => {
    const recent = findRecentBoard(boardId)
    return recent ? { status: 'ready', name: recent.name } : { status: 'loading' }
  })

  useEffect(() => {
    let live = true
    const signal = AbortSignal.timeout(INFO_TIMEOUT_MS)
    getBoard(boardId, { t, lang, signal }).then(
      (info) => {
        if (!live) return
        if (!info) {
          setState({ status: 'not-found' })
          return
        }
        rememberBoard(info)
        setState({ status: 'ready', name: info.name })
      },
      () => {
        if (!live) return
        // Offline, timed out, or a server error: open from local data. The sync layer keeps
        // retrying the connection and shows its state.
        const name = findRecentBoard(boardId)?.name ?? ''
        rememberBoard({ id: boardId, name })
        setState({ status: 'ready', name })
      },
    )
    return () => {
      live = false
    }
    // Only the board matters; the language of a discarded error message does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boardId])

  return state
}
