/**
 * The room left around an exported picture of shapes (tldraw's `padding`). tldraw draws a frame's
 * name above the frame, outside the frame's bounds, and its export measures bounds only: with the
 * bare padding, the names of 方案 A/B at the top of a board picture are cut off at the top edge. A
 * picture with a frame among several shapes gets room for that heading. (A single frame exported
 * alone is drawn clipped to itself, without its heading: an option's picture has its title on a strip.)
 */
import type { Editor, TLShapeId } from 'tldraw'

export const EXPORT_PADDING = 16
/** A frame heading's height at zoom 1, with a margin (tldraw's heading is ~24 units tall). */
export const FRAME_HEADING_ROOM = 40

export function exportPadding(editor: Editor, ids: readonly TLShapeId[]): number {
  const framed = ids.length > 1 && ids.some((id) => editor.getShape(id)?.type === 'frame')
  return framed ? EXPORT_PADDING + FRAME_HEADING_ROOM : EXPORT_PADDING
}
