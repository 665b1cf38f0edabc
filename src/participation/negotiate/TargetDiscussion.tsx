/**
 * The discussion about one option or need, where it is shown (an option in the options list, a
 * need's card): its comment threads, open ones first, and "comment on this". A resident whose
 * stage has no Discussion tab still reads and joins the discussion here.
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import type { CommentTarget } from '../../shared/participation'
import { useParticipationState } from '../ParticipationContext'
import { StartThreadButton } from './StartThreadButton'
import { ThreadCard } from './ThreadCard'
import './negotiate.css'

export function TargetDiscussion({ target }: { target: CommentTarget }) {
  const { participation } = useParticipationState()
  const { t } = useI18n()
  const [started, setStarted] = useState<string | null>(null)
  if (!participation) return null
  const threads = participation.threads
    .filter((th) => th.target.kind === target.kind && th.target.id === target.id)
    .sort((a, b) => Number(a.resolved) - Number(b.resolved) || a.createdAt - b.createdAt)
  return (
    <div className="ng-discussion" data-testid="target-discussion" data-target-kind={target.kind} data-target-id={target.id}>
      {threads.length === 0 && <p className="ng-muted">{t.negotiate.comments.empty}</p>}
      {threads.map((th) => (
        <ThreadCard key={th.id} thread={th} highlighted={th.id === started} />
      ))}
      <StartThreadButton target={target} onStarted={setStarted} />
    </div>
  )
}
