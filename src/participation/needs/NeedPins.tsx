/**
 * The needs on the canvas (tldraw's InFrontOfTheCanvas layer): a pin per live need at its place on
 * the plan, in its category's colour with its support count; the floating "提需求" button; the place
 * picker; and the host of every needs dialog. The layer lets pointer events through; only the pins
 * and buttons take them, so the canvas works everywhere else.
 */
import { useEffect, useMemo, type CSSProperties } from 'react'
import { createPortal } from 'react-dom'
import { useEditor, useValue } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { Need, NeedCategory } from '../../shared/participation'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { AddNeedButton } from './AddNeedButton'
import { categoryColour, categoryGlyph, categoryLabel, liveNeeds } from './needsLogic'
import { NeedSheets } from './NeedSheets'
import { HIGHLIGHT_MS, needsUiState } from './needsUiState'
import { PlacePicker } from './PlacePicker'
import './needs.css'

/** Pins this far (CSS px) outside the viewport are still drawn, so one half off the edge shows. */
const CULL_MARGIN_PX = 60
const NOTICE_MS = 3000

export function NeedPins() {
  const ui = useParticipationUi()
  const editor = useEditor()
  const { participation } = useParticipationState()
  const state = needsUiState(editor)
  const sheet = useValue(state.sheet)
  const highlight = useValue(state.highlight)
  const notice = useValue(state.notice)
  const tabsShown = useValue(state.tabsShown)
  const needs = useMemo(() => (participation ? liveNeeds(participation.needs) : []), [participation])

  // Screen positions follow the camera: pageToViewport reads it, so this recomputes on pan and zoom.
  const placed = useValue(
    'cg need pins',
    () => {
      const { w, h } = editor.getViewportScreenBounds()
      const out: { need: Need; x: number; y: number }[] = []
      for (const need of needs) {
        const p = editor.pageToViewport(need)
        if (p.x < -CULL_MARGIN_PX || p.y < -CULL_MARGIN_PX || p.x > w + CULL_MARGIN_PX || p.y > h + CULL_MARGIN_PX) continue
        out.push({ need, x: p.x, y: p.y })
      }
      return out
    },
    [editor, needs],
  )
  const pending = useValue(
    'cg need pending pin',
    () => {
      const s = state.sheet.get()
      return s.kind === 'add' ? editor.pageToViewport({ x: s.x, y: s.y }) : null
    },
    [editor, state],
  )

  // A highlight and a notice fade by themselves.
  useEffect(() => {
    if (!highlight) return
    const timer = setTimeout(() => {
      if (state.highlight.get() === highlight) state.highlight.set(null)
    }, HIGHLIGHT_MS)
    return () => clearTimeout(timer)
  }, [highlight, state])
  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => {
      if (state.notice.get() === notice) state.notice.set(null)
    }, NOTICE_MS)
    return () => clearTimeout(timer)
  }, [notice, state])

  // The stage moved on and this person may no longer add needs: stop waiting for a tap. (An open
  // form stays: what was typed is not thrown away; the server's refusal then says why.)
  const mayAdd = ui?.may('addNeed') ?? false
  useEffect(() => {
    if (!mayAdd && state.sheet.get().kind === 'picking') state.sheet.set({ kind: 'none' })
  }, [mayAdd, state])

  if (!ui || !participation) return null
  const picking = sheet.kind === 'picking'
  const categories = new Map(participation.categories.map((c) => [c.id, c]))

  return (
    <>
      <div className={`cg-need-pins${picking ? ' cg-need-pins--picking' : ''}`}>
        {placed.map(({ need, x, y }) => (
          <Pin
            key={need.id}
            need={need}
            category={categories.get(need.categoryId)}
            x={x}
            y={y}
            highlighted={highlight?.needId === need.id}
            onOpen={() => state.sheet.set({ kind: 'card', needId: need.id })}
          />
        ))}
        {pending && <span className="cg-need-pin cg-need-pin--pending" style={{ left: pending.x, top: pending.y }} aria-hidden="true" />}
      </div>
      {mayAdd && tabsShown === 0 && sheet.kind === 'none' && <AddNeedButton floating />}
      {picking && <PlacePicker />}
      {notice &&
        createPortal(
          <p className="cg-need-notice" role="status" data-testid="need-notice">
            {notice.text}
          </p>,
          document.body,
        )}
      <NeedSheets />
    </>
  )
}

function Pin({ need, category, x, y, highlighted, onOpen }: {
  need: Need
  category: NeedCategory | undefined
  x: number
  y: number
  highlighted: boolean
  onOpen: () => void
}) {
  const { t, lang } = useI18n()
  const label = categoryLabel(category, lang)
  return (
    <button
      type="button"
      className={`cg-need-pin${highlighted ? ' cg-need-pin--highlight' : ''}${need.tickedByMe ? ' cg-need-pin--mine' : ''}`}
      style={{ left: x, top: y, '--cg-need-colour': categoryColour(need.categoryId) } as CSSProperties}
      data-testid="need-pin"
      data-need-id={need.id}
      data-support={need.support}
      aria-label={`${label}：${need.text}（${format(t.needs.support, { count: need.support })}）`}
      onClick={onOpen}
    >
      <span className="cg-need-pin__head" aria-hidden="true">
        {categoryGlyph(label)}
      </span>
      <span className="cg-need-pin__count" aria-hidden="true">
        {need.support}
      </span>
    </button>
  )
}
