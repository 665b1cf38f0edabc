/**
 * The needs on the canvas (tldraw's InFrontOfTheCanvas layer): a pin per live need at its place on
 * the plan, in its category's colour, saying in words what it is and how many support it ("休憩座椅
 * 4人": a one-character glyph was a riddle to older residents), at a fixed screen size whatever the
 * zoom; pins that would overlap are one "N 条需求" bubble (pinGroups.ts); the floating "提需求" button; the place
 * picker; and the host of every needs dialog. The layer lets pointer events through; only the pins
 * and buttons take them, so the canvas works everywhere else.
 */
import { useEffect, useMemo } from 'react'
import { createPortal } from 'react-dom'
import { useEditor, useValue } from 'tldraw'
import type { Need } from '../../shared/participation'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { AddNeedButton } from './AddNeedButton'
import { liveNeeds, sortNeeds } from './needsLogic'
import { NeedSheets } from './NeedSheets'
import { HIGHLIGHT_MS, needsUiState } from './needsUiState'
import { PlacePicker } from './PlacePicker'
import { groupPins, type PinGroup } from './pinGroups'
import { CULL_MARGIN_PX, Pin, PinGroupButton, shiftOntoScreen, usePinTexts } from './pinViews'
import { zoomIntoGroup } from './zoomIntoGroup'
import './needs.css'

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
  const needs = useMemo(() => (participation ? sortNeeds(liveNeeds(participation.needs), 'support') : []), [participation])
  const texts = usePinTexts(needs, participation?.categories)
  const highlightId = highlight?.needId ?? null
  // 实施落实: the plan shows the task list's pins; a need's pin only when asked for (jumped to from
  // the Needs tab or a task), so two layers of pins do not cover each other on a phone.
  const onlyAskedFor = ui?.stage === 'implement'

  // Grouping depends on the zoom only (not the pan): see pinGroups.ts. The highlighted need (just
  // jumped to, or just added) is always drawn alone, above the rest, so the person sees the one they
  // asked for even where it would be grouped.
  const groups = useValue(
    'cg need pin groups',
    () => {
      const grouped = onlyAskedFor ? [] : needs.filter((n) => n.id !== highlightId)
      const widthOf = (n: Need) => texts.byId.get(n.id)?.width ?? 0
      const out = groupPins(grouped, widthOf, texts.heightPx, editor.getZoomLevel())
      const lit = needs.find((n) => n.id === highlightId)
      if (lit) out.push({ lead: lit, members: [lit], shift: 0 })
      return out
    },
    [editor, needs, texts, highlightId, onlyAskedFor],
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

