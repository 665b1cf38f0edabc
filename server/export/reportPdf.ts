/**
 * The PDF report (pdfkit + svg-to-pdfkit): cover, stage timeline, the featured option's
 * drawing, the board overview, needs, vote results, revision requests, discussion, approvals, the
 * block to sign and stamp (reportSignatures.ts), and a QR code back to the live board. The text flows
 * through reportWriter.ts, which keeps headings with what they head; punctuation between the
 * report's words and the data is the language's own (ExportText.punct). All text is real text in
 * Noto Sans SC (OFL 1.1), which pdfkit embeds as a subset of the glyphs used, so Chinese is
 * selectable and searchable and a short report carries only some tens of KB of font. Before the Agreed stage every page carries a "草稿 draft"
 * mark. Pure: takes a ReportInput, touches nothing but the board's asset files and the photo cache.
 */
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import SVGtoPDF from 'svg-to-pdfkit'
import type { Actor, DesignOption, Need, ParticipationState, Vote, VoteResult } from '../../src/shared/participation.js'
import { isAgreedOrLater, isRole, ROLES } from '../../src/shared/workflow.js'
import { format as fill } from '../../src/shared/i18n/messages.js'
import { EXPORT_TEXT, type ExportText } from './exportText.js'
import { formatTime } from './exportTime.js'
import { ballotNote, needEnteredNote, paperLine, tickNote, voterLabel } from './proxyExportText.js'
import type { ReportInput } from './reportInput.js'
import { ReportFonts } from './reportFonts.js'
import { planPhotos } from './reportPhotos.js'
import { signatures } from './reportSignatures.js'
import { noticeSection } from './reportNotice.js'
import { tasksSection } from './reportTasks.js'
import { boardPlan, optionPlan } from './reportPlan.js'
import { imageHrefs, resolveImageHref } from './reportSvg.js'
import { BOLD, INK, MARGIN, MUTED, REGULAR, RULE, Writer } from './reportWriter.js'

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

  // The drawings' texts too: their characters the main font lacks are marked for the fallback fonts.
  input = { ...input, optionSvg: input.optionSvg && fonts.svgText(input.optionSvg), boardSvg: input.boardSvg && fonts.svgText(input.boardSvg) }
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
  noticeSection(w, input.notices ?? [], input.lang, input.timeZone)
  // 实施落实: from the stage on, or as soon as the organizer has made tasks in 方案定稿.
  if (input.stage === 'implement' || (state.tasks?.length ?? 0) > 0) tasksSection(w, state, t, time)
  signatures(w, input, t, optionTitle)
  stampPages(w, input, t)

  doc.end()
  await ended
  return { pdf: new Uint8Array(Buffer.concat(chunks)), droppedImages: images.dropped(), missingCharacters: [...fonts.missing] }
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
  const lastAgreement = isAgreedOrLater(input.stage) ? input.participation.agreements.at(-1) : undefined
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
    w.text(`${label}${t.punct.colon}`, w.left, doc.y, { continued: true, width: textWidth, bold: true })
    w.text(value, undefined, undefined)
  }
  if (p.brief) {
    doc.moveDown(0.4)
    doc.fontSize(11)
    w.text(`${t.report.brief}${t.punct.colon}`, w.left, doc.y, { width: w.width, bold: true })
    doc.fontSize(10.5)
    w.text(p.brief, undefined, undefined, { width: w.width })
  }

  // The QR code: vector, from the qrcode package's SVG, drawn by the same SVG renderer.
  const textEnd = doc.y
  const qr = await QRCode.toString(input.boardLink, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' })
  const qrX = w.left + w.width - qrSize
  // @types/svg-to-pdfkit declares `doc` as `typeof PDFDocument` (the class, not a document), so
  // no real document fits the parameter; the library itself takes the instance.
  SVGtoPDF(doc as never, qr, qrX, MARGIN, { width: qrSize, height: qrSize, warningCallback: () => {} })
  doc.font(REGULAR).fontSize(8).fillColor(MUTED).text(t.report.linkBack, qrX, MARGIN + qrSize + 4, { width: qrSize, align: 'center' })
  doc.x = w.left
  doc.y = Math.max(textEnd, doc.y)

  const punct = t.punct
  const lines = ROLES.map((role) => {
    const { count, names } = input.participants[role]
    return `${t.roles[role]}${punct.colon}${fill(t.report.participantsCount, { count })}${names.length > 0 ? `${punct.open}${names.join(punct.list)}${punct.close}` : ''}`
  })
  w.heading(t.report.participants, w.need(lines[0]))
  for (const line of lines) w.paragraph(line)
  w.gap()
  w.paragraph(`${t.report.linkBack}${punct.colon}`, { bold: true, keepWith: w.need(input.boardLink) })
  doc.font(REGULAR).fontSize(10.5).fillColor('#1d4ed8')
    .text(input.boardLink, w.left, doc.y, { width: w.width, link: /^https?:/.test(input.boardLink) ? input.boardLink : undefined, underline: true })
  w.note(t.report.linkHelp)
}

function timeline(w: Writer, input: ReportInput, t: ExportText, time: (ms: number | null) => string): void {
  const lines = input.moves.map((m) => {
    // A move made with a bare organizer link is recorded under the role's id ('organizer'): say it in words.
    const name = isRole(m.byName) ? t.roles[m.byName] : m.byName
    return `${fill(t.report.move, { from: t.stages[m.from], to: t.stages[m.to] })}${t.punct.gap}${fill(t.report.by, { name, time: time(m.at) })}`
  })
  w.heading(t.report.timeline, lines.length > 0 ? w.need(lines[0]) : w.need(t.report.timelineEmpty, Writer.NOTE))
  if (lines.length === 0) return w.note(t.report.timelineEmpty)
  for (const line of lines) w.paragraph(line)
}

function featuredOption(w: Writer, input: ReportInput, t: ExportText, images: ImageResolver): void {
  const option = input.participation.options.find((o) => o.id === input.optionId)
  // The plan has a page of its own, so it can be as large as the page allows.
  w.doc.addPage()
  w.heading(isAgreedOrLater(input.stage) ? t.report.agreedOption : t.report.optionOfReport)
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
    northDegrees: input.project.scale?.northDegrees ?? null,
  }, t, images)
}

function describeOption(w: Writer, option: DesignOption, t: ExportText): void {
  w.paragraph(option.title, { bold: true, size: 12.5 })
  if (option.description) w.paragraph(option.description)
  w.note(`${fill(t.report.addressesNeeds, { count: option.addressedNeedIds.length })}${t.punct.gap}${person(option.author, t)}`)
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
  if (state.needs.length === 0) {
    w.heading(t.report.needs)
    return w.note(t.report.needsEmpty)
  }
  const category = new Map(state.categories.map((c) => [c.id, input.lang === 'en' ? c.en : c.zh]))
  const byId = new Map(state.needs.map((n) => [n.id, n]))
  // Live needs by support (what the panel sorts by); merged ones after them, as history.
  const needs = [...state.needs].sort((a, b) =>
    Number(a.mergedInto !== null) - Number(b.mergedInto !== null) || b.support - a.support || a.createdAt - b.createdAt)
  const rows = needs.map((n) => {
    const into = n.mergedInto === null ? undefined : byId.get(n.mergedInto)
    const merged = n.mergedInto === null ? '' : `\n${into ? fill(t.report.mergedInto, { text: short(into.text, 24, false) }) : t.report.merged}`
    return [
      category.get(n.categoryId) ?? n.categoryId,
      `${n.text}${merged}`,
      // Residents' names stay out of the report: a need entered for one names her as "居民".
      [`${t.sources[n.source]}\n${raiser(n, t)}`, needEnteredNote(state, n, t, t.roles.resident)].filter((x) => x !== null).join('\n'),
      [`${n.support}\n${supportParts(n, t)}`, tickNote(state, n.id, t)].filter((x) => x !== null).join('\n'),
      n.addressedBy.map(optionTitle).join(t.punct.semicolon),
    ]
  })
  const table = new Table(w, [0.1, 0.46, 0.1, 0.14, 0.2], t.report.needColumns, rows)
  w.heading(t.report.needs, table.startHeight())
  table.draw()
}

/**
 * Who raised a need, as a filed report may name them: a board need's author by name, but a resident
 * only as "居民" (residents' names stay out of the report, like the participant list's); a need the
 * committee entered from paper, a questionnaire or a meeting by how many residents raised it.
 */
function raiser(n: Need, t: ExportText): string {
  if (n.source !== 'board') return fill(t.report.raisedByCount, { count: n.raisedBy })
  if (n.author.role === 'resident') return t.roles.resident
  return isRole(n.author.name) ? t.roles[n.author.name] : n.author.name
}

/** What a need's support is made of (support = ticks + raisedBy), a line each: "打钩 1", "问卷 15人". */
function supportParts(n: Need, t: ExportText): string {
  const ticks = fill(t.report.ticks, { ticks: n.ticks })
  return n.source === 'board' ? ticks : `${ticks}\n${fill(t.report.raisedVia, { source: t.sources[n.source], count: n.raisedBy })}`
}

/** A simple table: header row repeated on every page it runs onto; rows never split across pages. */
class Table {
  private static readonly PAD = 7
  private static readonly SIZE = 9.5
  private readonly widths: number[]

  constructor(private readonly w: Writer, fractions: number[], private readonly header: string[], private readonly rows: string[][]) {
    this.widths = fractions.map((f) => f * w.width)
  }

  /** The header and the first row: what the table's heading keeps on its page. */
  startHeight(): number {
    return this.rowHeight(this.header, BOLD) + this.rowHeight(this.rows[0] ?? this.header, REGULAR)
  }

  draw(): void {
    const { w } = this
    w.ensure(this.startHeight())
    this.drawHeader()
    for (const row of this.rows) {
      if (w.doc.y + this.rowHeight(row, REGULAR) > w.bottom) {
        w.doc.addPage()
        this.drawHeader()
      }
      this.drawRow(row, REGULAR)
    }
    w.doc.moveDown(0.5)
  }

  private rowHeight(cells: string[], font: string): number {
    const pad = Table.PAD
    this.w.doc.font(font).fontSize(Table.SIZE)
    return Math.max(...cells.map((c, i) => this.w.heightOf(c || ' ', { width: this.widths[i] - 2 * pad }))) + 2 * pad
  }

  private drawHeader(): void {
    this.drawRow(this.header, BOLD, '#eef2f6')
  }

  private drawRow(cells: string[], font: string, fillColor?: string): void {
    const { w } = this
    const { doc } = w
    const pad = Table.PAD
    const h = this.rowHeight(cells, font)
    const y = doc.y
    if (fillColor) doc.rect(w.left, y, w.width, h).fillColor(fillColor).fill()
    let x = w.left
    doc.font(font).fontSize(Table.SIZE).fillColor(INK)
    cells.forEach((c, i) => {
      w.text(c, x + pad, y + pad, { width: this.widths[i] - 2 * pad, bold: font === BOLD })
      x += this.widths[i]
    })
    doc.moveTo(w.left, y + h).lineTo(w.left + w.width, y + h).lineWidth(0.4).strokeColor(RULE).stroke()
    doc.x = w.left
    doc.y = y + h
  }
}

function votes(w: Writer, state: ParticipationState, t: ExportText, time: (ms: number | null) => string, optionTitle: (id: string) => string): void {
  if (state.votes.length === 0) {
    w.heading(t.report.votes)
    return w.note(t.report.votesEmpty)
  }
  const heads = state.votes.map((v) => ({
    title: fill(t.report.voteHeading, {
      mode: t.voteModes[v.mode], anonymity: v.anonymous ? t.report.anonymous : t.report.named, status: v.status === 'open' ? t.open : t.closed,
    }),
    note: `${fill(t.report.ballots, { count: v.ballots })}${proxyBallots(state, v, t)}${t.punct.gap}${v.openedBy.name} ${time(v.openedAt)}${v.closedAt ? ` — ${time(v.closedAt)}` : ''}`,
  }))
  // A vote's title stays with its note and its first bar (or the note that results are hidden).
  const afterTitle = (i: number) => w.need(heads[i].note, Writer.NOTE) + firstBarHeight(w, state, state.votes[i], t, optionTitle)
  w.heading(t.report.votes, w.need(heads[0].title, { bold: true }) + afterTitle(0))
  state.votes.forEach((v, i) => {
    w.paragraph(heads[i].title, { bold: true, keepWith: afterTitle(i) })
    w.note(heads[i].note, firstBarHeight(w, state, v, t, optionTitle))
    if (!v.results) {
      w.note(t.report.resultsHidden)
    } else {
      voteBars(w, state, v, t, optionTitle)
    }
    w.gap()
  })
}

const BAR_LABEL_SHARE = 0.38
const BAR_SIZE = 10

/** A bar's height (its label may wrap) and the voters line under it, kept on one page with it. */
function barHeight(w: Writer, label: string, voters: string | null): number {
  w.doc.font(REGULAR).fontSize(BAR_SIZE)
  const bar = Math.max(14, w.heightOf(label, { width: w.width * BAR_LABEL_SHARE })) + 4
  return bar + (voters === null ? 0 : w.need(voters, VOTERS_STYLE))
}

function firstBarHeight(w: Writer, state: ParticipationState, v: Vote, t: ExportText, optionTitle: (id: string) => string): number {
  const first = v.results?.[0]
  if (!v.results) return w.need(t.report.resultsHidden, Writer.NOTE)
  return first ? barHeight(w, optionTitle(first.optionId), votersLine(state, v, first, t)) : 0
}

const VOTERS_STYLE = { size: 9, color: MUTED, indent: 12 }

function votersLine(state: ParticipationState, v: Vote, r: VoteResult, t: ExportText): string | null {
  // Paper ballots are their own line under the bar ("纸质 12 票"), after the named voters.
  const paper = paperLine(state, v, r.optionId, t)
  if (!r.voters || r.voters.length === 0) return paper
  const names = r.voters.map((x) => {
    const name = voterLabel(state, v, x, t)
    return v.mode === 'dots' ? `${name}${t.punct.open}${x.points}${t.punct.close}` : name
  }).join(t.punct.list)
  return paper === null ? names : `${names}${t.punct.semicolon}${paper}`
}

/** "（含代录 3 票）" after the ballot count, when the committee entered some of them for residents. */
function proxyBallots(state: ParticipationState, v: Vote, t: ExportText): string {
  const note = ballotNote(state, v.id, t)
  return note === null ? '' : `${t.punct.open}${note}${t.punct.close}`
}

function voteBars(w: Writer, state: ParticipationState, v: Vote, t: ExportText, optionTitle: (id: string) => string): void {
  const { doc } = w
  const results = v.results ?? []
  const max = Math.max(1, ...results.map((r) => r.points))
  const labelWidth = w.width * BAR_LABEL_SHARE
  const barMax = w.width * 0.4
  for (const r of results) {
    const label = optionTitle(r.optionId)
    const voters = votersLine(state, v, r, t)
    w.ensure(barHeight(w, label, voters))
    doc.font(REGULAR).fontSize(BAR_SIZE)
    const h = Math.max(14, w.heightOf(label, { width: labelWidth }))
    const y = doc.y
    doc.fillColor(INK)
    w.text(label, w.left, y, { width: labelWidth })
    const barWidth = (r.points / max) * barMax
    if (barWidth > 0) doc.rect(w.left + labelWidth + 6, y + 2, barWidth, 9).fillColor('#3e7cb1').fill()
    doc.fillColor(INK).text(fill(t.report.points, { points: r.points }), w.left + labelWidth + 12 + barWidth, y, { width: w.width - labelWidth - barWidth - 12, lineBreak: false })
    doc.x = w.left
    doc.y = y + h + 2
    if (voters !== null) w.paragraph(voters, VOTERS_STYLE)
  }
}

function revisions(w: Writer, state: ParticipationState, t: ExportText, time: (ms: number | null) => string, optionTitle: (id: string) => string): void {
  if (state.revisions.length === 0) {
    w.heading(t.report.revisions)
    return w.note(t.report.revisionsEmpty)
  }
  const TITLE = { bold: true, size: 10 }
  const ANSWER = { indent: 14, size: 10 }
  const ANSWER_BY = { indent: 14, size: 9, color: MUTED }
  const parts = state.revisions.map((r) => ({
    title: `${optionTitle(r.optionId)} · ${r.done ? t.report.revisionDone : t.report.revisionOpen}`,
    by: `${person(r.author, t)}${t.punct.comma}${time(r.createdAt)}`,
  }))
  // A revision's title stays with its request and who made it.
  const body = (i: number) => w.need(state.revisions[i].text) + w.need(parts[i].by, Writer.NOTE)
  w.heading(t.report.revisions, w.need(parts[0].title, TITLE) + body(0))
  state.revisions.forEach((r, i) => {
    w.paragraph(parts[i].title, { ...TITLE, keepWith: body(i) })
    w.paragraph(r.text, { keepWith: w.need(parts[i].by, Writer.NOTE) })
    w.note(parts[i].by)
    for (const a of r.answers) {
      const answer = `${t.report.answer}${t.punct.colon}${a.text}`
      const by = `${person(a.author, t)}${t.punct.comma}${time(a.at)}`
      w.paragraph(answer, { ...ANSWER, keepWith: w.need(by, ANSWER_BY) })
      w.paragraph(by, ANSWER_BY)
    }
    w.gap()
  })
}

function comments(w: Writer, state: ParticipationState, t: ExportText, time: (ms: number | null) => string, optionTitle: (id: string) => string): void {
  const p = t.punct
  const needText = new Map(state.needs.map((n) => [n.id, n.text]))
  const TITLE = { bold: true, size: 10 }
  const FIRST = { size: 10 }
  const threads = state.threads.flatMap((thread) => {
    const first = thread.comments[0]
    if (!first) return []
    const target = thread.target.kind === 'need' ? (needText.get(thread.target.id) ?? '')
      : thread.target.kind === 'option' ? optionTitle(thread.target.id) : ''
    const status = [fill(t.report.replies, { count: thread.comments.length - 1 }), thread.resolved ? t.report.resolved : ''].filter(Boolean).join(' · ')
    const last = thread.comments.length > 1 ? thread.comments[thread.comments.length - 1] : undefined
    return [{
      title: `${t.targetKinds[thread.target.kind]}${target ? `${p.colon}${short(target, 60, false)}` : ''} · ${status}`,
      first: `${person(first.author, t)}${p.comma}${time(first.createdAt)}${p.colon}${short(first.text, 300)}`,
      last: last ? `… ${person(last.author, t)}${p.comma}${time(last.createdAt)}${p.colon}${short(last.text, 200)}` : null,
    }]
  })
  if (threads.length === 0) {
    w.heading(t.report.comments)
    return w.note(t.report.commentsEmpty)
  }
  // A thread's title stays with its first comment.
  w.heading(t.report.comments, w.need(threads[0].title, TITLE) + w.need(threads[0].first, FIRST))
  for (const thread of threads) {
    w.paragraph(thread.title, { ...TITLE, keepWith: w.need(thread.first, FIRST) })
    w.paragraph(thread.first, FIRST)
    if (thread.last) w.paragraph(thread.last, { size: 9.5, indent: 14, color: MUTED })
    w.gap(0.3)
  }
}

function approvals(w: Writer, input: ReportInput, t: ExportText, time: (ms: number | null) => string, optionTitle: (id: string) => string): void {
  const state = input.participation
  const p = t.punct
  const APPROVER = { indent: 14 }
  const approver = (name: string, at: number) => `${name}${p.open}${t.roles.committee}${p.close}${p.comma}${time(at)}`
  // Each event: its first line's room (what the section's heading keeps with it), then its drawing.
  const events = [
    ...state.agreements.map((a) => {
      const head = a.optionId ? `${t.report.option}${p.colon}${optionTitle(a.optionId)}` : fill(t.report.agreementWithout, { name: a.byName, time: time(a.at) })
      const first = a.optionId && a.approvals[0] ? w.need(approver(a.approvals[0].name, a.approvals[0].at), APPROVER) : 0
      return { at: a.at, start: w.need(head, { bold: a.optionId !== null }) + first, draw: () => {
        if (a.optionId) {
          w.paragraph(head, { bold: true, keepWith: first })
          for (const ap of a.approvals) w.paragraph(approver(ap.name, ap.at), APPROVER)
          if (a.quorum !== null) w.note(fill(t.report.quorum, { n: a.quorum }))
          w.paragraph(fill(t.report.confirmedBy, { name: a.byName, time: time(a.at) }))
        } else {
          w.paragraph(head)
        }
        w.gap()
      } }
    }),
    ...state.reopens.map((r) => {
      const text = fill(t.report.reopened, { name: r.byName, time: time(r.at), reason: r.reason })
      return { at: r.at, start: w.need(text), draw: () => {
        w.paragraph(text, { color: MUTED })
        w.gap()
      } }
    }),
  ].sort((a, b) => a.at - b.at)
  // Approvals of the round still open (none right after an agreement).
  const open = !isAgreedOrLater(input.stage) || state.approvals.length > 0
  const current = state.approvals.map((ap) => `${ap.name}${p.open}${t.roles.committee}${p.close} → ${optionTitle(ap.optionId)}${p.comma}${time(ap.at)}`)
  const currentStart = current.length > 0 ? w.need(t.report.currentApprovals, { bold: true }) + w.need(current[0], APPROVER) : 0
  const empty = open && current.length === 0 && events.length === 0
  w.heading(t.report.approvals, events[0]?.start ?? (empty ? w.need(t.report.approvalsEmpty, Writer.NOTE) : currentStart))
  for (const e of events) e.draw()
  if (empty) w.note(t.report.approvalsEmpty)
  if (open && current.length > 0) {
    w.paragraph(t.report.currentApprovals, { bold: true, keepWith: w.need(current[0], APPROVER) })
    for (const line of current) w.paragraph(line, APPROVER)
    if (state.quorum !== null) w.note(fill(t.report.quorum, { n: state.quorum }))
  }
}

/** "name (role)" in the report's punctuation. */
function person(actor: Actor, t: ExportText): string {
  return `${actor.name}${t.punct.open}${t.roles[actor.role]}${t.punct.close}`
}

/**
 * At most `max` characters of `text`. Runs of spaces and tabs become one space; line breaks are kept
 * (a resident who wrote a list on separate lines reads it so in the report), at most one blank line
 * in a row, unless `keepLines` is false (a title): then every run of white space is one space.
 */
function short(text: string, max: number, keepLines = true): string {
  const flat = keepLines
    ? text.replace(/\r\n?/g, '\n').replace(/[^\S\n]+/g, ' ').replace(/ ?\n ?/g, '\n').replace(/\n{3,}/g, '\n\n').trim()
    : text.replace(/\s+/g, ' ').trim()
  const chars = [...flat]
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
    if (!isAgreedOrLater(input.stage)) {
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
