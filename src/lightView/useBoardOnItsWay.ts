/**
 * Whether the board is on its way: the sync socket is open and the doc does not hold the whole
 * board yet (a big board's first sync message on a slow line). While it is, a phone's editor must
 * not start in the background: tldraw's start on thousands of records holds a phone's main thread
 * for tens of seconds, and the board's message then waits for it, and the light view's strokes
 * with it (docs/performance.md, "A 5,000-shape board on slow 3G"). A socket that does not open
 * (offline, refused) is not "on its way": the fallback timers then bring the editor as before.
 */
import { useEffect, useState } from 'react'
import type { BoardConnection } from '../sync'

export function boardOnItsWay(connection: BoardConnection): boolean {
  return connection.provider.wsconnected && !connection.state().complete
}

/** `boardOnItsWay`, kept current (false without a connection: a laptop has no light view). */
export function useBoardOnItsWay(connection: BoardConnection | null): boolean {
  const [onItsWay, setOnItsWay] = useState(() => (connection ? boardOnItsWay(connection) : false))
  useEffect(() => {
    if (!connection) {
      setOnItsWay(false)
      return
    }
    const check = () => setOnItsWay(boardOnItsWay(connection))
    check()
    // The socket's opening and closing ('status'), and the doc becoming whole (the state's `complete`).
    connection.provider.on('status', check)
    const stop = connection.listen(check)
    return () => {
      connection.provider.off('status', check)
      stop()
    }
  }, [connection])
  return onItsWay
}
