/**
 * The light view of one page open: its session with the editor and the board connection it opens
 * early for the editor to adopt (src/sync/preopenedBoards.ts). Created in an effect and released in
 * its cleanup: a page left before the editor came closes its socket; one the editor adopted is the
 * editor's to close.
 */
import { useEffect, useState } from 'react'
import type { BoardConnection } from '../sync'
import { preopenBoard, releasePreopened, syncUrl } from '../sync'
import { takeBootTaps } from '../ui/bootHandover'
import { focusTask } from '../participation/tasks/taskFocus'
import { createLightSession, type LightSession } from './lightSession'

export interface LightView {
  session: LightSession
  connection: BoardConnection
}

export function useLightView(boardId: string, token: string, enabled: boolean): LightView | null {
  const [view, setView] = useState<LightView | null>(null)
  useEffect(() => {
    if (!enabled) return
    // The same options as the editor's useBoardSync (BoardEditor), or it would not adopt this one.
    const connection = preopenBoard({ boardId, syncUrl: syncUrl(), params: { token } })
    const opened = { session: createLightSession(boardId), connection }
    // What she tapped on the boot view (painted before this code ran, src/app/bootView.ts), before
    // now or while it still covers this view: kept as the same intent as a tap here, so the editor
    // does it when it takes over (＋ 提需求: the need form opens).
    const untap = takeBootTaps((tap) => {
      if (tap.kind !== 'task') return opened.session.set({ intent: tap })
      // As a tap on the light view's task pin does (LightTaskPins).
      focusTask(tap.taskId)
      opened.session.set({ intent: { kind: 'panel' } })
    })
    setView(opened)
    return () => {
      untap()
      releasePreopened(connection)
      setView((prev) => (prev === opened ? null : prev))
    }
  }, [boardId, token, enabled])
  return view
}
