/** A vote's results as bars, one per option (or why they are not shown yet). */
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { Vote } from '../../shared/participation'
import { useParticipationState } from '../ParticipationContext'
import { paperLine, voterName } from '../proxy/proxyLines'

export function VoteResults({ vote }: { vote: Vote }) {
  const { t, lang } = useI18n()
  const s = t.negotiate.results
  const { participation } = useParticipationState()
  if (!vote.results) return <p className="ng-note" data-testid="vote-results-hidden">{s.hidden}</p>
  const title = (id: string) => participation?.options.find((o) => o.id === id)?.title ?? t.negotiate.target.gone
  const total = vote.results.reduce((sum, r) => sum + r.points, 0)
  const max = Math.max(0, ...vote.results.map((r) => r.points))
  const unit = vote.mode === 'single' ? s.votes : s.dots
  const list = (names: string[]) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(names)

  return (
    <ul className="ng-results" aria-label={vote.status === 'closed' ? s.finalTitle : s.liveTitle}>
      {vote.results.map((r) => {
        const share = total > 0 ? r.points / total : 0
        const leads = vote.status === 'closed' && max > 0 && r.points === max
        return (
          <li key={r.optionId} className={`ng-result${leads ? ' ng-result--lead' : ''}`} data-testid="vote-result" data-option-id={r.optionId} data-points={r.points}>
            <div className="ng-result__head">
              <span className="ng-result__title">
                {title(r.optionId)}
                {leads && <span className="ng-chip ng-chip--lead">{s.most}</span>}
              </span>
              <strong>
                {format(unit, { n: r.points })} · {Math.round(share * 100)}%
              </strong>
            </div>
            <div className="ng-bar" aria-hidden="true">
              <div className="ng-bar__fill" style={{ width: `${max > 0 ? (r.points / max) * 100 : 0}%` }} />
            </div>
            {r.voters && r.voters.length > 0 && (
              <p className="ng-muted ng-result__voters">
                {list(r.voters.map((v) => {
                  const name = participation ? voterName(participation, vote, v, t, lang) : v.name
                  return v.points > 1 ? format(s.voterPoints, { name, n: v.points }) : name
                }))}
              </p>
            )}
            {participation && paperLine(participation, vote, r.optionId, t) && (
              <p className="ng-muted ng-result__paper" data-testid="vote-result-paper">{paperLine(participation, vote, r.optionId, t)}</p>
            )}
          </li>
        )
      })}
    </ul>
  )
}
