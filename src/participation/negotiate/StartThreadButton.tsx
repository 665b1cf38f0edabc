/**
 * "Comment on this": a button for a fixed target (an option, a need), opening the composer in
 * place. Shown only to those who may comment now and have joined by name (comments record who).
 * The composer is one of the page's text boxes (textBoxTurn.ts): when a reply box opens, it folds
 * back to this button, kept mounted (hidden) so what was typed is still there when it is tapped again.
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import type { CommentTarget } from '../../shared/participation'
import { useParticipationUi } from '../ParticipationContext'
import { useTextBoxTurn } from './textBoxTurn'
import { ThreadComposer } from './ThreadComposer'

export function StartThreadButton({ target, onStarted }: { target: CommentTarget; onStarted?: (threadId: string) => void }) {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const [started, setStarted] = useState(false)
  const turn = useTextBoxTurn()
  if (!ui || !ui.may('comment') || ui.participantId === null) return null
  const close = () => {
    setStarted(false)
    turn.release()
  }
  return (
    <>
      {!turn.open && (
        <button
          type="button"
          className="button ng-start"
          data-testid="start-thread"
          onClick={() => {
            setStarted(true)
            turn.take()
          }}
        >
          {t.negotiate.comments.start}
        </button>
      )}
      {started && (
        <div hidden={!turn.open}>
          <ThreadComposer
            target={target}
            fixed
            onDone={(id) => {
              close()
              if (id) onStarted?.(id)
            }}
            onCancel={close}
          />
        </div>
      )}
    </>
  )
}
