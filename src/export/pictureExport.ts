/**
 * PNG (2× pixel density) and SVG pictures of shapes, made by tldraw's own export, with the draft
 * mark drawn into the SVG before the PNG is rendered from it, so both carry the same mark.
 */
import { getSvgAsImage, type Editor, type TLShapeId } from 'tldraw'
import { withDraftMark } from './draftMark'
import { ExportProblem } from './exportProblem'
import { exportPadding } from './exportPadding'
import { withOptionLegend, type OptionLegend } from './optionLegend'

export type PictureFormat = 'png' | 'svg'

/** PNG pixels per SVG unit: sharp on phones and in print. */
export const PNG_PIXEL_RATIO = 2

/**
 * `legend`: an option's picture gets its title and a scale bar on a strip below (optionLegend.ts),
 * before the draft mark, so the mark spans the whole picture.
 */
export async function exportPicture(
  editor: Editor, ids: TLShapeId[], format: PictureFormat, draftLabel: string | null, legend: OptionLegend | null = null,
): Promise<Blob> {
  if (ids.length === 0) throw new ExportProblem('nothingToDraw')
  // A fixed padding (not 'auto'): tldraw then does not trim the picture after rendering, so the
  // draft mark is placed in the final frame and is never cut off.
  const result = await editor.getSvgString(ids, { background: true, padding: exportPadding(editor, ids) })
  if (!result) throw new ExportProblem('nothingToDraw')
  const box = { x: 0, y: 0, width: result.width, height: result.height }
  const drawn = legend ? withOptionLegend(result.svg, legend, box) : result
  const svg = draftLabel ? withDraftMark(drawn.svg, draftLabel, box) : drawn.svg
  if (format === 'svg') return new Blob([svg], { type: 'image/svg+xml' })
  const png = await getSvgAsImage(svg, { type: 'png', width: drawn.width, height: drawn.height, pixelRatio: PNG_PIXEL_RATIO })
  if (!png) throw new ExportProblem('render')
  return png
}
