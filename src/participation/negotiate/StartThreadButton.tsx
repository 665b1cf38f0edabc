/**
 * "Comment on this": a button other panels can put on an option or a need (and the Comments tab uses
 * for the selected shape). It opens the composer in place, with the target fixed.
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/strings'
import type { CommentTarget } from '../../shared/participation'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { ThreadComposer } from './ThreadComposer'
import { focusThread } from './threadFocus'

export function StartThreadButton({ target }: { target: CommentTarget }) {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t } = useI18n()
  const s = t.negotiate.comments
  const [open, setOpen] = useState(false)
  if (!ui || !participation) return null
  const threads = participation.threads.filter((th) => th.target.kind === target.kind && th.target.id === target.id)
  const openThreads = threads.filter((th) => !th.resolved)

  return (
    <div className="ng-start">
      {!open && (
        <div className="ng-actions">
          {ui.may('comment') && (
            <button type="button" className="button" data-testid="start-thread" onClick={() => setOpen(true)}>
              {s.start}
            </button>
          )}
          {threads.length > 0 && (
            <button
              type="button"
              className="button"
              data-testid="target-threads"
              onClick={() => focusThread((openThreads[0] ?? threads[0]).id)}
            >
              {format(s.seeThreads, { count: openThreads.length || threads.length })}
            </button>
          )}
        </div>
      )}
      {open && (
        <ThreadComposer
          target={target}
          fixed
          onDone={(id) => {
            setOpen(false)
            if (id) focusThread(id)
          }}
          onCancel={() => setOpen(false)}
        />
      )}
    </div>
  )
}
