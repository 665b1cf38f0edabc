/**
 * PNG (2× pixel density) and SVG pictures of shapes, made by tldraw's own export, with the draft
 * mark drawn into the SVG before the PNG is rendered from it, so both carry the same mark.
 */
import { getSvgAsImage, type Editor, type TLShapeId } from 'tldraw'
import { withDraftMark } from './draftMark'
import { ExportProblem } from './exportProblem'

export type PictureFormat = 'png' | 'svg'

/** PNG pixels per SVG unit: sharp on phones and in print. */
export const PNG_PIXEL_RATIO = 2

export async function exportPicture(editor: Editor, ids: TLShapeId[], format: PictureFormat, draftLabel: string | null): Promise<Blob> {
  if (ids.length === 0) throw new ExportProblem('nothingToDraw')
  // A fixed padding (not 'auto'): tldraw then does not trim the picture after rendering, so the
  // draft mark is placed in the final frame and is never cut off.
  const result = await editor.getSvgString(ids, { background: true, padding: 16 })
  if (!result) throw new ExportProblem('nothingToDraw')
  const box = { x: 0, y: 0, width: result.width, height: result.height }
  const svg = draftLabel ? withDraftMark(result.svg, draftLabel, box) : result.svg
  if (format === 'svg') return new Blob([svg], { type: 'image/svg+xml' })
  const png = await getSvgAsImage(svg, { type: 'png', width: result.width, height: result.height, pixelRatio: PNG_PIXEL_RATIO })
  if (!png) throw new ExportProblem('render')
  return png
}
