/** The Vote tab: the open vote first (cast a ballot, see live results), then past votes; the organizer opens and closes votes. */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { permissionNote } from './permissionNote'
import { VoteCard } from './VoteCard'
import { VoteSetup } from './VoteSetup'
import './negotiate.css'

export function VotesTab() {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t, lang } = useI18n()
  const s = t.negotiate.votes
  const [setting, setSetting] = useState(false)
  if (!ui) return null
  if (!participation) return <p className="ng-muted">{t.negotiate.loading}</p>

  const votes = [...participation.votes].reverse()
  const openVote = votes.find((v) => v.status === 'open')
  const ordered = openVote ? [openVote, ...votes.filter((v) => v !== openVote)] : votes
  const mayRun = ui.may('runVote')
  const runNote = ui.role === 'organizer' ? permissionNote(t, lang, ui.role, ui.stage, 'runVote') : null
  const enoughOptions = participation.options.length >= 2

  return (
    <section className="ng-tab" data-testid="votes-tab" aria-label={t.participation.tabs.votes}>
      {runNote && <p className="ng-note" role="note">{runNote}</p>}
      {mayRun && !openVote && !setting && (
        <>
          <button type="button" className="button button--primary ng-big ng-wide" data-testid="vote-new" disabled={!enoughOptions} onClick={() => setSetting(true)}>
            {s.new}
          </button>
          {!enoughOptions && <p className="ng-hint">{s.needTwoOptions}</p>}
        </>
      )}
      {setting && !openVote && <VoteSetup onDone={() => setSetting(false)} />}
      {ordered.length === 0 && !setting && <p className="ng-muted" data-testid="votes-empty">{ui.role === 'organizer' ? s.emptyOrganizer : s.empty}</p>}
      {ordered.map((v) => (
        <VoteCard key={v.id} vote={v} />
      ))}
    </section>
  )
}
