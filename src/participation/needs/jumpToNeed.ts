import type { Editor } from 'tldraw'
import { visibleCentre, type Rect } from './needsLogic'
import { needsUiState } from './needsUiState'

/** Least zoom a jump leaves the plan at, so the pin is seen with its surroundings but readable. */
const MIN_JUMP_ZOOM = 0.75

/**
 * Move the camera so the need's pin sits in the middle of what `cover` (the panel the person tapped
 * in) leaves visible, and make the pin pulse.
 */
export function jumpToNeed(editor: Editor, need: { id: string; x: number; y: number }, cover: Rect | null): void {
  const viewport = editor.getViewportScreenBounds()
  const target = visibleCentre({ x: viewport.x, y: viewport.y, w: viewport.w, h: viewport.h }, cover)
  const z = Math.max(editor.getZoomLevel(), MIN_JUMP_ZOOM)
  // Viewport point s shows page point p when (p + camera) * z = s.
  const sx = target.x - viewport.x
  const sy = target.y - viewport.y
  editor.setCamera({ x: sx / z - need.x, y: sy / z - need.y, z }, { animation: { duration: 320 } })
  needsUiState(editor).highlight.set({ needId: need.id, at: Date.now() })
}
