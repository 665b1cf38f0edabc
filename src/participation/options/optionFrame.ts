/**
 * A design option's frame on the board: a tldraw frame named with the option's title, in which the
 * expert draws the option. The option itself (title, description, needs it answers) is a server
 * record that names the frame by its shape id.
 */
import { createShapeId, type Editor, type TLFrameShape, type TLShapeId } from 'tldraw'
import { zoomToVisible } from './zoomToVisible'

export const OPTION_FRAME_W = 1600
export const OPTION_FRAME_H = 1100
/** Space between the board's content and a new frame, in page units. */
const FRAME_GAP = 200

/** A fresh shape id for a frame (made before the server records the option, which names it). */
export function newFrameId(): TLShapeId {
  return createShapeId()
}

/** The frame of an option, if it is (still) on the board. */
export function getOptionFrame(editor: Editor, frameShapeId: string | null): TLFrameShape | null {
  if (!frameShapeId) return null
  const shape = editor.getShape(frameShapeId as TLShapeId)
  return shape?.type === 'frame' ? (shape as TLFrameShape) : null
}

/** Draw a new empty frame to the right of everything on the page, or in view on an empty board. */
export function createOptionFrame(editor: Editor, id: TLShapeId, title: string): void {
  const content = editor.getCurrentPageBounds()
  const x = content ? content.maxX + FRAME_GAP : editor.getViewportPageBounds().center.x - OPTION_FRAME_W / 2
  const y = content ? content.minY : editor.getViewportPageBounds().center.y - OPTION_FRAME_H / 2
  editor.markHistoryStoppingPoint('create option frame')
  editor.createShape<TLFrameShape>({
    id,
    type: 'frame',
    x,
    y,
    props: { w: OPTION_FRAME_W, h: OPTION_FRAME_H, name: title },
    meta: { cgKind: 'optionFrame' },
  })
}

export function renameOptionFrame(editor: Editor, frameShapeId: string | null, title: string): void {
  const frame = getOptionFrame(editor, frameShapeId)
  if (!frame || frame.props.name === title) return
  editor.updateShape<TLFrameShape>({ id: frame.id, type: 'frame', props: { name: title } })
}

/** Bring the option's frame into view; false when it is not on the board. */
export function zoomToOptionFrame(editor: Editor, frameShapeId: string | null): boolean {
  const frame = getOptionFrame(editor, frameShapeId)
  const bounds = frame && editor.getShapePageBounds(frame)
  if (!bounds) return false
  zoomToVisible(editor, bounds)
  return true
}
