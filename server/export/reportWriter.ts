/**
 * The report's text flow (reportPdf.ts and the blocks it draws): headings, paragraphs and notes
 * drawn one after another with page breaks, each text through printText (reportFonts.ts), and the
 * rules that keep a filed report readable on paper:
 * - a heading is never the last thing on a page: it is drawn only where the start of what it heads
 *   fits below it (the caller says how much that is; `need` measures a paragraph for it);
 * - a paragraph of up to KEEP_MAX points is never split; a longer one starts only where KEEP_MAX is
 *   left, so no single line of it is left alone at a page foot.
 */
import type { ReportFonts } from './reportFonts.js'
import { FONT, printText } from './reportFonts.js'

export const REGULAR = FONT.regular
export const BOLD = FONT.bold

export const MARGIN = 48
export const INK = '#1f2933'
export const MUTED = '#52606d'
export const RULE = '#cbd2d9'

/** The most of a paragraph kept on one page (about 13 lines of body text); longer ones may break. */
const KEEP_MAX = 200
/** A heading's space above and below its text, its size, and the least room it takes with what follows. */
const HEADING_BEFORE = 9
const HEADING_AFTER = 8
const HEADING_SIZE = 15
const HEADING_MIN_ROOM = 70

type Doc = PDFKit.PDFDocument

export interface ParagraphStyle {
  size?: number
  bold?: boolean
  color?: string
  indent?: number
}

/** Text flow with page breaks: keeps doc.x at the left margin and breaks before a block that does not fit. */
export class Writer {
  constructor(readonly doc: Doc, readonly fonts: ReportFonts) {}

  /** doc.text in the current size and colour, each character in a font that has it (reportFonts.ts). */
  text(text: string, x: number | undefined, y: number | undefined, options: PDFKit.Mixins.TextOptions & { bold?: boolean } = {}): void {
    const { bold = false, ...rest } = options
    printText(this.doc, this.fonts, bold, text, x, y, rest)
  }

  /** doc.heightOfString for a text that may be drawn in several fonts (the current one's size). */
  heightOf(text: string, options: PDFKit.Mixins.TextOptions): number {
    return this.doc.heightOfString(this.fonts.measurable(text), options)
  }

  /** doc.widthOfString for one line of such a text (the current font and size). */
  widthOf(text: string): number {
    return this.doc.widthOfString(this.fonts.measurable(text))
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right
  }

  get left(): number {
    return this.doc.page.margins.left
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom
  }

  /** The height a page has for content. */
  get pageHeight(): number {
    return this.bottom - this.doc.page.margins.top
  }

  /**
   * A new page unless `height` fits below doc.y. A page with nothing on it yet is kept whatever
   * comes: a block taller than a page would otherwise leave a blank one before it.
   */
  ensure(height: number): void {
    if (this.doc.y > this.doc.page.margins.top && this.doc.y + height > this.bottom) this.doc.addPage()
    this.doc.x = this.left
  }

  /** A section heading, on the page where the first `keepWith` points of its content fit too. */
  heading(text: string, keepWith = 0): void {
    this.doc.font(BOLD).fontSize(HEADING_SIZE)
    const height = HEADING_BEFORE + this.heightOf(text, { width: this.width }) + HEADING_AFTER
    this.ensure(Math.max(HEADING_MIN_ROOM, height + Math.min(keepWith, this.pageHeight - height)))
    if (this.doc.y > this.doc.page.margins.top) this.doc.y += HEADING_BEFORE
    this.doc.fillColor(INK)
    this.text(text, this.left, this.doc.y, { width: this.width, bold: true })
    const y = this.doc.y + 2
    this.doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(0.6).strokeColor(RULE).stroke()
    this.doc.y = y + HEADING_AFTER - 2
  }

  /** The room paragraph(text, style) keeps together on one page: all of it, or KEEP_MAX of a longer one. */
  need(text: string, style: ParagraphStyle = {}): number {
    this.doc.font(style.bold ? BOLD : REGULAR).fontSize(style.size ?? 10.5)
    return Math.min(this.heightOf(text, { width: this.width - (style.indent ?? 0) }), KEEP_MAX)
  }

  /**
   * A paragraph, whole on one page when it is at most KEEP_MAX high. `keepWith`: the room of what
   * must follow it on the same page (a title's first lines); it binds only a paragraph kept whole.
   */
  paragraph(text: string, opts: ParagraphStyle & { keepWith?: number } = {}): void {
    const size = opts.size ?? 10.5
    const indent = opts.indent ?? 0
    const width = this.width - indent
    this.doc.font(opts.bold ? BOLD : REGULAR).fontSize(size)
    const height = this.heightOf(text, { width })
    const keep = height <= KEEP_MAX ? height + Math.min(opts.keepWith ?? 0, this.pageHeight - height) : KEEP_MAX
    this.ensure(keep)
    this.doc.fillColor(opts.color ?? INK)
    this.text(text, this.left + indent, this.doc.y, { width, bold: opts.bold })
    this.doc.fillColor(INK)
  }

  static readonly NOTE: ParagraphStyle = { color: MUTED, size: 10 }

  note(text: string, keepWith = 0): void {
    this.paragraph(text, { ...Writer.NOTE, keepWith })
  }

  gap(lines = 0.4): void {
    this.doc.moveDown(lines)
  }
}
