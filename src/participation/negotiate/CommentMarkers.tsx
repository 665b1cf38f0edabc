/**
 * A marker on the canvas for everything that has open comment threads — on top of a need's pin, at the
 * top-right corner of an option's frame or of a shape — with the number of comments. A tap opens the
 * thread in the Discussion tab. Positions are projected through the camera, so markers follow pan/zoom.
 */
import { useEditor, useValue } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { CommentTarget } from '../../shared/participation'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { needsUiState } from '../needs/needsUiState'
import { describeTarget, targetAnchor, targetKey } from './targets'
import { focusThread } from './threadFocus'
import './negotiate.css'

interface Marker {
  key: string
  target: CommentTarget
  /** The thread a tap opens: the most recently active open one. */
  threadId: string
  count: number
  x: number
  y: number
}

/**
 * Where a marker sits against its anchor point (CSS translate after the point). A need's marker
 * stands on top of the need's pin, never over it: the pin is a label in words whose width varies,
 * 3rem high with a 0.75rem tail (needs.css), so the offset is in rem and grows in 大字 mode.
 */
const ABOVE_NEED_PIN = 'translate(-50%, calc(-100% - 3.75rem - 4px))'
const CENTRED = 'translate(-50%, -50%)'
/** Markers this far outside the viewport are not drawn. */
const MARGIN = 60

export function CommentMarkers() {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const editor = useEditor()
  const { t, lang } = useI18n()

  const markers = useValue<Marker[]>(
    'cg comment markers',
    () => {
      if (!participation) return []
      const byTarget = new Map<string, { target: CommentTarget; threadId: string; last: number; count: number }>()
      for (const th of participation.threads) {
        if (th.resolved) continue
        const key = targetKey(th.target)
        const last = th.comments.reduce((m, c) => Math.max(m, c.createdAt), th.createdAt)
        const entry = byTarget.get(key) ?? { target: th.target, threadId: th.id, last, count: 0 }
        entry.count += th.comments.length
        if (last >= entry.last) Object.assign(entry, { threadId: th.id, last })
        byTarget.set(key, entry)
      }
      const { w, h } = editor.getViewportScreenBounds()
      const inBubbles = needsUiState(editor).inBubbles.get()
      const out: Marker[] = []
      for (const [key, entry] of byTarget) {
        // A need inside a "N 条需求" bubble has no pin to stand on: its marker shows once zoomed in.
        if (entry.target.kind === 'need' && inBubbles.has(entry.target.id)) continue
        const anchor = targetAnchor(editor, entry.target, participation)
        if (!anchor) continue
        const p = editor.pageToViewport(anchor)
        const { x, y } = p
        if (x < -MARGIN || y < -MARGIN || x > w + MARGIN || y > h + MARGIN + 100) continue
        out.push({ key, target: entry.target, threadId: entry.threadId, count: entry.count, x, y })
      }
      return out
    },
    [editor, participation],
  )

  if (!ui || !participation || markers.length === 0) return null
  return (
    <div className="ng-markers">
      {markers.map((m) => (
        <button
          key={m.key}
          type="button"
          className="ng-marker"
          data-testid="comment-marker"
          data-target-kind={m.target.kind}
          data-target-id={m.target.id}
          data-count={m.count}
          style={{ transform: `translate(${m.x}px, ${m.y}px) ${m.target.kind === 'need' ? ABOVE_NEED_PIN : CENTRED}` }}
          aria-label={format(t.negotiate.comments.markerLabel, {
            count: m.count,
            target: describeTarget(m.target, participation, t, lang),
          })}
          onPointerDown={(e) => e.stopPropagation()}
          onClick={() => focusThread(m.threadId)}
        >
          <BubbleIcon />
          <span className="ng-marker__count">{m.count}</span>
        </button>
      ))}
    </div>
  )
}

/** A speech bubble drawn inline: no emoji font is needed (many phones and kiosks lack one). */
function BubbleIcon() {
  return (
    <svg className="ng-marker__icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
      <path d="M3 3h14a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H9l-4 3v-3H3a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z" fill="currentColor" />
    </svg>
  )
}
