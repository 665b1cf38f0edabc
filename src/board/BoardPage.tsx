import { useEffect } from 'react'
import { useClientConfig } from '../net/clientConfig'
import { LoadingPage } from '../ui/LoadingPage'
import { useI18n } from '../i18n/I18nProvider'
import { BoardEditor } from './BoardEditor'
import { BoardNotFound } from './BoardNotFound'
import { NamePrompt } from './NamePrompt'
import { useParticipant } from './participant'
import { useBoardInfo } from './useBoardInfo'
import './board.css'

/** /b/<boardId>: find the board, ask the person's name once, then open the live canvas. */
export default function BoardPage({ boardId }: { boardId: string }) {
  const { t } = useI18n()
  const config = useClientConfig()
  const info = useBoardInfo(boardId)
  const participant = useParticipant()

  const boardName = (info.status === 'ready' && info.name) || t.board.untitled

  useEffect(() => {
    document.title = `${boardName} · ${t.board.titleSuffix}`
  }, [boardName, t])

  if (info.status === 'not-found') return <BoardNotFound />
  // The licence key must be known before tldraw mounts; the config loader never waits forever.
  if (info.status === 'loading' || !config) return <LoadingPage />
  if (!participant.name) return <NamePrompt mode="join" boardName={boardName} />

  return (
    <BoardEditor
      boardId={boardId}
      boardName={boardName}
      config={config}
      participant={{ id: participant.id, name: participant.name, color: participant.color }}
    />
  )
}
