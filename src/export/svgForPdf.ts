/**
 * tldraw's export, made drawable by the server's PDF renderer (svg-to-pdfkit), which silently drops
 * what it cannot draw:
 * - tldraw 5 exports ALL text (text, geo, note and arrow labels) as HTML inside `<foreignObject>`.
 *   Each one becomes `<text>` lines placed where the browser laid them out, so the PDF has real,
 *   selectable text (in the server's Chinese font) wrapped exactly as on the board.
 * - The `<style>` blocks (≈200 KB of embedded web fonts each) go: a PDF library ignores them.
 * - Every inlined photo (`data:` URL) points back at the asset URL it came from, so the upload stays
 *   a few KB and the server embeds its own copy of the file.
 * Known losses: text outlines and note shadows (filters), and text on rotated shapes is placed by
 * its screen boxes (lines may split). When a frame is exported alone tldraw leaves out its heading;
 * the report prints the option's title itself.
 */
import { AssetRecordType, FileHelpers, type Editor, type TLShapeId } from 'tldraw'
import { exportPadding } from './exportPadding'
import { REPORT_SVG_DATA_IMAGE_MAX_BYTES } from '../shared/exportApi'
import {
  groupIntoLines,
  isBoardAssetUrl,
  listMarker,
  listMarkerIndentEm,
  reportImageHref,
  textLineAttributes,
  utf8Bytes,
  withoutInvisibles,
  type GlyphBox,
} from './svgText'

const SVG_NS = 'http://www.w3.org/2000/svg'

export interface PdfSvg {
  svg: string
  width: number
  height: number
  /** UTF-8 size of `svg`. */
  bytes: number
}

export type PdfSvgStep = 'draw' | 'text' | 'images'

export interface PdfSvgOptions {
  /** The project's board id: only its asset URLs are kept. */
  boardId: string
  signal?: AbortSignal
  /** Called as each step starts (for progress). */
  onStep?: (step: PdfSvgStep) => void
}

const segmenter: { segment(text: string): Iterable<{ segment: string; index: number }> } =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : // Old browsers: code points (a rare emoji sequence may split; the text stays right).
      { segment: (text) => { let index = 0; return Array.from(text, (segment) => { const s = { segment, index }; index += segment.length; return s }) } }

function checkAborted(signal?: AbortSignal) {
  if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError')
}

/** The text nodes under `root`, in document order (walked lazily, so a node may be changed as it comes). */
function* textNodesIn(root: Node): Generator<Text> {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  // SHOW_TEXT gives only Text nodes (a CDATA section is one too); the check tells the types so.
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node instanceof Text) yield node
}

/** Each grapheme of a text node, with where the browser put it. */
function glyphsOf(node: Text): GlyphBox[] {
  const range = document.createRange()
  const glyphs: GlyphBox[] = []
  for (const s of segmenter.segment(node.data)) {
    range.setStart(node, s.index)
    range.setEnd(node, s.index + s.segment.length)
    const rect = range.getClientRects()[0]
    if (!rect) continue
    glyphs.push({ text: s.segment, left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom })
  }
  return glyphs
}

/** Replaces one foreignObject (mounted, so laid out) with a group of positioned `<text>` lines. */
function textForForeignObject(fo: SVGForeignObjectElement): SVGGElement {
  const group = document.createElementNS(SVG_NS, 'g')
  const ctm = fo.getScreenCTM()
  if (!ctm) return group
  const toSvg = ctm.inverse()
  const markedItems = new Set<Element>()
  for (const node of textNodesIn(fo)) {
    const parent = node.parentElement
    if (!parent || !node.data.trim()) continue
    const style = getComputedStyle(parent)
    if (style.display === 'none' || style.visibility === 'hidden') continue
    const lines = groupIntoLines(glyphsOf(node))
    if (lines.length === 0) continue

    // A list item's bullet or number is a ::marker, which no text node holds: write it in.
    const item = parent.closest('li')
    if (item && fo.contains(item) && !markedItems.has(item)) {
      markedItems.add(item)
      const list = item.parentElement
      const ordered = list?.tagName.toUpperCase() === 'OL'
      const index = list ? Array.prototype.indexOf.call(list.children, item) : 0
      lines[0].text = listMarker(ordered, index) + lines[0].text
      lines[0].left -= parseFloat(style.fontSize) * listMarkerIndentEm(ordered)
    }

    for (const line of lines) {
      const middle = (line.top + line.bottom) / 2
      const a = new DOMPoint(line.left, middle).matrixTransform(toSvg)
      const b = new DOMPoint(line.right, middle).matrixTransform(toSvg)
      const text = document.createElementNS(SVG_NS, 'text')
      const attrs = textLineAttributes(a.x, a.y, b.x - a.x, {
        fontSize: style.fontSize,
        color: style.color,
        fontWeight: style.fontWeight,
        fontStyle: style.fontStyle,
      })
      for (const [name, value] of Object.entries(attrs)) text.setAttribute(name, value)
      text.textContent = withoutInvisibles(line.text)
      group.appendChild(text)
    }
  }
  return group
}

/** data URL → asset URL, for the image assets the exported shapes use (fetched again: byte-identical). */
async function assetSourcesByDataUrl(editor: Editor, ids: TLShapeId[], boardId: string, signal?: AbortSignal): Promise<Map<string, string>> {
  const sources = new Set<string>()
  for (const id of editor.getShapeAndDescendantIds(ids)) {
    const shape = editor.getShape(id)
    const assetId = shape && 'assetId' in shape.props ? shape.props.assetId : null
    // Every asset record's id has the asset prefix, so the check drops none that getAsset would find.
    if (typeof assetId !== 'string' || !AssetRecordType.isId(assetId)) continue
    const asset = editor.getAsset(assetId)
    const src = asset?.props.src
    if (typeof src === 'string' && isBoardAssetUrl(src, boardId)) sources.add(src)
  }
  const map = new Map<string, string>()
  for (const src of sources) {
    checkAborted(signal)
    try {
      // Why this works: tldraw's image export fetched this very URL and turned the blob into a data
      // URL with the same helper; the asset file never changes (its name is its sha256).
      const res = await fetch(src, { signal })
      if (!res.ok) continue
      map.set(await FileHelpers.blobToDataUrl(await res.blob()), src)
    } catch (err) {
      checkAborted(signal)
      // An asset that cannot be read is left out of the report, not a reason to fail it.
      console.warn('[export] could not read asset for the report', src, err)
    }
  }
  return map
}

/**
 * The shapes `ids` (with their children) as an SVG for the report, or null when there is nothing
 * to draw. Never touches tldraw's own element: a clone is mounted off screen for layout.
 */
export async function svgForPdf(editor: Editor, ids: TLShapeId[], opts: PdfSvgOptions): Promise<PdfSvg | null> {
  const { boardId, signal, onStep } = opts
  if (ids.length === 0) return null
  onStep?.('draw')
  const result = await editor.getSvgElement(ids, { background: true, padding: exportPadding(editor, ids) })
  checkAborted(signal)
  if (!result) return null
  // tldraw may still own result.svg (changing it threw a React removeChild error): work on a clone.
  // importNode is cloneNode(true) typed as what it clones (and result.svg is of this document already).
  const svg = document.importNode(result.svg, true)
  svg.setAttribute('style', `${svg.getAttribute('style') ?? ''};width:${result.width}px;height:${result.height}px`)

  onStep?.('text')
  const host = document.createElement('div')
  host.setAttribute('aria-hidden', 'true')
  host.style.cssText = 'position:fixed;left:0;top:0;opacity:0;pointer-events:none;z-index:-1;overflow:visible'
  host.appendChild(svg)
  document.body.appendChild(host)
  try {
    await document.fonts.ready
    checkAborted(signal)
    for (const fo of Array.from(svg.querySelectorAll('foreignObject'))) fo.replaceWith(textForForeignObject(fo))
  } finally {
    host.remove()
  }
  for (const style of Array.from(svg.querySelectorAll('style'))) style.remove()
  // tldraw pads SVG labels (the frame heading) with zero-width spaces; a PDF font draws them as boxes.
  for (const text of Array.from(svg.querySelectorAll('text'))) {
    for (const node of textNodesIn(text)) node.data = withoutInvisibles(node.data)
  }

  onStep?.('images')
  // Only now, out of the document: a changed href in the page would make the browser load it.
  const images = Array.from(svg.querySelectorAll('image'))
  const hasData = images.some((img) => (img.getAttribute('href') ?? img.getAttribute('xlink:href') ?? '').startsWith('data:'))
  const byDataUrl = hasData ? await assetSourcesByDataUrl(editor, ids, boardId, signal) : new Map<string, string>()
  for (const img of images) {
    const href = img.getAttribute('href') ?? img.getAttribute('xlink:href') ?? ''
    const next = reportImageHref(href, byDataUrl, boardId, REPORT_SVG_DATA_IMAGE_MAX_BYTES)
    if (next === null) {
      img.remove()
      continue
    }
    img.removeAttribute('xlink:href')
    img.setAttribute('href', next)
  }
  const text = new XMLSerializer().serializeToString(svg)
  return { svg: text, width: result.width, height: result.height, bytes: utf8Bytes(text) }
}
