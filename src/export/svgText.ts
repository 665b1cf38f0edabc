/**
 * The DOM-free pieces of turning tldraw's export into an SVG a PDF library can draw (svgForPdf.ts):
 * grouping the laid-out glyphs of a text into lines, the attributes of each `<text>` line, list
 * markers, and what to do with each `<image>` reference.
 */

/** One grapheme as the browser laid it out (client rects, CSS px). */
export interface GlyphBox {
  text: string
  left: number
  right: number
  top: number
  bottom: number
}

export type TextLine = GlyphBox

const isSpace = (s: string) => !s.trim()

/**
 * Glyphs in reading order → lines. A glyph belongs to the current line while its top is within half
 * a line height of the line's top; otherwise the browser wrapped there. Whitespace never starts a
 * line (a wrapped space) and never widens one (the `textLength` must match the visible glyphs).
 */
export function groupIntoLines(glyphs: readonly GlyphBox[]): TextLine[] {
  const lines: TextLine[] = []
  let line: TextLine | null = null
  for (const g of glyphs) {
    const space = isSpace(g.text)
    const height = Math.max(g.bottom - g.top, 1)
    if (line && Math.abs(g.top - line.top) < height / 2) {
      line.text += g.text
      if (!space) {
        line.right = Math.max(line.right, g.right)
        line.bottom = Math.max(line.bottom, g.bottom)
      }
      continue
    }
    if (space) continue
    line = { ...g }
    lines.push(line)
  }
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+$/, '') })).filter((l) => l.text !== '')
}

/** Text without zero-width characters (a PDF font has no glyph for them and draws a box). */
export function withoutInvisibles(text: string): string {
  return text.replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
}

/** The marker a list item shows (CSS `::marker`, which has no text node to read). */
export function listMarker(ordered: boolean, index: number): string {
  return ordered ? `${index + 1}. ` : '• '
}

/** How far left of the item's text the marker starts, in ems. */
export function listMarkerIndentEm(ordered: boolean): number {
  return ordered ? 1.2 : 0.9
}

/** The computed style a text line is drawn with. */
export interface LineStyle {
  fontSize: string
  color: string
  fontWeight: string
  fontStyle: string
}

const fixed = (n: number) => (Math.round(n * 100) / 100).toString()

/**
 * Attributes of one `<text>` line, in the user units of the SVG it goes into. `x`, `y`: where the
 * line starts, at its vertical middle; `width`: the browser's line width, pinned with `textLength`
 * because the PDF's font has other metrics and the line must not run out of its shape.
 */
export function textLineAttributes(x: number, y: number, width: number, style: LineStyle): Record<string, string> {
  const attrs: Record<string, string> = {
    x: fixed(x),
    y: fixed(y),
    'dominant-baseline': 'central',
    // CSS px inside a foreignObject are the user units of its SVG.
    'font-size': fixed(parseFloat(style.fontSize) || 16),
    fill: style.color || '#000',
  }
  if (width > 0) attrs.textLength = fixed(width)
  if ((parseInt(style.fontWeight, 10) || 400) >= 600 || style.fontWeight === 'bold') attrs['font-weight'] = 'bold'
  if (style.fontStyle === 'italic' || style.fontStyle === 'oblique') attrs['font-style'] = 'italic'
  return attrs
}

/** Decoded size of a base64 data URL's bytes (or the text length of a non-base64 one). */
export function dataUrlBytes(url: string): number {
  const comma = url.indexOf(',')
  if (comma < 0) return url.length
  const payload = url.length - comma - 1
  return /;base64$/i.test(url.slice(0, comma)) ? Math.floor((payload * 3) / 4) : payload
}

/** Same-origin asset URL of a board (what our asset store puts in tldraw's asset records). */
export function isBoardAssetUrl(src: string, boardId: string): boolean {
  return src.startsWith(`/api/boards/${encodeURIComponent(boardId)}/assets/`)
}

/**
 * What an exported `<image>` becomes in the report SVG: the asset URL it was inlined from (the
 * server reads that file itself), a small PNG/JPEG data URL kept as it is, or null — drop it.
 * Anything else is dropped here because the server would drop it anyway, and a big data URL would
 * only make the upload slow on a phone.
 */
export function reportImageHref(href: string, srcByDataUrl: ReadonlyMap<string, string>, boardId: string, dataLimit: number): string | null {
  if (href.startsWith('data:')) {
    const src = srcByDataUrl.get(href)
    if (src) return src
    return /^data:image\/(png|jpeg);/i.test(href) && dataUrlBytes(href) <= dataLimit ? href : null
  }
  return isBoardAssetUrl(href, boardId) ? href : null
}

/** UTF-8 size of a text, as the server counts the SVG limit. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length
}
