/**
 * Over each design option's frame on the canvas, a badge: "方案 A · 回应 3 条需求". It sits just inside
 * the frame's top-left corner, under the frame's own name (a badge above the frame would be cut off
 * when the frame fills the view; the top-right corner is where the people list covers it), follows
 * pan and zoom, and stays in view while any part of the frame is. Informational only: taps pass
 * through to the canvas.
 */
import { useEditor, useValue } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { useParticipationState } from '../ParticipationContext'
import { badgePosition } from './badgePosition'
import { useOptionFrameRects } from './useOptionFrameBounds'
import './options.css'

const NO_OPTIONS: never[] = []

export function OptionBadges() {
  const { participation } = useParticipationState()
  const { t } = useI18n()
  const editor = useEditor()
  const rects = useOptionFrameRects(participation?.options ?? NO_OPTIONS)
  const screenWidth = useValue('cg screen width', () => editor.getViewportScreenBounds().w, [editor])
  if (rects.length === 0) return null
  return (
    <>
      {rects.map(({ option, rect }) => {
        const place = badgePosition(rect, screenWidth)
        const text = format(t.options.badge, { title: option.title, count: option.addressedNeedIds.length })
        return (
          place && (
            <div key={option.id} className="cg-option-badge" data-testid="option-badge" data-option-id={option.id} style={place} title={text}>
              {text}
            </div>
          )
        )
      })}
    </>
  )
}
