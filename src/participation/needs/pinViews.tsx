/**
 * How a need pin and a "N 条需求" bubble look and where they stand on screen, shared by the editor's
 * pins (NeedPins.tsx) and the light view's (src/lightView/LightPins.tsx), so the two draw the same
 * thing at the same place and nothing moves when one takes over from the other. No tldraw here.
 */
import { useMemo } from 'react'
import { useLargeText } from '../../ui/largeText'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { Need, NeedCategory } from '../../shared/participation'
import { categoryColour, categoryLabel } from './needsLogic'
import { bubbleWidthPx, pinWidthPx, TAIL_INSET_PX, type PinGroup } from './pinGroups'
import './needs.css'

/** Pins this far (CSS px) outside the viewport are still drawn, so one half off the edge shows. */
export const CULL_MARGIN_PX = 120
/** A category name longer than this (in em) is cut with "…" on its pin; the card shows it whole. */
const LABEL_MAX_EM = 8
/** A pin is 3rem high (48 px: a fingertip; 60 px in 大字 mode) plus its 0.75rem tail (needs.css). */
const PIN_HEIGHT_REM = 3.75
/** Screen px kept between a pin's label and the screen's side, where its tail allows. */
const SCREEN_EDGE_PX = 4

export interface PinText {
  label: string
  count: string
  width: number
}

export interface PinTexts {
  byId: Map<string, PinText>
  heightPx: number
  bubbleWidth: (group: PinGroup<Need>) => number
}

/** Each pin's words and width, and a pin's height, at the current text size (大字 mode regroups). */
export function usePinTexts(needs: readonly Need[], categoryList: readonly NeedCategory[] | undefined): PinTexts {
  const { t, lang } = useI18n()
  // 大字 mode raises the root size, and with it every pin (sized in rem): regroup for the new size.
  const large = useLargeText()
  return useMemo(() => {
    const rootPx = rootFontPx(large)
    const categories = new Map((categoryList ?? []).map((c) => [c.id, c]))
    const out = new Map<string, PinText>()
    for (const need of needs) {
      const label = categoryLabel(categories.get(need.categoryId), lang)
      const count = format(t.needs.pinCount, { count: need.support })
      out.set(need.id, { label, count, width: pinWidthPx(label, count, rootPx, LABEL_MAX_EM) })
    }
    // A bubble's width, for keeping it on screen: a dot per kind inside (at most 4), its words and ＋.
    const bubbleWidth = (group: PinGroup<Need>) =>
      bubbleWidthPx(format(t.needs.pinGroup, { count: group.members.length }), Math.min(4, new Set(group.members.map((m) => m.categoryId)).size), rootPx)
    return { byId: out, heightPx: PIN_HEIGHT_REM * rootPx, bubbleWidth }
  }, [needs, categoryList, lang, t, large])
}

export function Pin({ need, text, x, y, shift, highlighted, onOpen }: {
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
      className={`cg-need-pin${highlighted ? ' cg-need-pin--highlight' : ''}${need.tickedByMe ? ' cg-need-pin--mine' : ''}${need.hidden ? ' cg-mod-greyed' : ''}`}
      style={{ left: x, top: y, '--cg-pin-shift': `${shift}px`, '--cg-need-colour': categoryColour(need.categoryId) }}
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
export function PinGroupButton({ group, x, y, shift, onOpen }: { group: PinGroup<Need>; x: number; y: number; shift: number; onOpen: () => void }) {
  const { t } = useI18n()
  const count = group.members.length
  return (
    <button
      type="button"
      className="cg-need-pin cg-need-pin--group"
      style={{ left: x, top: y, '--cg-pin-shift': `${shift}px` }}
      data-testid="need-pin-group"
      data-need-count={count}
      data-need-ids={group.members.map((m) => m.id).join(' ')}
      aria-label={format(t.needs.pinGroupLabel, { count })}
      onClick={onOpen}
    >
      {/* Which kinds are inside, by colour, before the number (the same colours as the pins). */}
      {[...new Set(group.members.map((m) => m.categoryId))].slice(0, 4).map((id) => (
        <span key={id} className="cg-need-pin__dot cg-need-pin__dot--small" style={{ '--cg-need-colour': categoryColour(id) }} aria-hidden="true" />
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
export function shiftOntoScreen(x: number, shift: number, width: number, screenWidth: number): number {
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
