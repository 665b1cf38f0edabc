/**
 * The Discussion tab: comment threads grouped by what they are about (an option, a need, a shape),
 * open ones first by default, with a composer; and each option's revision requests.
 */
import { useEffect, useRef, useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { literal } from '../../shared/guards'
import type { CommentTarget, CommentThread } from '../../shared/participation'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { OptionRevisions } from './OptionRevisions'
import { permissionNote } from './permissionNote'
import { describeTarget, optionOfShape, showTarget, targetAnchor, targetKey } from './targets'
import { ThreadCard } from './ThreadCard'
import { ThreadComposer } from './ThreadComposer'
import { useTextBoxTurn } from './textBoxTurn'
import { useThreadFocus } from './threadFocus'
import './negotiate.css'

const FILTERS = ['open', 'resolved', 'all'] as const
type Filter = (typeof FILTERS)[number]
const isFilter = literal(FILTERS)

interface Group {
  target: CommentTarget
  threads: CommentThread[]
  last: number
}

/** The focus request last acted on: a request is acted on once, even if the tab is shown again later. */
let handledFocusSeq = 0

export function CommentsTab() {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const editor = useEditor()
  const { t, lang } = useI18n()
  const s = t.negotiate.comments
  const [filter, setFilter] = useState<Filter>('open')
  const [composing, setComposing] = useState<{ target: CommentTarget | null; key: number } | null>(null)
  // The composer is one of the page's text boxes (textBoxTurn.ts): a reply box opened below folds it
  // (kept, hidden, with its text) and the start buttons come back.
  const turn = useTextBoxTurn()
  const [highlight, setHighlight] = useState<string | null>(null)
  const cards = useRef(new Map<string, HTMLElement>())
  const focus = useThreadFocus()
  const selectedShapeId = useValue(
    'cg comment selection',
    () => {
      const ids = editor.getSelectedShapeIds()
      return ids.length === 1 ? ids[0] : null
    },
    [editor],
  )

  // A marker was tapped (or a thread just started): show that thread, even if the filter hid it.
  const threads = participation?.threads
  useEffect(() => {
    if (!focus || focus.seq <= handledFocusSeq || !threads) return
    const thread = threads.find((th) => th.id === focus.threadId)
    if (!thread) return
    handledFocusSeq = focus.seq
    setHighlight(thread.id)
    setFilter((f) => (f === 'all' || (f === 'open') === !thread.resolved ? f : 'all'))
  }, [focus, threads])
  useEffect(() => {
    if (!highlight) return
    const card = cards.current.get(highlight)
    card?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
    card?.focus({ preventScroll: true })
  }, [highlight, filter])

  if (!ui) return null
  if (!participation) return <p className="ng-muted">{t.negotiate.loading}</p>

  const note = permissionNote(t, lang, ui.role, ui.stage, 'comment', { participantId: ui.participantId, recordsPerson: true })
  const mayStart = ui.may('comment') && ui.participantId !== null
  const selectedOption = selectedShapeId ? optionOfShape(participation.options, selectedShapeId) : undefined
  const selectedTarget: CommentTarget | null = selectedOption
    ? { kind: 'option', id: selectedOption.id }
    : selectedShapeId
      ? { kind: 'shape', id: selectedShapeId }
      : null

  const shown = participation.threads.filter((th) => filter === 'all' || (filter === 'resolved') === th.resolved)
  const groups = new Map<string, Group>()
  for (const th of shown) {
    const key = targetKey(th.target)
    const group = groups.get(key) ?? { target: th.target, threads: [], last: 0 }
    group.threads.push(th)
    group.last = Math.max(group.last, ...th.comments.map((c) => c.createdAt), th.createdAt)
    groups.set(key, group)
  }
  const ordered = [...groups.values()].sort((a, b) => b.last - a.last)
  const openCount = participation.threads.filter((th) => !th.resolved).length

  const compose = (target: CommentTarget | null) => {
    // Folded with the same target: open it again as it was, text and all.
    const same = composing && (composing.target === null ? target === null : target !== null && targetKey(composing.target) === targetKey(target))
    if (!same) setComposing({ target, key: Date.now() })
    turn.take()
  }
  const stopComposing = () => {
    setComposing(null)
    turn.release()
  }
  const composerOpen = composing !== null && turn.open

  return (
    <section className="ng-tab" data-testid="comments-tab" aria-label={t.participation.tabs.comments}>
      {note && <p className="ng-note" role="note" data-testid="comment-unavailable">{note}</p>}
      {mayStart && !composerOpen && (
        <div className="ng-actions">
          <button type="button" className="button button--primary ng-big" data-testid="start-thread" onClick={() => compose(selectedTarget)}>
            {s.start}
          </button>
          {selectedTarget && (
            <button type="button" className="button ng-big" data-testid="comment-selected" onClick={() => compose(selectedTarget)}>
              {s.commentSelected}
            </button>
          )}
        </div>
      )}
      {composing && (
        <div hidden={!composerOpen}>
          <ThreadComposer
            key={composing.key}
            target={composing.target}
            selectedShapeId={selectedOption ? null : selectedShapeId}
            onDone={(id) => {
              stopComposing()
              setFilter('open')
              if (id) setHighlight(id)
            }}
            onCancel={stopComposing}
          />
        </div>
      )}

      <div className="ng-row">
        <h3 className="ng-heading">{s.threadsTitle}</h3>
        <label className="ng-inline">
          <span className="visually-hidden">{s.filterLabel}</span>
          <select className="ng-input ng-input--small" data-testid="thread-filter" value={filter} onChange={(e) => isFilter(e.target.value) && setFilter(e.target.value)}>
            <option value="open">{s.filterOpen}</option>
            <option value="resolved">{s.filterResolved}</option>
            <option value="all">{s.filterAll}</option>
          </select>
        </label>
      </div>
      {ordered.length === 0 && (
        <p className="ng-muted" data-testid="threads-empty">
          {participation.threads.length === 0 ? s.empty : filter === 'open' && openCount === 0 ? s.allResolved : s.noneHere}
        </p>
      )}
      {ordered.map((g) => {
        const onBoard = targetAnchor(editor, g.target, participation) !== null
        return (
          <div key={targetKey(g.target)} className="ng-group" data-testid="thread-group" data-target-kind={g.target.kind} data-target-id={g.target.id}>
            <div className="ng-row">
              <h4 className="ng-group__title">{describeTarget(g.target, participation, t, lang)}</h4>
              {onBoard && (
                <button type="button" className="button ng-small" data-testid="thread-jump" onClick={() => showTarget(editor, g.target, participation)}>
                  {s.jump}
                </button>
              )}
            </div>
            {g.threads.map((th) => (
              <ThreadCard
                key={th.id}
                thread={th}
                highlighted={highlight === th.id}
                cardRef={(el) => {
                  if (el) cards.current.set(th.id, el)
                  else cards.current.delete(th.id)
                }}
              />
            ))}
          </div>
        )
      })}

      <h3 className="ng-heading" id="ng-revisions-title">{t.negotiate.revisions.title}</h3>
      <p className="ng-hint">{t.negotiate.revisions.intro}</p>
      {participation.options.length === 0 && <p className="ng-muted">{t.negotiate.revisions.noOptions}</p>}
      {participation.options.map((o) => (
        <section key={o.id} className="ng-group" aria-label={o.title}>
          <h4 className="ng-group__title">{o.title}</h4>
          <OptionRevisions optionId={o.id} />
        </section>
      ))}
    </section>
  )
}
