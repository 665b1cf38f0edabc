/** The Vote tab: the open vote first (cast a ballot, see live results), then past votes; the organizer opens and closes votes. */
import { useLayoutEffect, useRef, useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { permissionNote } from './permissionNote'
import { VoteCard } from './VoteCard'
import { VoteSetup } from './VoteSetup'
import { ProxyButton } from '../proxy/ProxyButton'
import './negotiate.css'

export function VotesTab() {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t, lang } = useI18n()
  const s = t.negotiate.votes
  const [setting, setSetting] = useState(false)
  const sectionRef = useRef<HTMLElement>(null)
  const shownAt = useRef(false)
  const loaded = participation !== null
  // The panel's body is one scroller shared by every tab, so this tab opened wherever the last one
  // was scrolled to — past the choices. Once, when it first has content: show the open vote's top
  // (or the tab's), so the choices are what a person sees first.
  useLayoutEffect(() => {
    const section = sectionRef.current
    if (shownAt.current || !loaded || !section) return
    shownAt.current = true
    const target = section.querySelector<HTMLElement>('[data-testid="vote"][data-status="open"]') ?? section
    scrollToTopOfScroller(target)
  }, [loaded])
  if (!ui) return null
  if (!participation) return <p className="ng-muted">{t.negotiate.loading}</p>

  const votes = [...participation.votes].reverse()
  const openVote = votes.find((v) => v.status === 'open')
  const ordered = openVote ? [openVote, ...votes.filter((v) => v !== openVote)] : votes
  const mayRun = ui.may('runVote')
  const runNote = ui.role === 'organizer' ? permissionNote(t, lang, ui.role, ui.stage, 'runVote') : null
  const enoughOptions = participation.options.length >= 2

  return (
    <section ref={sectionRef} className="ng-tab" data-testid="votes-tab" aria-label={t.participation.tabs.votes}>
      {runNote && <p className="ng-note" role="note">{runNote}</p>}
      <ProxyButton />
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

/** Scrolls the nearest scrolling ancestor of `el` so that `el`'s top is at its top (only that one: not the page). */
function scrollToTopOfScroller(el: HTMLElement): void {
  for (let a = el.parentElement; a; a = a.parentElement) {
    const overflow = getComputedStyle(a).overflowY
    if ((overflow === 'auto' || overflow === 'scroll') && a.scrollHeight > a.clientHeight) {
      a.scrollTop += el.getBoundingClientRect().top - a.getBoundingClientRect().top - 8
      return
    }
  }
}
