/**
 * "Comment on this": a button for a fixed target (an option, a need), opening the composer in
 * place. Shown only to those who may comment now and have joined by name (comments record who).
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import type { CommentTarget } from '../../shared/participation'
import { useParticipationUi } from '../ParticipationContext'
import { ThreadComposer } from './ThreadComposer'

export function StartThreadButton({ target, onStarted }: { target: CommentTarget; onStarted?: (threadId: string) => void }) {
  const ui = useParticipationUi()
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  if (!ui || !ui.may('comment') || ui.participantId === null) return null
  if (!open) {
    return (
      <button type="button" className="button ng-start" data-testid="start-thread" onClick={() => setOpen(true)}>
        {t.negotiate.comments.start}
      </button>
    )
  }
  return (
    <ThreadComposer
      target={target}
      fixed
      onDone={(id) => {
        setOpen(false)
        if (id) onStarted?.(id)
      }}
      onCancel={() => setOpen(false)}
    />
  )
}
