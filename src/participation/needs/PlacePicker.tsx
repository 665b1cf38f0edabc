import { useEffect } from 'react'
import { createPortal } from 'react-dom'
import { useEditor, type TLEventInfo } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { COORDINATE_MAX } from '../../shared/participation'
import { needsUiState } from './needsUiState'

/** How far (CSS px) a finger may slide and still count as a tap on a place, not a pan. */
const TAP_SLOP_PX = 10

/**
 * "点一下图上的位置": the next tap on the plan is where the need goes. Meanwhile the hand tool is on,
 * so a one-finger drag pans rather than selecting, and two fingers zoom; neither counts as the tap.
 * Listening to the editor's own input events (not a layer over the canvas) keeps panning and
 * zooming working, read-only boards included. The side panel steps aside while this is shown.
 */
export function PlacePicker() {
  const editor = useEditor()
  const { t } = useI18n()
  const n = t.needs
  const state = needsUiState(editor)

  useEffect(() => {
    const previousTool = editor.getCurrentToolId()
    editor.setCurrentTool('hand')
    let start: { x: number; y: number } | null = null
    let pointers = 0
    let gesture = false
    const onEvent = (info: TLEventInfo) => {
      if (info.type === 'pinch') {
        gesture = true
        return
      }
      if (info.type !== 'pointer') return
      if (info.name === 'pointer_down') {
        pointers += 1
        if (pointers > 1) gesture = true
        else start = { x: info.point.x, y: info.point.y }
      } else if (info.name === 'pointer_up') {
        pointers = Math.max(0, pointers - 1)
        if (pointers > 0) return
        const from = start
        const wasGesture = gesture
        start = null
        gesture = false
        if (!from || wasGesture || Math.hypot(info.point.x - from.x, info.point.y - from.y) > TAP_SLOP_PX) return
        const p = editor.screenToPage(info.point)
        if (Math.abs(p.x) > COORDINATE_MAX || Math.abs(p.y) > COORDINATE_MAX) return
        state.sheet.set({ kind: 'add', x: Math.round(p.x * 100) / 100, y: Math.round(p.y * 100) / 100 })
      }
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      event.stopPropagation()
      state.sheet.set({ kind: 'none' })
    }
    editor.on('event', onEvent)
    // Capture phase: tldraw's own Escape handling must not see this one.
    window.addEventListener('keydown', onKey, true)
    document.body.setAttribute('data-cg-placing-need', '')
    return () => {
      editor.off('event', onEvent)
      window.removeEventListener('keydown', onKey, true)
      document.body.removeAttribute('data-cg-placing-need')
      // Back to the tool the person had, unless they picked another one meanwhile.
      if (editor.getCurrentToolId() === 'hand' && previousTool !== 'hand') editor.setCurrentTool(previousTool)
    }
  }, [editor, state])

  // Portalled: over the canvas layer it would sit under tldraw's menus and the people list.
  return createPortal(
    <div className="cg-need-pick" role="status" data-testid="need-pick-hint">
      <p className="cg-need-pick__hint">{n.pickPlaceHint}</p>
      <p className="cg-need-pick__more">{n.pickPlaceMore}</p>
      <button type="button" className="button cg-need-pick__cancel" data-testid="need-pick-cancel" onClick={() => state.sheet.set({ kind: 'none' })}>
        {n.cancelPick}
      </button>
    </div>,
    document.body,
  )
}
