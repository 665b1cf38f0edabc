/**
 * The PDF report (pdfkit + svg-to-pdfkit): cover, stage timeline, the featured option's
 * drawing, the board overview, needs, vote results, revision requests, discussion, approvals, and a
 * QR code back to the live board. All text is real text in Noto Sans SC (OFL 1.1), which pdfkit
 * embeds as a subset of the glyphs used, so Chinese is selectable and searchable and a short report
 * carries only some tens of KB of font. Before the Agreed stage every page carries a "草稿 draft"
 * mark. Pure: takes a ReportInput, touches nothing but the board's asset files and the photo cache.
 */
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import SVGtoPDF from 'svg-to-pdfkit'
import type { DesignOption, ParticipationState, Vote } from '../../src/shared/participation.js'
import { isRole, ROLES } from '../../src/shared/workflow.js'
import { format as fill } from '../../src/shared/i18n/messages.js'
import { EXPORT_TEXT, type ExportText } from './exportText.js'
import { formatTime } from './exportTime.js'
import type { ReportInput } from './reportInput.js'
import { FONT, printText, ReportFonts } from './reportFonts.js'
import { planPhotos } from './reportPhotos.js'
import { boardPlan, optionPlan } from './reportPlan.js'
import { imageHrefs, resolveImageHref } from './reportSvg.js'

const REGULAR = FONT.regular
const BOLD = FONT.bold

const MARGIN = 48
const INK = '#1f2933'
const MUTED = '#52606d'
const RULE = '#cbd2d9'

type Doc = PDFKit.PDFDocument

export interface ReportResult {
  pdf: Uint8Array
  /** Images the drawings referenced that were left out (not an asset of this board, too big…). */
  droppedImages: number
  /** Characters no font we ship has a glyph for (printed as an empty box), each once. */
  missingCharacters: string[]
}

export async function renderReport(input: ReportInput): Promise<ReportResult> {
  const t = EXPORT_TEXT[input.lang]
  const time = (ms: number | null) => formatTime(ms, input.timeZone)
  const doc = new PDFDocument({
    size: input.paper === 'a3-landscape' ? 'A3' : 'A4',
    layout: input.paper === 'a3-landscape' ? 'landscape' : 'portrait',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `${input.project.name} — ${t.report.title}`, Creator: 'CommonGround', Producer: 'CommonGround' },
    lang: input.lang,
    displayTitle: true,
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve())
    doc.on('error', reject)
  })
  // Every text of the report is somewhere in its input: the rare-character font is cut to it.
  const fonts = await ReportFonts.forText(JSON.stringify(input) + Object.values(t.report).join(''))
  fonts.register(doc)
  doc.font(REGULAR).fillColor(INK)

  const images = imageResolver(input)
  const w = new Writer(doc, fonts)
  const state = input.participation
  const optionTitle = (id: string) => state.options.find((o) => o.id === id)?.title ?? t.report.deletedOption

  await cover(w, input, t, time)
  timeline(w, input, t, time)
  featuredOption(w, input, t, images)
  boardOverview(w, input, t, images)
  needsTable(w, state, input, t, optionTitle)
  votes(w, state, t, time, optionTitle)
  revisions(w, state, t, time, optionTitle)
  comments(w, state, t, time, optionTitle)
  approvals(w, input, t, time, optionTitle)
  stampPages(w, input, t)

  doc.end()
  await ended
  return { pdf: new Uint8Array(Buffer.concat(chunks)), droppedImages: images.dropped(), missingCharacters: [...fonts.missing] }
}

/** Text flow with page breaks: keeps doc.x at the left margin and breaks before a block that does not fit. */
class Writer {
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

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right
  }

  get left(): number {
    return this.doc.page.margins.left
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom
  }

  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage()
    this.doc.x = this.left
  }

  heading(text: string): void {
    this.ensure(70)
    this.doc.moveDown(0.6)
    this.doc.fontSize(15).fillColor(INK)
    this.text(text, this.left, this.doc.y, { width: this.width, bold: true })
    const y = this.doc.y + 2
    this.doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(0.6).strokeColor(RULE).stroke()
    this.doc.y = y + 6
  }

  paragraph(text: string, opts: { size?: number; bold?: boolean; color?: string; indent?: number } = {}): void {
    const size = opts.size ?? 10.5
    const indent = opts.indent ?? 0
    const width = this.width - indent
    this.doc.font(opts.bold ? BOLD : REGULAR).fontSize(size)
    this.ensure(Math.min(this.heightOf(text, { width }), 200))
    this.doc.fillColor(opts.color ?? INK)
    this.text(text, this.left + indent, this.doc.y, { width, bold: opts.bold })
    this.doc.fillColor(INK)
  }

  note(text: string): void {
    this.paragraph(text, { color: MUTED, size: 10 })
  }

  gap(lines = 0.4): void {
    this.doc.moveDown(lines)
  }
}

interface ImageResolver {
  callback: (href: string) => string
  dropped: () => number
}

/**
 * The imageCallback of both drawings: see reportSvg.ts for why every href is mapped. Photos are
 * planned up front (the budget needs the total of all of them), then shrunk copies stand in for big
 * ones; pdfkit caches images by the returned path, so a photo shown twice is embedded once.
 */
function imageResolver(input: ReportInput): ImageResolver {
  const hrefs = [...imageHrefs(input.optionSvg ?? ''), ...imageHrefs(input.boardSvg ?? '')]
  const assetPaths = new Set<string>()
  for (const href of hrefs) {
    const r = resolveImageHref(href, input.assets)
    if (r.kind === 'asset') assetPaths.add(r.path)
  }
  const plan = planPhotos([...assetPaths], input.photoCacheDir)
  let dropped = 0
  return {
    callback(href) {
      const r = resolveImageHref(href, input.assets)
      if (r.kind === 'asset') return plan.replacements.get(r.path) ?? r.path
      if (r.kind === 'inline') return r.dataUrl
      dropped++
      // An empty name makes pdfkit fail to open it, which svg-to-pdfkit reports as a warning and skips.
      return ''
    },
    dropped: () => dropped,
  }
}

async function cover(w: Writer, input: ReportInput, t: ExportText, time: (ms: number | null) => string): Promise<void> {
  const { doc } = w
  const p = input.project
  const qrSize = 92
  const textWidth = w.width - qrSize - 16
  doc.font(REGULAR).fontSize(11).fillColor(MUTED).text(t.report.title, w.left, MARGIN, { width: textWidth })
  doc.moveDown(0.3)
  doc.fontSize(24).fillColor(INK)
  w.text(p.name, undefined, undefined, { width: textWidth, bold: true })
  doc.moveDown(0.5)
  const lastAgreement = input.stage === 'agreed' ? input.participation.agreements.at(-1) : undefined
  const facts: [string, string][] = [
    [t.report.site, p.site],
    [t.report.area, p.area],
    [t.report.created, formatTime(p.createdAt, input.timeZone, false)],
    [t.report.agreedAt, lastAgreement ? formatTime(lastAgreement.at, input.timeZone, false) : t.report.notAgreed],
    [t.report.stageNow, t.stages[input.stage]],
    [t.report.exportedAt, time(input.exportedAt)],
  ]
  for (const [label, value] of facts) {
    doc.fontSize(11).fillColor(INK)
    w.text(`${label}：`, w.left, doc.y, { continued: true, width: textWidth, bold: true })
    w.text(value, undefined, undefined)
  }
  if (p.brief) {
    doc.moveDown(0.4)
    doc.fontSize(11)
    w.text(`${t.report.brief}：`, w.left, doc.y, { width: w.width, bold: true })
    doc.fontSize(10.5)
    w.text(p.brief, undefined, undefined, { width: w.width })
  }

  // The QR code: vector, from the qrcode package's SVG, drawn by the same SVG renderer.
  const textEnd = doc.y
  const qr = await QRCode.toString(input.boardLink, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' })
  const qrX = w.left + w.width - qrSize
  SVGtoPDF(doc as never, qr, qrX, MARGIN, { width: qrSize, height: qrSize, warningCallback: () => {} })
  doc.font(REGULAR).fontSize(8).fillColor(MUTED).text(t.report.linkBack, qrX, MARGIN + qrSize + 4, { width: qrSize, align: 'center' })
  doc.x = w.left
  doc.y = Math.max(textEnd, doc.y)

  w.heading(t.report.participants)
  for (const role of ROLES) {
    const { count, names } = input.participants[role]
    const line = `${t.roles[role]}：${fill(t.report.participantsCount, { count })}${names.length > 0 ? `（${names.join('、')}）` : ''}`
    w.paragraph(line)
  }
  w.gap()
  w.paragraph(`${t.report.linkBack}：`, { bold: true })
  doc.font(REGULAR).fontSize(10.5).fillColor('#1d4ed8')
    .text(input.boardLink, w.left, doc.y, { width: w.width, link: /^https?:/.test(input.boardLink) ? input.boardLink : undefined, underline: true })
  w.note(t.report.linkHelp)
}

function timeline(w: Writer, input: ReportInput, t: ExportText, time: (ms: number | null) => string): void {
  w.heading(t.report.timeline)
  if (input.moves.length === 0) return w.note(t.report.timelineEmpty)
  for (const m of input.moves) {
    // A move made with a bare organizer link is recorded under the role's id ('organizer'): say it in words.
    const name = isRole(m.byName) ? t.roles[m.byName] : m.byName
    w.paragraph(`${fill(t.report.move, { from: t.stages[m.from], to: t.stages[m.to] })}\u3000${fill(t.report.by, { name, time: time(m.at) })}`)
  }
}

function featuredOption(w: Writer, input: ReportInput, t: ExportText, images: ImageResolver): void {
  const option = input.participation.options.find((o) => o.id === input.optionId)
  // The plan has a page of its own, so it can be as large as the page allows.
  w.doc.addPage()
  w.heading(input.stage === 'agreed' ? t.report.agreedOption : t.report.optionOfReport)
  if (!option) {
    w.note(t.report.noOptionAgreed)
  } else {
    describeOption(w, option, t)
  }
  optionPlan(w, {
    svg: input.optionSvg,
    option: option ?? null,
    needs: input.participation.needs,
    bounds: input.optionBounds,
    scaled: input.project.scale !== null,
  }, t, images)
}

function describeOption(w: Writer, option: DesignOption, t: ExportText): void {
  w.paragraph(option.title, { bold: true, size: 12.5 })
  if (option.description) w.paragraph(option.description)
  w.note(`${fill(t.report.addressesNeeds, { count: option.addressedNeedIds.length })}\u3000${option.author.name}（${t.roles[option.author.role]}）`)
  w.gap()
}

function boardOverview(w: Writer, input: ReportInput, t: ExportText, images: ImageResolver): void {
  w.doc.addPage()
  w.heading(t.report.boardOverview)
  if (input.boardSvg) boardPlan(w, input.boardSvg, images)
  else w.note(t.report.noBoardDrawing)
}

function needsTable(w: Writer, state: ParticipationState, input: ReportInput, t: ExportText, optionTitle: (id: string) => string): void {
  w.doc.addPage()
  w.heading(t.report.needs)
  if (state.needs.length === 0) return w.note(t.report.needsEmpty)
  const category = new Map(state.categories.map((c) => [c.id, input.lang === 'en' ? c.en : c.zh]))
  // Live needs by support (what the panel sorts by); merged ones after them, as history.
  const needs = [...state.needs].sort((a, b) =>
    Number(a.mergedInto !== null) - Number(b.mergedInto !== null) || b.support - a.support || a.createdAt - b.createdAt)
  table(w, [0.16, 0.46, 0.13, 0.25], t.report.needColumns, needs.map((n) => [
    category.get(n.categoryId) ?? n.categoryId,
    n.mergedInto ? `${n.text} ${t.report.merged}` : n.text,
    fill(t.report.ticksLine, { ticks: n.ticks, support: n.support }),
    n.addressedBy.map(optionTitle).join('；'),
  ]))
}

/** A simple table: header row repeated on every page it runs onto; rows never split across pages. */
function table(w: Writer, fractions: number[], header: string[], rows: string[][]): void {
  const { doc } = w
  const pad = 4
  const size = 9.5
  const widths = fractions.map((f) => f * w.width)
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(size)
    return Math.max(...cells.map((c, i) => w.heightOf(c || ' ', { width: widths[i] - 2 * pad }))) + 2 * pad
  }
  const drawRow = (cells: string[], font: string, fillColor?: string) => {
    const h = rowHeight(cells, font)
    const y = doc.y
    if (fillColor) doc.rect(w.left, y, w.width, h).fillColor(fillColor).fill()
    let x = w.left
    doc.font(font).fontSize(size).fillColor(INK)
    cells.forEach((c, i) => {
      w.text(c, x + pad, y + pad, { width: widths[i] - 2 * pad, bold: font === BOLD })
      x += widths[i]
    })
    doc.moveTo(w.left, y + h).lineTo(w.left + w.width, y + h).lineWidth(0.4).strokeColor(RULE).stroke()
    doc.x = w.left
    doc.y = y + h
  }
  const drawHeader = () => drawRow(header, BOLD, '#eef2f6')
  w.ensure(rowHeight(header, BOLD) + rowHeight(rows[0] ?? header, REGULAR))
  drawHeader()
  for (const row of rows) {
    const h = rowHeight(row, REGULAR)
    if (doc.y + h > w.bottom) {
      doc.addPage()
      drawHeader()
    }
    drawRow(row, REGULAR)
  }
  doc.moveDown(0.5)
}

function votes(w: Writer, state: ParticipationState, t: ExportText, time: (ms: number | null) => string, optionTitle: (id: string) => string): void {
  w.heading(t.report.votes)
  if (state.votes.length === 0) return w.note(t.report.votesEmpty)
  for (const v of state.votes) {
    w.paragraph(fill(t.report.voteHeading, {
      mode: t.voteModes[v.mode], anonymity: v.anonymous ? t.report.anonymous : t.report.named, status: v.status === 'open' ? t.open : t.closed,
    }), { bold: true })
    w.note(`${fill(t.report.ballots, { count: v.ballots })}\u3000${v.openedBy.name} ${time(v.openedAt)}${v.closedAt ? ` — ${time(v.closedAt)}` : ''}`)
    if (!v.results) {
      w.note(t.report.resultsHidden)
    } else {
      voteBars(w, v, t, optionTitle)
    }
    w.gap()
  }
}

function voteBars(w: Writer, v: Vote, t: ExportText, optionTitle: (id: string) => string): void {
  const { doc } = w
  const results = v.results ?? []
  const max = Math.max(1, ...results.map((r) => r.points))
  const labelWidth = w.width * 0.38
  const barMax = w.width * 0.4
  for (const r of results) {
    const label = optionTitle(r.optionId)
    doc.font(REGULAR).fontSize(10)
    const h = Math.max(14, w.heightOf(label, { width: labelWidth }))
    w.ensure(h + 4)
    const y = doc.y
    doc.fillColor(INK)
    w.text(label, w.left, y, { width: labelWidth })
    const barWidth = (r.points / max) * barMax
    if (barWidth > 0) doc.rect(w.left + labelWidth + 6, y + 2, barWidth, 9).fillColor('#3e7cb1').fill()
    doc.fillColor(INK).text(fill(t.report.points, { points: r.points }), w.left + labelWidth + 12 + barWidth, y, { width: w.width - labelWidth - barWidth - 12, lineBreak: false })
    doc.x = w.left
    doc.y = y + h + 2
    if (r.voters && r.voters.length > 0) {
      w.paragraph(r.voters.map((x) => (v.mode === 'dots' ? `${x.name}（${x.points}）` : x.name)).join('、'), { size: 9, color: MUTED, indent: 12 })
    }
  }
}

function revisions(w: Writer, state: ParticipationState, t: ExportText, time: (ms: number | null) => string, optionTitle: (id: string) => string): void {
  w.heading(t.report.revisions)
  if (state.revisions.length === 0) return w.note(t.report.revisionsEmpty)
  for (const r of state.revisions) {
    w.paragraph(`${optionTitle(r.optionId)} · ${r.done ? t.report.revisionDone : t.report.revisionOpen}`, { bold: true, size: 10 })
    w.paragraph(r.text)
    w.note(`${r.author.name}（${t.roles[r.author.role]}），${time(r.createdAt)}`)
    for (const a of r.answers) {
      w.paragraph(`${t.report.answer}：${a.text}`, { indent: 14, size: 10 })
      w.paragraph(`${a.author.name}（${t.roles[a.author.role]}），${time(a.at)}`, { indent: 14, size: 9, color: MUTED })
    }
    w.gap()
  }
}

function comments(w: Writer, state: ParticipationState, t: ExportText, time: (ms: number | null) => string, optionTitle: (id: string) => string): void {
  w.heading(t.report.comments)
  if (state.threads.length === 0) return w.note(t.report.commentsEmpty)
  const needText = new Map(state.needs.map((n) => [n.id, n.text]))
  for (const thread of state.threads) {
    const first = thread.comments[0]
    if (!first) continue
    const target = thread.target.kind === 'need' ? (needText.get(thread.target.id) ?? '')
      : thread.target.kind === 'option' ? optionTitle(thread.target.id) : ''
    const status = [fill(t.report.replies, { count: thread.comments.length - 1 }), thread.resolved ? t.report.resolved : ''].filter(Boolean).join(' · ')
    w.paragraph(`${t.targetKinds[thread.target.kind]}${target ? `：${short(target, 60)}` : ''} · ${status}`, { bold: true, size: 10 })
    w.paragraph(`${first.author.name}（${t.roles[first.author.role]}），${time(first.createdAt)}：${short(first.text, 300)}`, { size: 10 })
    const last = thread.comments.length > 1 ? thread.comments[thread.comments.length - 1] : undefined
    if (last) w.paragraph(`… ${last.author.name}（${t.roles[last.author.role]}），${time(last.createdAt)}：${short(last.text, 200)}`, { size: 9.5, indent: 14, color: MUTED })
    w.gap(0.3)
  }
}

function approvals(w: Writer, input: ReportInput, t: ExportText, time: (ms: number | null) => string, optionTitle: (id: string) => string): void {
  const state = input.participation
  w.heading(t.report.approvals)
  const events = [
    ...state.agreements.map((a) => ({ at: a.at, draw: () => {
      if (a.optionId) {
        w.paragraph(`${t.report.option}：${optionTitle(a.optionId)}`, { bold: true })
        for (const ap of a.approvals) w.paragraph(`${ap.name}（${t.roles.committee}），${time(ap.at)}`, { indent: 14 })
        if (a.quorum !== null) w.note(fill(t.report.quorum, { n: a.quorum }))
        w.paragraph(fill(t.report.confirmedBy, { name: a.byName, time: time(a.at) }))
      } else {
        w.paragraph(fill(t.report.agreementWithout, { name: a.byName, time: time(a.at) }))
      }
      w.gap()
    } })),
    ...state.reopens.map((r) => ({ at: r.at, draw: () => {
      w.paragraph(fill(t.report.reopened, { name: r.byName, time: time(r.at), reason: r.reason }), { color: MUTED })
      w.gap()
    } })),
  ].sort((a, b) => a.at - b.at)
  for (const e of events) e.draw()
  // Approvals of the round still open (none right after an agreement).
  if (input.stage !== 'agreed' || state.approvals.length > 0) {
    if (state.approvals.length === 0) {
      if (events.length === 0) w.note(t.report.approvalsEmpty)
    } else {
      w.paragraph(t.report.currentApprovals, { bold: true })
      for (const ap of state.approvals) w.paragraph(`${ap.name}（${t.roles.committee}）→ ${optionTitle(ap.optionId)}，${time(ap.at)}`, { indent: 14 })
      if (state.quorum !== null) w.note(fill(t.report.quorum, { n: state.quorum }))
    }
  }
}

function short(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ')]
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('')
}

/**
 * After the content (bufferPages): the draft mark before Agreed, and a footer on every page. Margins
 * are lifted while stamping, or text near the page edge would make pdfkit start a new page.
 */
function stampPages(w: Writer, input: ReportInput, t: ExportText): void {
  const { doc } = w
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const { width, height } = doc.page
    const margins = { ...doc.page.margins }
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 }
    if (input.stage !== 'agreed') {
      doc.save()
      doc.rotate(-30, { origin: [width / 2, height / 2] })
      doc.font(BOLD).fontSize(Math.round(width / 6.5)).fillColor('#c81e1e').fillOpacity(0.13)
      doc.text(t.report.draft, 0, height / 2 - width / 12, { width, align: 'center', lineBreak: false })
      doc.restore()
      doc.font(BOLD).fontSize(9).fillColor('#c81e1e').fillOpacity(1)
        .text(t.report.draft, width - MARGIN - 120, 20, { width: 120, align: 'right', lineBreak: false })
    }
    doc.font(REGULAR).fontSize(8).fillColor(MUTED).fillOpacity(1)
    w.text(input.project.name, MARGIN, height - 30, { width: width / 2, lineBreak: false, ellipsis: true })
    doc.text(fill(t.report.page, { n: i - range.start + 1, total: range.count }), width / 2, height - 30, { width: width / 2 - MARGIN, align: 'right', lineBreak: false })
    doc.page.margins = margins
  }
}
