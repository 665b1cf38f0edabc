/**
 * "Tap the place on the plan": wait for one tap on the canvas and answer its page point. A one-shot
 * listener on the editor's own pointer events, not a tldraw tool, so it works for everyone —
 * including a read-only viewer — and the person can still pan and pinch-zoom to find the place
 * first: a drag or a two-finger gesture is not a tap.
 */
import type { Editor, TLEventInfo, VecLike } from 'tldraw'

/** Screen pixels a finger may slide and still count as a tap. */
const TAP_SLOP_PX = 10

/** Calls `onPick` once, at the next tap; returns a function that stops waiting. */
export function pickPlace(editor: Editor, onPick: (page: VecLike) => void): () => void {
  let down: { pointerId: number; x: number; y: number } | null = null
  let gesture = false

  const onEvent = (info: TLEventInfo) => {
    if (info.type !== 'pointer') return
    if (info.name === 'pointer_down') {
      // A second finger while one is down: a pinch, not a tap.
      if (down) gesture = true
      else {
        down = { pointerId: info.pointerId, x: info.point.x, y: info.point.y }
        gesture = false
      }
      return
    }
    if (info.name !== 'pointer_up' || !down || info.pointerId !== down.pointerId) return
    const moved = Math.hypot(info.point.x - down.x, info.point.y - down.y)
    const wasGesture = gesture
    down = null
    if (wasGesture || moved > TAP_SLOP_PX) return
    stop()
    onPick(editor.screenToPage(info.point))
  }

  const stop = () => editor.off('event', onEvent)
  editor.on('event', onEvent)
  // With a pen or shape tool in hand the tap would also draw a dot where the place is chosen.
  const tool = editor.getCurrentToolId()
  if (tool !== 'select' && tool !== 'hand') editor.setCurrentTool('select')
  return stop
}
