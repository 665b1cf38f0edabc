/**
 * One vote as everyone sees it: how it works, how many have voted, my ballot (or the form to cast
 * it), the results when they may be shown, and — for the organizer — closing it.
 */
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { Vote } from '../../shared/participation'
import { closeVote } from '../participationClient'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { BallotForm } from './BallotForm'
import { rememberedBallot } from './localBallots'
import { permissionNote } from './permissionNote'
import { useAction } from './useAction'
import { VoteResults } from './VoteResults'
import { PaperBallots } from '../proxy/PaperBallots'
import { ballotLine } from '../proxy/proxyLines'
import { VoteClashes } from '../proxy/VoteClashes'
import { EnteredForMe } from '../proxy/EnteredForMe'
import { when } from './when'

export function VoteCard({ vote }: { vote: Vote }) {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t, lang } = useI18n()
  const s = t.negotiate.votes
  const close = useAction()
  if (!ui || !participation) return null
  const open = vote.status === 'open'
  const title = (id: string) => participation.options.find((o) => o.id === id)?.title ?? t.negotiate.target.gone

  const note = open ? permissionNote(t, lang, ui.role, ui.stage, 'vote', { participantId: ui.participantId, recordsPerson: true }) : null
  const mayVote = open && !vote.voted && note === null
  const mine = vote.voted ? vote.myBallot ?? (vote.anonymous ? rememberedBallot(ui.caller.projectId, vote.id) : null) : null
  const mineText = mine
    ? Object.entries(mine)
        .filter(([, n]) => n > 0)
        .map(([id, n]) => (vote.mode === 'single' ? title(id) : format(s.myDots, { title: title(id), n })))
        .join(lang === 'en' ? ', ' : '、')
    : null

  return (
    <article className={`ng-card ng-vote ng-vote--${vote.status}`} data-testid="vote" data-vote-id={vote.id} data-status={vote.status}>
      <div className="ng-row">
        <h4 className="ng-group__title">{vote.mode === 'single' ? s.titleSingle : format(s.titleDots, { dots: vote.dotsPerPerson })}</h4>
        <span className={`ng-status ng-status--${open ? 'open' : 'closed'}`}>{open ? s.statusOpen : s.statusClosed}</span>
      </div>
      <p className="ng-muted">
        {[vote.anonymous ? s.anonymous : s.named, vote.resultsVisibility === 'live' ? s.resultsLive : s.resultsAfterClose].join(' · ')}
      </p>
      <p className="ng-vote__count" data-testid="vote-ballots" data-ballots={vote.ballots}>{format(s.ballots, { n: vote.ballots })}
        {ballotLine(participation, vote.id, t) && <span className="px-line" data-testid="vote-proxy-ballots"> · {ballotLine(participation, vote.id, t)}</span>}
      </p>

      {mayVote && <BallotForm vote={vote} />}
      {vote.voted && (
        <p className="ng-done" data-testid="ballot-done" role="status">
          <strong>{s.voted}</strong>
          {mineText && <span> {format(s.myBallot, { ballot: mineText })}</span>}
        </p>
      )}
      <EnteredForMe vote={vote} />
      {open && !vote.voted && note && <p className="ng-note" role="note" data-testid="vote-unavailable">{note}</p>}

      <VoteResults vote={vote} />
      {ui.may('proxyEntry') && ui.participantId !== null && (
        <>
          <VoteClashes vote={vote} />
          {open && <PaperBallots vote={vote} />}
        </>
      )}

      {open && ui.role === 'organizer' && (
        <button
          type="button"
          className="button button--danger ng-big"
          data-testid="vote-close"
          disabled={close.busy}
          onClick={() => void close.act((c, o) => closeVote(c, vote.id, o))}
        >
          {close.busy ? s.closing : s.close}
        </button>
      )}
      {close.error && <p className="ng-error" role="alert">{close.error}</p>}
      <p className="ng-muted ng-small-text">
        {format(s.openedBy, { name: vote.openedBy.name, time: when(vote.openedAt, lang) })}
        {vote.closedBy && vote.closedAt !== null && ` · ${format(s.closedBy, { name: vote.closedBy.name, time: when(vote.closedAt, lang) })}`}
      </p>
    </article>
  )
}
