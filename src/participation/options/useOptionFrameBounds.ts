/**
 * Where a design option's frame is on the screen, following the camera: for things drawn over the
 * canvas next to an option (its badge here, vote result bars in negotiate). Coordinates are CSS
 * pixels from the top-left of the editor — the same space as the InFrontOfTheCanvas layer.
 */
import { useEditor, useValue, type Editor } from 'tldraw'
import type { DesignOption } from '../../shared/participation'
import { useParticipationState } from '../ParticipationContext'
import { getOptionFrame } from './optionFrame'

export interface ScreenRect {
  x: number
  y: number
  w: number
  h: number
}

/**
 * The frame's screen rectangle, or null when the option has no frame on the board. Reactive when
 * called inside useValue / a computed: it reads the shape and the camera.
 */
export function frameScreenRect(editor: Editor, frameShapeId: string | null): ScreenRect | null {
  const frame = getOptionFrame(editor, frameShapeId)
  const bounds = frame && editor.getShapePageBounds(frame)
  if (!bounds) return null
  const a = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
  const b = editor.pageToViewport({ x: bounds.maxX, y: bounds.maxY })
  return { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y }
}

/** True when some of the rectangle is on the screen (so overlays skip frames far off-screen). */
export function isOnScreen(editor: Editor, rect: ScreenRect): boolean {
  const screen = editor.getViewportScreenBounds()
  return rect.x < screen.w && rect.y < screen.h && rect.x + rect.w > 0 && rect.y + rect.h > 0
}

/**
 * The on-screen rectangle of option `optionId`'s frame, following pan and zoom; null while the
 * option or its frame is missing. Use inside <Tldraw> (it needs the editor).
 */
export function useOptionFrameBounds(optionId: string): ScreenRect | null {
  const editor = useEditor()
  const { participation } = useParticipationState()
  const frameShapeId = participation?.options.find((o) => o.id === optionId)?.frameShapeId ?? null
  return useValue('cg option frame bounds', () => frameScreenRect(editor, frameShapeId), [editor, frameShapeId])
}

/** Every option with a frame on the board and that frame's screen rectangle, following the camera. */
export function useOptionFrameRects(options: readonly DesignOption[]): { option: DesignOption; rect: ScreenRect }[] {
  const editor = useEditor()
  return useValue(
    'cg option frame rects',
    () =>
      options.flatMap((option) => {
        const rect = frameScreenRect(editor, option.frameShapeId)
        return rect && isOnScreen(editor, rect) ? [{ option, rect }] : []
      }),
    [editor, options],
  )
}
