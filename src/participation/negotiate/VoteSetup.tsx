/**
 * The organizer opens a vote: which options (at least two), single choice or dots (how many each),
 * named or anonymous, results shown live or only once closed.
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { DOTS_PER_PERSON_MAX, type ResultsVisibility, type VoteMode } from '../../shared/participation'
import { openVote } from '../participationClient'
import { useParticipationState } from '../ParticipationContext'
import { FormFooter } from './FormFooter'
import { useAction } from './useAction'

export function VoteSetup({ onDone }: { onDone: () => void }) {
  const { t } = useI18n()
  const s = t.negotiate.votes
  const { participation } = useParticipationState()
  const { busy, error, setError, act } = useAction()
  const options = participation?.options ?? []
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(options.map((o) => o.id)))
  const [mode, setMode] = useState<VoteMode>('single')
  const [dots, setDots] = useState('3')
  const [anonymous, setAnonymous] = useState(false)
  const [visibility, setVisibility] = useState<ResultsVisibility>('live')

  const toggle = (id: string) => {
    const next = new Set(chosen)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    setChosen(next)
  }

  const submit = async () => {
    // Keep the options in the order they are listed, not the order they were ticked.
    const optionIds = options.filter((o) => chosen.has(o.id)).map((o) => o.id)
    if (optionIds.length < 2) return setError(s.needTwo)
    const dotsPerPerson = Number(dots)
    if (mode === 'dots' && !(Number.isInteger(dotsPerPerson) && dotsPerPerson >= 1 && dotsPerPerson <= DOTS_PER_PERSON_MAX)) {
      return setError(format(s.dotsRange, { max: DOTS_PER_PERSON_MAX }))
    }
    const answer = await act((c, o) =>
      openVote(c, { optionIds, mode, anonymous, resultsVisibility: visibility, ...(mode === 'dots' && { dotsPerPerson }) }, o),
    )
    if (answer) onDone()
  }

  return (
    <form
      noValidate
      className="ng-form ng-card"
      data-testid="vote-setup"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <fieldset className="ng-fieldset">
        <legend className="ng-field__label">{s.whichOptions}</legend>
        {options.map((o) => (
          <label key={o.id} className="ng-check">
            <input type="checkbox" data-testid="vote-option" data-option-id={o.id} checked={chosen.has(o.id)} onChange={() => toggle(o.id)} />
            <span>{o.title}</span>
          </label>
        ))}
      </fieldset>
      <label className="ng-field">
        <span className="ng-field__label">{s.modeLabel}</span>
        <select className="ng-input" data-testid="vote-mode" value={mode} onChange={(e) => setMode(e.target.value === 'dots' ? 'dots' : 'single')}>
          <option value="single">{s.modeSingle}</option>
          <option value="dots">{s.modeDots}</option>
        </select>
      </label>
      {mode === 'dots' && (
        <label className="ng-field">
          <span className="ng-field__label">{format(s.dotsLabel, { max: DOTS_PER_PERSON_MAX })}</span>
          <input
            className="ng-input ng-input--number"
            data-testid="vote-dots"
            type="number"
            inputMode="numeric"
            min={1}
            max={DOTS_PER_PERSON_MAX}
            step={1}
            value={dots}
            onChange={(e) => setDots(e.target.value)}
          />
        </label>
      )}
      <label className="ng-check">
        <input type="checkbox" data-testid="vote-anonymous" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
        <span>{s.anonymousLabel}</span>
      </label>
      <label className="ng-field">
        <span className="ng-field__label">{s.visibilityLabel}</span>
        <select
          className="ng-input"
          data-testid="vote-visibility"
          value={visibility}
          onChange={(e) => setVisibility(e.target.value === 'afterClose' ? 'afterClose' : 'live')}
        >
          <option value="live">{s.visibilityLive}</option>
          <option value="afterClose">{s.visibilityAfterClose}</option>
        </select>
      </label>
      <FormFooter
        error={error}
        errorTestId="vote-error"
        busy={busy}
        submitLabel={s.open}
        busyLabel={s.opening}
        submitTestId="vote-open"
        cancelLabel={s.cancel}
        cancelTestId="vote-setup-cancel"
        onCancel={onDone}
      />
    </form>
  )
}
