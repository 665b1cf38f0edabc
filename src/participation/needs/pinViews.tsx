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
import { categoryColour } from './needsLogic'
import type { PinGroup } from './pinGroups'
import { pinTexts, rootFontPx, type PinText, type PinTexts } from './pinLayout'
import './needs.css'

export { CULL_MARGIN_PX, shiftOntoScreen, type PinText, type PinTexts } from './pinLayout'

/** Each pin's words and width, and a pin's height, at the current text size (大字 mode regroups). */
export function usePinTexts(needs: readonly Need[], categoryList: readonly NeedCategory[] | undefined): PinTexts {
  const { t, lang } = useI18n()
  // 大字 mode raises the root size, and with it every pin (sized in rem): regroup for the new size.
  const large = useLargeText()
  return useMemo(() => pinTexts(needs, categoryList, t.needs, lang, rootFontPx(large)), [needs, categoryList, lang, t, large])
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
