/**
 * The needs on the canvas (tldraw's InFrontOfTheCanvas layer): a pin per live need at its place on
 * the plan, in its category's colour, saying in words what it is and how many support it ("休憩座椅
 * 4人": a one-character glyph was a riddle to older residents), at a fixed screen size whatever the
 * zoom; pins that would overlap are one "N 条需求" bubble (pinGroups.ts); the floating "提需求" button; the place
 * picker; and the host of every needs dialog. The layer lets pointer events through; only the pins
 * and buttons take them, so the canvas works everywhere else.
 */
import { useEffect, useMemo, type CSSProperties } from 'react'
import { createPortal } from 'react-dom'
import { useEditor, useValue } from 'tldraw'
import { useLargeText } from '../../app/largeText'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { Need } from '../../shared/participation'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { AddNeedButton } from './AddNeedButton'
import { categoryColour, categoryLabel, liveNeeds, sortNeeds } from './needsLogic'
import { NeedSheets } from './NeedSheets'
import { HIGHLIGHT_MS, needsUiState } from './needsUiState'
import { PlacePicker } from './PlacePicker'
import { groupPins, pinWidthPx, TAIL_INSET_PX, type PinGroup } from './pinGroups'
import { zoomIntoGroup } from './zoomIntoGroup'
import './needs.css'

/** Pins this far (CSS px) outside the viewport are still drawn, so one half off the edge shows. */
const CULL_MARGIN_PX = 120
const NOTICE_MS = 3000
/** A category name longer than this (in em) is cut with "…" on its pin; the card shows it whole. */
const LABEL_MAX_EM = 8
/** A pin is 3rem high (48 px: a fingertip; 60 px in 大字 mode) plus its 0.75rem tail (needs.css). */
const PIN_HEIGHT_REM = 3.75
/** Screen px kept between a pin's label and the screen's side, where its tail allows. */
const SCREEN_EDGE_PX = 4

interface PinText {
  label: string
  count: string
  width: number
}

export function NeedPins() {
  const ui = useParticipationUi()
  const editor = useEditor()
  const { t, lang } = useI18n()
  const { participation } = useParticipationState()
  const state = needsUiState(editor)
  const sheet = useValue(state.sheet)
  const highlight = useValue(state.highlight)
  const notice = useValue(state.notice)
  const tabsShown = useValue(state.tabsShown)
  // 大字 mode raises the root size, and with it every pin (sized in rem): regroup for the new size.
  const large = useLargeText()
  const needs = useMemo(() => (participation ? sortNeeds(liveNeeds(participation.needs), 'support') : []), [participation])
  const texts = useMemo(() => {
    const rootPx = rootFontPx(large)
    const categories = new Map((participation?.categories ?? []).map((c) => [c.id, c]))
    const out = new Map<string, PinText>()
    for (const need of needs) {
      const label = categoryLabel(categories.get(need.categoryId), lang)
      const count = format(t.needs.pinCount, { count: need.support })
      out.set(need.id, { label, count, width: pinWidthPx(label, count, rootPx, LABEL_MAX_EM) })
    }
    // A bubble's width, for keeping it on screen: its words and ＋, plus a dot per kind inside (at most 4).
    const bubbleWidth = (group: PinGroup<Need>) =>
      pinWidthPx(format(t.needs.pinGroup, { count: group.members.length }), '＋', rootPx, LABEL_MAX_EM) +
      0.5 * rootPx * Math.min(4, new Set(group.members.map((m) => m.categoryId)).size)
    return { byId: out, heightPx: PIN_HEIGHT_REM * rootPx, bubbleWidth }
  }, [needs, participation?.categories, lang, t, large])
  const highlightId = highlight?.needId ?? null

  // Grouping depends on the zoom only (not the pan): see pinGroups.ts. The highlighted need (just
  // jumped to, or just added) is always drawn alone, above the rest, so the person sees the one they
  // asked for even where it would be grouped.
  const groups = useValue(
    'cg need pin groups',
    () => {
      const grouped = needs.filter((n) => n.id !== highlightId)
      const widthOf = (n: Need) => texts.byId.get(n.id)?.width ?? 0
      const out = groupPins(grouped, widthOf, texts.heightPx, editor.getZoomLevel())
      const lit = needs.find((n) => n.id === highlightId)
      if (lit) out.push({ lead: lit, members: [lit], shift: 0 })
      return out
    },
    [editor, needs, texts, highlightId],
  )

  // Tell the comment markers which needs have no pin of their own now (a marker over a bubble
  // would point at a pin that is not drawn). After render: an atom is not set while rendering.
  useEffect(() => {
    const inBubbles = new Set<string>()
    for (const g of groups) if (g.members.length > 1) for (const m of g.members) inBubbles.add(m.id)
    state.inBubbles.set(inBubbles)
  }, [groups, state])
  useEffect(
    () => () => {
      state.inBubbles.set(new Set())
    },
    [state],
  )

  // Screen positions follow the camera: pageToViewport reads it, so this recomputes on pan and zoom.
  const placed = useValue(
    'cg need pins',
    () => {
      const { w, h } = editor.getViewportScreenBounds()
      const out: { group: PinGroup<Need>; x: number; y: number; shift: number }[] = []
      for (const group of groups) {
        const p = editor.pageToViewport(group.lead)
        if (p.x < -CULL_MARGIN_PX || p.y < -CULL_MARGIN_PX || p.x > w + CULL_MARGIN_PX || p.y > h + CULL_MARGIN_PX) continue
        out.push({ group, x: p.x, y: p.y, shift: shiftOntoScreen(p.x, group.shift, group.members.length > 1 ? texts.bubbleWidth(group) : texts.byId.get(group.lead.id)?.width ?? 0, w) })
      }
      return out
    },
    [editor, groups, texts],
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

  return (
    <>
      <div className={`cg-need-pins${picking ? ' cg-need-pins--picking' : ''}`}>
        {placed.map(({ group, x, y, shift }) =>
          group.members.length === 1 ? (
            <Pin
              key={group.lead.id}
              need={group.lead}
              text={texts.byId.get(group.lead.id)}
              x={x}
              y={y}
              shift={shift}
              highlighted={highlightId === group.lead.id}
              onOpen={() => state.sheet.set({ kind: 'card', needId: group.lead.id })}
            />
          ) : (
            <PinGroupButton
              key={`group:${group.lead.id}`}
              group={group}
              x={x}
              y={y}
              shift={shift}
              onOpen={() => {
                if (!zoomIntoGroup(editor, group.members)) state.sheet.set({ kind: 'group', needIds: group.members.map((m) => m.id) })
              }}
            />
          ),
        )}
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

function Pin({ need, text, x, y, shift, highlighted, onOpen }: {
  need: Need
  text: PinText | undefined
  x: number
  y: number
  shift: number
  highlighted: boolean
  onOpen: () => void
}) {
  const label = text?.label ?? '?'
  return (
    <button
      type="button"
      className={`cg-need-pin${highlighted ? ' cg-need-pin--highlight' : ''}${need.tickedByMe ? ' cg-need-pin--mine' : ''}`}
      style={{ left: x, top: y, '--cg-pin-shift': `${shift}px`, '--cg-need-colour': categoryColour(need.categoryId) } as CSSProperties}
      data-testid="need-pin"
      data-need-id={need.id}
      data-support={need.support}
      onClick={onOpen}
    >
      {/* The name read out starts with the words shown (WCAG 2.5.3), then says what the need is. */}
      <span className="cg-need-pin__dot" aria-hidden="true" />
      <span className="cg-need-pin__label">{label}</span>{' '}
      <span className="cg-need-pin__count">{text?.count}</span>
      <span className="visually-hidden">：{need.text}</span>
    </button>
  )
}

/** Pins too close to tell apart at this zoom: one bubble saying how many, which zooms in when tapped. */
function PinGroupButton({ group, x, y, shift, onOpen }: { group: PinGroup<Need>; x: number; y: number; shift: number; onOpen: () => void }) {
  const { t } = useI18n()
  const count = group.members.length
  return (
    <button
      type="button"
      className="cg-need-pin cg-need-pin--group"
      style={{ left: x, top: y, '--cg-pin-shift': `${shift}px` } as CSSProperties}
      data-testid="need-pin-group"
      data-need-count={count}
      data-need-ids={group.members.map((m) => m.id).join(' ')}
      aria-label={format(t.needs.pinGroupLabel, { count })}
      onClick={onOpen}
    >
      {/* Which kinds are inside, by colour, before the number (the same colours as the pins). */}
      {[...new Set(group.members.map((m) => m.categoryId))].slice(0, 4).map((id) => (
        <span key={id} className="cg-need-pin__dot cg-need-pin__dot--small" style={{ '--cg-need-colour': categoryColour(id) } as CSSProperties} aria-hidden="true" />
      ))}
      <span className="cg-need-pin__label" aria-hidden="true">{format(t.needs.pinGroup, { count })}</span>
      <span className="cg-need-pin__zoom" aria-hidden="true">＋</span>
    </button>
  )
}

/**
 * A pin near the screen's side slides its label inwards (as far as its tail allows), so its words
 * are not cut off by the edge. Only on screen, per frame: the grouping stays as it was.
 */
function shiftOntoScreen(x: number, shift: number, width: number, screenWidth: number): number {
  const half = width / 2
  const slide = Math.max(0, half - TAIL_INSET_PX)
  let s = shift
  const left = x + s - half - SCREEN_EDGE_PX
  if (left < 0) s = Math.min(Math.max(slide, s), s - left)
  const right = x + s + half + SCREEN_EDGE_PX - screenWidth
  if (right > 0) s = Math.max(Math.min(-slide, s), s - right)
  return s
}

/** The root font size in px (16 unless the browser is set otherwise; 大字 mode raises it by 25 %). */
function rootFontPx(large: boolean): number {
  if (typeof document === 'undefined') return large ? 20 : 16
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || (large ? 20 : 16)
}
