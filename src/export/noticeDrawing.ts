/**
 * The agreed option's drawing for a public notice: the same drawing the PDF report gets (svgForPdf:
 * text as text, photos by their asset address), made from the live board's editor when the organizer
 * opens the notice, so the notice shows the board as stored at that moment. Null when no board is
 * mounted or the frame is gone. The drawing code (tldraw) loads only when called.
 */
import { REPORT_SVG_MAX_BYTES, type PageBounds } from '../shared/exportApi'
import { getExportEditor } from './exportEditor'

export async function noticeDrawing(projectId: string, frameShapeId: string | null): Promise<{ svg: string; bounds: PageBounds | null } | null> {
  const editor = getExportEditor()
  if (!editor || !frameShapeId) return null
  const [{ isShapeId }, { svgForPdf }] = await Promise.all([import('tldraw'), import('./svgForPdf')])
  if (!isShapeId(frameShapeId) || !editor.getShape(frameShapeId)) return null
  const result = await svgForPdf(editor, [frameShapeId], { boardId: projectId })
  if (!result || result.bytes > REPORT_SVG_MAX_BYTES) return null
  const box = editor.getShapeMaskedPageBounds(frameShapeId) ?? editor.getShapePageBounds(frameShapeId)
  return { svg: result.svg, bounds: box ? { x: box.x, y: box.y, width: box.w, height: box.h } : null }
}
