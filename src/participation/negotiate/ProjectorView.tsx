/**
 * Projector mode: what the community room sees on the wall, readable from 5 m at
 * 1920×1080 (every text ≥ 28 px, headings ≥ 40 px). The plan on the right, zoomed to the option (or
 * need) under discussion; on the left the stage, that option with the needs it answers, the live
 * vote results, the timer and how many are here. All editing chrome is hidden (tldraw's focus mode,
 * and the `cg-projector` class on <html> for ours). Stepping to another option tells the server
 * (PUT /facilitation/focus), so every participant who follows sees the same one (useFocusFollow).
 */
import { useEffect, useRef, useState } from 'react'
import { useEditor, useValue, type Editor } from 'tldraw'
import { useBoardUi } from '../../board'
import { useI18n } from '../../i18n/I18nProvider'
import { presencePerson } from '../../sync/bindPresence'
import { format } from '../../i18n/lang'
import { FOCUS_RENEW_MS, type Need, type ParticipationState } from '../../shared/participation'
import { clearFocus, clearFocusOnLeave, setFocus } from '../participationClient'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { MeetingTimer } from './MeetingTimer'
import { cameraToFit, indexOfFocus, projectorItems, type ProjectorItem, type Rect } from './projectorItems'
import { closeProjector, PROJECTOR_CLASS } from './projectorMode'
import { needLabel, shapeBounds } from './targets'
import { useAction } from './useAction'
import './projector.css'

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' '])
const PREV_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp'])
/** How many of an option's needs fit under it at 28 px; the rest are counted. */
const NEEDS_SHOWN = 4
/** Page area shown around a need in focus (its neighbourhood on the plan, not just the pin). */
const NEED_VIEW = { w: 1400, h: 1000 }
const MOVE = { animation: { duration: 450 } }

/** Where the item is on the plan (page coordinates), or null when it is not drawn there. */
function itemPageRect(editor: Editor, item: ProjectorItem | undefined): Rect | null {
  if (!item) return null
  if (item.kind === 'need') return { x: item.need.x - NEED_VIEW.w / 2, y: item.need.y - NEED_VIEW.h / 2, ...NEED_VIEW }
  const b = shapeBounds(editor, item.option.frameShapeId)
  return b ? { x: b.minX, y: b.minY, w: b.w, h: b.h } : null
}

/**
 * Everyone on the board now, this person included; one person's devices count once — by the
 * participant the server stamps on presence (as the people list counts), else by user id.
 */
function usePeopleHere(editor: Editor, myParticipantId: string | null | undefined): number {
  return useValue(
    'cg projector people',
    () => {
      const me = editor.user.getId()
      const ids = new Set<string>()
      for (const p of editor.getCollaborators()) {
        const pid = presencePerson(p)
        if (p.userId === me || (pid && pid === myParticipantId)) continue
        ids.add(pid ?? p.userId)
      }
      return ids.size + 1
    },
    [editor, myParticipantId],
  )
}

export function ProjectorView() {
  const editor = useEditor()
  const ui = useParticipationUi()
  const { t, lang } = useI18n()
  const s = t.negotiate.projector
  const { participation, facilitation } = useParticipationState()
  const items = projectorItems(participation)
  const focus = facilitation?.focus ?? null
  // What is shown is kept by id, not by place: needs are ordered by support, which changes while
  // the room watches (a tick), and the projector must not jump to another need then. Start where
  // the room already is (a reloaded projector, a second facilitator), else at the first.
  const [chosen, setChosen] = useState<string | null>(() => (indexOfFocus(items, focus) >= 0 ? focus!.id : null))
  const count = items.length
  const current = Math.max(0, items.findIndex((i) => i.id === chosen))
  const item: ProjectorItem | undefined = items[current]
  // The arrow keys' listener is added once; it steps from what is shown at the time of the press.
  const step = useRef<(by: number) => void>(() => {})
  useEffect(() => {
    step.current = (by) => {
      const next = items[Math.min(Math.max(0, current + by), count - 1)]
      if (next) setChosen(next.id)
    }
  })
  const panel = useRef<HTMLElement>(null)
  const { myParticipantId } = useBoardUi()
  const people = usePeopleHere(editor, myParticipantId)
  const sync = useAction()

  // Enter: hide every chrome (tldraw's focus mode, our class), clear the selection. Leave: put it
  // all back, the camera where the person was included.
  useEffect(() => {
    const wasFocusMode = editor.getInstanceState().isFocusMode
    const camera = editor.getCamera()
    editor.selectNone()
    editor.updateInstanceState({ isFocusMode: true })
    document.documentElement.classList.add(PROJECTOR_CLASS)
    return () => {
      document.documentElement.classList.remove(PROJECTOR_CLASS)
      editor.updateInstanceState({ isFocusMode: wasFocusMode })
      editor.setCamera(camera, { animation: { duration: 300 } })
      if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(() => {})
    }
  }, [editor])

  // Put the item on the part of the screen the panel leaves free; again when the window changes
  // size (entering full screen, the projector's own resolution).
  const screen = useValue('cg projector screen', () => {
    const b = editor.getViewportScreenBounds()
    return { w: b.w, h: b.h }
  }, [editor])
  const pageRect = useValue('cg projector target', () => itemPageRect(editor, item) ?? pageContent(editor), [editor, item])
  useEffect(() => {
    if (!pageRect) return
    const panelWidth = panel.current?.offsetWidth ?? 0
    const area = { x: panelWidth, y: 0, w: Math.max(200, screen.w - panelWidth), h: screen.h }
    const zoom = editor.getCameraOptions().zoomSteps
    editor.stopCameraAnimation()
    editor.setCamera(cameraToFit(pageRect, area, 32, { min: zoom[0], max: zoom[zoom.length - 1] }), MOVE)
    // Keyed on the numbers: a new rect object with the same place must not restart the move.
  }, [editor, pageRect?.x, pageRect?.y, pageRect?.w, pageRect?.h, screen.w, screen.h]) // eslint-disable-line react-hooks/exhaustive-deps

  // Tell the server what the room looks at. Calls go one at a time, each for the latest item: two
  // quick arrow presses must not land as B then A (separate requests may be served out of order),
  // and the clearing on exit must come after them.
  const want = useRef<{ kind: 'option' | 'need'; id: string } | null>(null)
  const sent = useRef<string | null>(null)
  const running = useRef<Promise<void>>(Promise.resolve())
  const act = useRef(sync.act)
  useEffect(() => {
    act.current = sync.act
  })
  const mayFacilitate = ui?.may('facilitate') ?? false
  const pump = () => {
    running.current = running.current.then(async () => {
      const target = want.current
      const key = target ? `${target.kind}:${target.id}` : null
      if (key === sent.current) return
      sent.current = key
      await act.current((c, o) => (target ? setFocus(c, target, o) : clearFocus(c, o)))
    })
  }
  const itemKind = item?.kind
  const itemId = item?.id
  useEffect(() => {
    if (!mayFacilitate || !itemKind || !itemId) return
    want.current = { kind: itemKind, id: itemId }
    pump()
  }, [mayFacilitate, itemKind, itemId])
  useEffect(
    () => () => {
      if (!mayFacilitate) return
      want.current = null
      pump()
    },
    [mayFacilitate],
  )

  // Renew the focus while projecting: one the server stops hearing about is a projector that went
  // away without saying so (FOCUS_TTL_MS), and followers let go of it.
  useEffect(() => {
    if (!mayFacilitate) return
    const id = setInterval(() => {
      sent.current = null
      pump()
    }, FOCUS_RENEW_MS)
    return () => clearInterval(id)
  }, [mayFacilitate])

  // Closing or reloading the page runs no React clean-up: clear the focus on the way out instead.
  // Best effort: a browser may drop a request sent while the page goes (the renewal above covers it).
  const caller = ui?.caller
  useEffect(() => {
    if (!mayFacilitate || !caller) return
    const onHide = () => clearFocusOnLeave(caller)
    window.addEventListener('pagehide', onHide)
    return () => window.removeEventListener('pagehide', onHide)
  }, [mayFacilitate, caller])

  // Capture phase: tldraw would otherwise use the arrow keys to nudge shapes.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof HTMLElement ? e.target : null
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return
      if (NEXT_KEYS.has(e.key)) step.current(1)
      else if (PREV_KEYS.has(e.key)) step.current(-1)
      else if (e.key === 'Escape') closeProjector()
      else return
      e.preventDefault()
      e.stopPropagation()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [])

  // Leaving full screen with the browser's own Escape ends projector mode too.
  useEffect(() => {
    let was = !!document.fullscreenElement
    const onChange = () => {
      if (document.fullscreenElement) was = true
      else if (was) closeProjector()
    }
    document.addEventListener('fullscreenchange', onChange)
    return () => document.removeEventListener('fullscreenchange', onChange)
  }, [])

  const stage = ui ? t.workflow.stages[ui.stage] : ''
  return (
    <div className="pj" data-testid="projector" data-index={current} data-count={count} data-focus-kind={item?.kind ?? ''} data-focus-id={item?.id ?? ''}>
      {item?.kind === 'need' && <NeedRing editor={editor} need={item.need} />}
      <section className="pj__panel" ref={panel} aria-label={s.open}>
        <header className="pj__head">
          <h1 className="pj__stage" data-testid="projector-stage">{format(s.stage, { stage })}</h1>
          <div className="pj__meta">
            <MeetingTimer />
            <span className="pj__people" data-testid="projector-people" data-count={people}>{format(t.people.title, { count: people })}</span>
          </div>
        </header>
        <div className="pj__body">
          {item && participation ? <ItemFocus item={item} n={current + 1} total={count} participation={participation} /> : <p>{s.empty}</p>}
          {participation && <ProjectorResults participation={participation} focusId={item?.kind === 'option' ? item.id : null} />}
          {sync.error && <p className="pj__error" role="alert">{format(s.focusError, { error: sync.error })}</p>}
        </div>
        <nav className="pj__controls">
          {count > 1 && (
            <div className="pj__items" role="group">
              {items.map((it, i) => (
                <button
                  key={it.id}
                  type="button"
                  className={`pj__btn pj__item${i === current ? ' pj__item--on' : ''}`}
                  data-testid="projector-item"
                  data-id={it.id}
                  aria-pressed={i === current}
                  title={it.kind === 'option' ? it.option.title : needLabel(it.need, participation!, lang)}
                  aria-label={it.kind === 'option' ? lettered(i, it.option.title) : `${i + 1} · ${needLabel(it.need, participation!, lang)}`}
                  onClick={() => setChosen(it.id)}
                >
                  {it.kind === 'option' ? optionLetter(i) : i + 1}
                </button>
              ))}
            </div>
          )}
          <button type="button" className="pj__btn pj__btn--exit" data-testid="projector-exit" onClick={closeProjector}>
            {s.exit}
          </button>
        </nav>
      </section>
    </div>
  )
}

/** A, B, C… as the options are called in the room (and on the arrow buttons). */
function optionLetter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : String(i + 1)
}

/** "B · 环形步道" so the room can match a bar to the B button; not when the title already says "方案 B". */
function lettered(i: number, title: string): string {
  const letter = optionLetter(i)
  return new RegExp(`^(方案|Option)\\s*${letter}(?![A-Za-z])`, 'i').test(title) ? title : `${letter} · ${title}`
}

/** The whole plan: what the projector shows while the item is not drawn on it. */
function pageContent(editor: Editor): Rect | null {
  const b = editor.getCurrentPageBounds()
  return b ? { x: b.minX, y: b.minY, w: b.w, h: b.h } : null
}

function ItemFocus({ item, n, total, participation }: { item: ProjectorItem; n: number; total: number; participation: ParticipationState }) {
  const { t, lang } = useI18n()
  const s = t.negotiate.projector
  if (item.kind === 'need') {
    const need = item.need
    return (
      <article className="pj__focus" data-testid="projector-focus" data-id={need.id}>
        <p className="pj__position">{format(s.needOf, { n, total })}</p>
        <h2 className="pj__title" data-testid="projector-title">{categoryName(need, participation, lang)}</h2>
        <p className="pj__text">{need.text}</p>
        <p className="pj__support">{format(s.support, { n: need.support })}</p>
      </article>
    )
  }
  const option = item.option
  // Not a hidden need (the organizer has them; the room must not see them).
  const needs = option.addressedNeedIds.flatMap((id) => participation.needs.filter((x) => x.id === id && !x.hidden))
  return (
    <article className="pj__focus" data-testid="projector-focus" data-id={option.id}>
      <p className="pj__position">{format(s.optionOf, { n, total })}</p>
      <h2 className="pj__title" data-testid="projector-title">{option.title}</h2>
      {option.description && <p className="pj__text">{option.description}</p>}
      <h3 className="pj__subhead">{s.answers}</h3>
      {needs.length === 0 ? (
        <p className="pj__text">{s.answersNone}</p>
      ) : (
        <ul className="pj__needs">
          {needs.slice(0, NEEDS_SHOWN).map((need) => (
            <li key={need.id}>{needLabel(need, participation, lang)}</li>
          ))}
          {needs.length > NEEDS_SHOWN && <li className="pj__more">{format(s.moreNeeds, { n: needs.length - NEEDS_SHOWN })}</li>}
        </ul>
      )}
    </article>
  )
}

function categoryName(need: Need, participation: ParticipationState, lang: string): string {
  const c = participation.categories.find((x) => x.id === need.categoryId)
  return c ? (lang === 'en' ? c.en : c.zh) : need.text
}

/** The latest vote as large bars with counts; the option in focus stands out. */
function ProjectorResults({ participation, focusId }: { participation: ParticipationState; focusId: string | null }) {
  const { t } = useI18n()
  const s = t.negotiate.projector
  const vote = participation.votes[participation.votes.length - 1]
  if (!vote) return participation.options.length > 0 ? <p className="pj__note">{s.noVote}</p> : null
  const unit = vote.mode === 'single' ? t.negotiate.results.votes : t.negotiate.results.dots
  const results = vote.results
  const max = Math.max(0, ...(results ?? []).map((r) => r.points))
  const total = (results ?? []).reduce((sum, r) => sum + r.points, 0)
  return (
    <section className="pj__results" data-testid="projector-results" data-ballots={vote.ballots}>
      <h3 className="pj__subhead">{vote.status === 'open' ? s.resultsLive : s.results}</h3>
      <p className="pj__note">{format(s.ballots, { n: vote.ballots })}</p>
      {!results ? (
        <p className="pj__note">{s.hidden}</p>
      ) : (
        <ul className="pj__bars">
          {results.map((r) => {
            const at = participation.options.findIndex((o) => o.id === r.optionId)
            const title = at >= 0 ? lettered(at, participation.options[at].title) : t.negotiate.target.gone
            const share = total > 0 ? Math.round((r.points / total) * 100) : 0
            return (
              <li
                key={r.optionId}
                className={`pj__bar${r.optionId === focusId ? ' pj__bar--focus' : ''}`}
                data-testid="projector-result"
                data-option-id={r.optionId}
                data-points={r.points}
              >
                <div className="pj__bar-head">
                  <span className="pj__bar-title">{title}</span>
                  <strong className="pj__bar-count">{`${format(unit, { n: r.points })} · ${share}%`}</strong>
                </div>
                <div className="pj__track" aria-hidden="true">
                  <div className="pj__fill" style={{ width: `${max > 0 ? (r.points / max) * 100 : 0}%` }} />
                </div>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}

/** A ring around the need in focus on the plan (its pin is hidden in projector mode: its text is too small for the room). */
function NeedRing({ editor, need }: { editor: Editor; need: Need }) {
  const at = useValue('cg projector need ring', () => editor.pageToViewport({ x: need.x, y: need.y }), [editor, need.x, need.y])
  return <div className="pj__ring" aria-hidden="true" style={{ transform: `translate(${at.x}px, ${at.y}px)` }} />
}
