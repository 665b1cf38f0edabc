/**
 * Casting my ballot, phone first: single choice is one big button per option, then "vote"; dot
 * voting is − / + per option with the dots I have left. Checked here, and again by the server.
 *
 * A choice not yet cast must never look cast: a picked option shows a filled radio dot and says
 * "已选择，还没投出" (no ✓: the ✓ belongs to "✓ 您已投票", which VoteCard shows once the server has
 * the ballot and counts it), and the 投票 button is scrolled into view with a line above it saying
 * what is still to do.
 */
import { useRef, useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { Vote } from '../../shared/participation'
import { castBallot } from '../participationClient'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { addDot, ballotProblem, budget, choose, pointsRemaining, removeDot, type Points } from './ballot'
import { rememberBallot } from './localBallots'
import { useAction } from './useAction'

export function BallotForm({ vote }: { vote: Vote }) {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t } = useI18n()
  const s = t.negotiate.ballot
  const { busy, error, setError, act } = useAction()
  const [points, setPoints] = useState<Points>({})
  // Cast, and waiting for the state that says so (then VoteCard replaces this form): no second tap.
  const [sent, setSent] = useState(false)
  const submitRef = useRef<HTMLButtonElement>(null)
  if (!ui || !participation) return null
  const title = (id: string) => participation.options.find((o) => o.id === id)?.title ?? t.negotiate.target.gone
  const remaining = pointsRemaining(vote, points)

  const submit = async () => {
    const problem = ballotProblem(vote, points)
    if (problem) return setError(problem === 'overBudget' ? format(s.problems.overBudget, { max: budget(vote) }) : s.problems[problem])
    const answer = await act((c, o) => castBallot(c, vote.id, { points: { ...points } }, o))
    // Anonymous: this answer is the only time the server shows my ballot; keep it on this device.
    if (answer && vote.anonymous) rememberBallot(ui.caller.projectId, vote.id, answer.ballot)
    if (answer) setSent(true)
  }
  const picked = Object.values(points).some((n) => n > 0)
  // After a pick the next step is the button: bring it into view (on a phone it may be below the fold).
  const pick = (next: Points) => {
    setPoints(next)
    requestAnimationFrame(() => submitRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }))
  }

  return (
    <form
      noValidate
      className="ng-ballot"
      data-testid="ballot"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <p className="ng-ballot__ask">{vote.mode === 'single' ? s.askSingle : format(s.askDots, { dots: vote.dotsPerPerson })}</p>
      {vote.mode === 'single' ? (
        <div className="ng-choices" role="radiogroup" aria-label={s.askSingle}>
          {vote.optionIds.map((id) => (
            <button
              key={id}
              type="button"
              role="radio"
              aria-checked={points[id] === 1}
              className={`ng-choice${points[id] === 1 ? ' ng-choice--picked' : ''}`}
              data-testid="ballot-choice"
              data-option-id={id}
              data-picked={points[id] === 1}
              onClick={() => pick(choose(id))}
            >
              <span className="ng-choice__mark" aria-hidden="true">{points[id] === 1 ? '●' : ''}</span>
              <span className="ng-choice__body">
                <span>{title(id)}</span>
                {points[id] === 1 && <span className="ng-choice__state" data-testid="ballot-picked">{s.pickedNotCast}</span>}
              </span>
            </button>
          ))}
        </div>
      ) : (
        <>
          <ul className="ng-choices">
            {vote.optionIds.map((id) => {
              const n = points[id] ?? 0
              return (
                <li key={id} className={`ng-choice ng-choice--dots${n > 0 ? ' ng-choice--picked' : ''}`} data-testid="ballot-choice" data-option-id={id} data-points={n}>
                  <span className="ng-choice__title">{title(id)}</span>
                  <span className="ng-dots" aria-hidden="true">{'●'.repeat(n)}</span>
                  <span className="ng-stepper">
                    <button
                      type="button"
                      className="ng-step"
                      data-testid="ballot-minus"
                      aria-label={format(s.minusLabel, { title: title(id) })}
                      disabled={n === 0}
                      onClick={() => setPoints(removeDot(points, id))}
                    >
                      −
                    </button>
                    <span className="ng-step__count" aria-label={format(s.dotsOn, { n })}>{n}</span>
                    <button
                      type="button"
                      className="ng-step"
                      data-testid="ballot-plus"
                      aria-label={format(s.plusLabel, { title: title(id) })}
                      disabled={remaining === 0}
                      onClick={() => pick(addDot(vote, points, id))}
                    >
                      +
                    </button>
                  </span>
                </li>
              )
            })}
          </ul>
        </>
      )}
      {vote.mode === 'dots' && (
        // Beside the button, under the options: the budget is in view while the dots are given.
        <p className="ng-ballot__left" data-testid="ballot-remaining" data-remaining={remaining} aria-live="polite">
          {format(s.remaining, { n: remaining })}
        </p>
      )}
      {picked && !sent && (
        <p className="ng-ballot__pending" data-testid="ballot-pending" role="status">
          {s.notCastYet}
        </p>
      )}
      {error && <p className="ng-error" role="alert" data-testid="ballot-error">{error}</p>}
      <button ref={submitRef} type="submit" className="button button--primary ng-big ng-wide" data-testid="ballot-submit" disabled={busy || sent}>
        {busy || sent ? s.sending : s.submit}
      </button>
      <p className="ng-hint">{vote.anonymous ? s.anonymousHint : s.namedHint}</p>
    </form>
  )
}
