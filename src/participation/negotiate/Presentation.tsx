/**
 * Presentation mode for the projector: full screen, tldraw's and our chrome hidden, stepping through
 * the option frames one by one (buttons, or the arrow keys / Page Up / Page Down). Local to this device.
 */
import { useEffect, useRef, useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { useParticipationState } from '../ParticipationContext'
import { shapeBounds } from './targets'

interface Slide {
  optionId: string
  title: string
  frameShapeId: string
}

/** Ask for full screen from the click that starts presenting (browsers allow it only from a gesture). */
export function requestPresentationFullscreen(): void {
  const el = document.documentElement
  if (!document.fullscreenElement && el.requestFullscreen) el.requestFullscreen().catch(() => {
    // Refused (an iframe, a browser setting): present inside the window instead.
  })
}

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' '])
const PREV_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp'])

export function Presentation({ onExit }: { onExit: () => void }) {
  const editor = useEditor()
  const { t } = useI18n()
  const s = t.negotiate.presentation
  const { participation } = useParticipationState()
  const [index, setIndex] = useState(0)

  const slides = useValue<Slide[]>(
    'cg presentation slides',
    () =>
      (participation?.options ?? []).flatMap((o) =>
        o.frameShapeId && shapeBounds(editor, o.frameShapeId) ? [{ optionId: o.id, title: o.title, frameShapeId: o.frameShapeId }] : [],
      ),
    [editor, participation],
  )
  const count = slides.length
  const current = Math.min(index, Math.max(0, count - 1))
  const slide = slides[current]
  const frameId = slide?.frameShapeId ?? null
  // Re-fit when the window changes size (entering full screen, hiding the chrome, a rotated tablet).
  const screen = useValue('cg presentation screen', () => {
    const b = editor.getViewportScreenBounds()
    return `${Math.round(b.w)}x${Math.round(b.h)}`
  }, [editor])

  useEffect(() => {
    const bounds = shapeBounds(editor, frameId)
    // A wide inset keeps the title (top-left) and the buttons (bottom) off the frame.
    const inset = Math.min(140, editor.getViewportScreenBounds().w * 0.25)
    if (bounds) editor.zoomToBounds(bounds, { inset, animation: { duration: 450 } })
  }, [editor, frameId, screen])

  // Enter: hide chrome (our class, tldraw's focus mode), clear the selection. Leave: put it all
  // back, the view where the person was included.
  useEffect(() => {
    const wasFocusMode = editor.getInstanceState().isFocusMode
    const camera = editor.getCamera()
    editor.selectNone()
    editor.updateInstanceState({ isFocusMode: true })
    document.body.classList.add('cg-presenting')
    return () => {
      document.body.classList.remove('cg-presenting')
      editor.updateInstanceState({ isFocusMode: wasFocusMode })
      editor.setCamera(camera, { animation: { duration: 300 } })
      if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(() => {})
    }
  }, [editor])

  // Leaving full screen with the browser's own Escape ends the presentation too.
  const wasFullscreen = useRef(false)
  const onExitRef = useRef(onExit)
  useEffect(() => {
    onExitRef.current = onExit
  })
  useEffect(() => {
    const onChange = () => {
      if (document.fullscreenElement) wasFullscreen.current = true
      else if (wasFullscreen.current) onExitRef.current()
    }
    document.addEventListener('fullscreenchange', onChange)
    return () => document.removeEventListener('fullscreenchange', onChange)
  }, [])

  // Capture phase: tldraw would otherwise use the arrow keys to nudge shapes.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof HTMLElement ? e.target : null
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return
      if (NEXT_KEYS.has(e.key)) setIndex((i) => Math.min(i + 1, Math.max(0, count - 1)))
      else if (PREV_KEYS.has(e.key)) setIndex((i) => Math.max(0, i - 1))
      else if (e.key === 'Escape') onExitRef.current()
      else return
      e.preventDefault()
      e.stopPropagation()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [count])

  return (
    <div className="ng-present" data-testid="presentation" data-index={current} data-count={count}>
      <div className="ng-present__title">
        {slide ? (
          <>
            <span className="ng-present__n">{format(s.position, { n: current + 1, total: count })}</span>
            <strong data-testid="presentation-title">{slide.title}</strong>
          </>
        ) : (
          <span>{s.noFrames}</span>
        )}
      </div>
      <div className="ng-present__controls">
        <button type="button" className="ng-present__btn" data-testid="presentation-prev" disabled={current <= 0} onClick={() => setIndex(Math.max(0, current - 1))}>
          ‹ {s.prev}
        </button>
        <button
          type="button"
          className="ng-present__btn"
          data-testid="presentation-next"
          disabled={current >= count - 1}
          onClick={() => setIndex(Math.min(count - 1, current + 1))}
        >
          {s.next} ›
        </button>
        <button type="button" className="ng-present__btn ng-present__btn--exit" data-testid="presentation-exit" onClick={onExit}>
          {s.exit}
        </button>
      </div>
    </div>
  )
}
