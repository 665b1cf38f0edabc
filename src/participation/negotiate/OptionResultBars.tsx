/**
 * The latest vote's results drawn on the canvas, as a bar under each option's frame — only when the
 * results may be shown (live, or after closing). Follows the camera.
 */
import { useEditor, useValue } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { useParticipationState } from '../ParticipationContext'
import { shapeBounds } from './targets'

interface Bar {
  optionId: string
  points: number
  share: number
  x: number
  y: number
  w: number
}

const MIN_WIDTH = 96
const MAX_WIDTH = 280

export function OptionResultBars() {
  const editor = useEditor()
  const { t } = useI18n()
  const { participation } = useParticipationState()
  const vote = participation?.votes[participation.votes.length - 1]
  const results = vote?.results ?? null

  const bars = useValue<Bar[]>(
    'cg option result bars',
    () => {
      if (!participation || !results) return []
      const max = Math.max(0, ...results.map((r) => r.points))
      const out: Bar[] = []
      for (const r of results) {
        const option = participation.options.find((o) => o.id === r.optionId)
        const bounds = shapeBounds(editor, option?.frameShapeId ?? null)
        if (!bounds) continue
        const a = editor.pageToViewport({ x: bounds.minX, y: bounds.maxY })
        const b = editor.pageToViewport({ x: bounds.maxX, y: bounds.maxY })
        const w = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, b.x - a.x))
        out.push({ optionId: r.optionId, points: r.points, share: max > 0 ? r.points / max : 0, x: a.x, y: a.y + 6, w })
      }
      return out
    },
    [editor, participation, results],
  )

  if (!vote || bars.length === 0) return null
  const unit = vote.mode === 'single' ? t.negotiate.results.votes : t.negotiate.results.dots
  return (
    <div className="ng-result-bars" aria-label={vote.status === 'closed' ? t.negotiate.results.finalTitle : t.negotiate.results.liveTitle}>
      {bars.map((b) => (
        <div
          key={b.optionId}
          className="ng-canvas-bar"
          data-testid="option-result-bar"
          data-option-id={b.optionId}
          data-points={b.points}
          style={{ transform: `translate(${b.x}px, ${b.y}px)`, width: b.w }}
        >
          <div className="ng-canvas-bar__fill" style={{ width: `${b.share * 100}%` }} />
          <span className="ng-canvas-bar__text">{format(unit, { n: b.points })}</span>
        </div>
      ))}
    </div>
  )
}
