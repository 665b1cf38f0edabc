/**
 * A project board on a phone before the editor is there: the page as the editor's phone board lays
 * it out — header, the stage bar (given by the page: `chrome`), the plan with its pins and controls —
 * drawn from the same live sources (the project state, the participation store, the
 * board's own Y.Doc through the connection the editor will adopt), without tldraw's 1.7 MB.
 *
 * It covers the editor while that loads underneath, and ProjectBoardPage removes it once the
 * editor shows the same view (lightSession.ts). What she taps meanwhile is kept for the editor.
 */
import { useCallback, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react'
import { BoardHeader, ServerCloseBanner, StorageFailingBanner } from '../board'
import type { ParticipationStore } from '../participation'
import type { ProjectState } from '../shared/projectApi'
import type { BoardConnection, ConnectionState } from '../sync'
import { CloseCode } from '../shared/protocol'
import { LightCanvas } from './LightCanvas'
import type { LightIntent, LightSession } from './lightSession'
import { useBoardRecords } from './useBoardRecords'
import { useBoardOnItsWay } from './useBoardOnItsWay'
import './lightView.css'

export interface LightBoardProps {
  session: LightSession
  connection: BoardConnection
  state: ProjectState
  boardName: string
  participation: ParticipationStore
  /**
   * The stage bar with its tools and panels, as the editor's page shows it (the page renders it, with
   * the contexts it reads: the light view itself knows nothing of the workflow).
   */
  chrome: ReactNode
  /** The light view shows the board (LightCanvas): the editor's code may come. */
  onShown: () => void
  /** The sync server refused the link (withdrawn or expired): the page says why, as with the editor. */
  onAccessLost: (code: number) => void
}

/** Close codes with which the sync server refuses a project link (as BoardEditor's). */
const ACCESS_LOST_CODES: ReadonlySet<number> = new Set([CloseCode.unauthorized, CloseCode.forbidden])

function useConnectionState(connection: BoardConnection): ConnectionState {
  const [state, setState] = useState(() => connection.state())
  useEffect(() => {
    setState(connection.state())
    return connection.listen(setState)
  }, [connection])
  return state
}

export function LightBoard(props: LightBoardProps) {
  const { session, connection, state, participation } = props
  const { status, serverClose, storageFailing } = useConnectionState(connection)
  const closeCode = serverClose?.code
  const { onAccessLost } = props
  useEffect(() => {
    if (closeCode !== undefined && ACCESS_LOST_CODES.has(closeCode)) onAccessLost(closeCode)
  }, [closeCode, onAccessLost])
  const records = useBoardRecords(connection)
  const onItsWay = useBoardOnItsWay(connection)
  const snapshot = useSyncExternalStore(participation.subscribe, participation.get)
  const [intent, setIntent] = useState<LightIntent | null>(() => session.get().intent)
  const onIntent = useCallback(
    (next: LightIntent) => {
      setIntent(next)
      session.set({ intent: next })
    },
    [session],
  )
  // An intent set on the session from elsewhere (a tap on the boot view, bootHandover.ts) shows here too.
  useEffect(() => session.listen((s) => setIntent(s.intent)), [session])
  const onPressed = useCallback((pressed: boolean) => session.set({ pressed }), [session])

  return (
    <div className="board board--bare cg-light" data-testid="light-board" aria-busy={intent ? true : undefined}>
      <BoardHeader boardName={props.boardName} status={status} />
      {props.chrome}
      {serverClose && !ACCESS_LOST_CODES.has(serverClose.code) && <ServerCloseBanner code={serverClose.code} />}
      {storageFailing && !serverClose && <StorageFailingBanner />}
      <div className="board__canvas">
        <LightCanvas
          state={state}
          records={records}
          snapshot={snapshot}
          session={session}
          intent={intent}
          onIntent={onIntent}
          onPressed={onPressed}
          onShown={props.onShown}
          boardOnItsWay={onItsWay}
        />
      </div>
    </div>
  )
}
