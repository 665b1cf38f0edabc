/**
 * On a resident's own phone, when the committee entered her ballot (代录): who did, and — while the
 * vote is open — the way to say it was not her choice. Her ballot is then refused by the server
 * (vote_entered_for_you, shown under the form) and the committee sees the clash to resolve; once
 * they take theirs back, the ordinary ballot form is hers again.
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { Vote } from '../../shared/participation'
import { BallotForm } from '../negotiate/BallotForm'
import { useParticipationState } from '../ParticipationContext'
import './proxy.css'

export function EnteredForMe({ vote }: { vote: Vote }) {
  const { participation } = useParticipationState()
  const { t } = useI18n()
  const [myself, setMyself] = useState(false)
  const entered = participation?.proxy?.forMe.find((x) => x.voteId === vote.id)
  if (!entered || !vote.voted) return null
  return (
    <div className="px-forme" data-testid="vote-entered-for-me">
      <p className="ng-note" role="note">{format(t.proxy.enteredForYou, { role: t.workflow.roles[entered.byRole], by: entered.byName })}</p>
      {vote.status === 'open' && (myself ? <BallotForm vote={vote} /> : (
        <button type="button" className="button px-big px-wide" data-testid="vote-myself" onClick={() => setMyself(true)}>
          {t.proxy.voteMyself}
        </button>
      ))}
    </div>
  )
}
