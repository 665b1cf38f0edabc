/**
 * Over each design option's frame on the canvas, a badge: "方案 A · 回应 3 条需求". It sits just inside
 * the frame's top-left corner, under the frame's own name (a badge above the frame would be cut off
 * when the frame fills the view; the top-right corner is where the people list covers it), follows
 * pan and zoom, and stays in view while any part of the frame is. Informational only: taps pass
 * through to the canvas.
 */
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/strings'
import { useParticipationState } from '../ParticipationContext'
import { useOptionFrameRects, type ScreenRect } from './useOptionFrameBounds'
import './options.css'

const NO_OPTIONS: never[] = []
/** Screen px kept between the badge and the frame's edge. */
const MARGIN = 6

/** Top-left inside the frame, slid along it to stay on screen while the frame's corner is off it. */
function badgePosition(rect: ScreenRect): { left: number; top: number } {
  const left = Math.min(Math.max(rect.x, 0), rect.x + rect.w - 48) + MARGIN
  const top = Math.min(Math.max(rect.y, 0), rect.y + rect.h - 36) + MARGIN
  return { left, top }
}

export function OptionBadges() {
  const { participation } = useParticipationState()
  const { t } = useI18n()
  const rects = useOptionFrameRects(participation?.options ?? NO_OPTIONS)
  if (rects.length === 0) return null
  return (
    <>
      {rects.map(({ option, rect }) => (
        <div
          key={option.id}
          className="cg-option-badge"
          data-testid="option-badge"
          data-option-id={option.id}
          style={badgePosition(rect)}
        >
          {format(t.options.badge, { title: option.title, count: option.addressedNeedIds.length })}
        </div>
      ))}
    </>
  )
}
