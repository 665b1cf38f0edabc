/**
 * The printed notice sheet (公示单, GET /api/notices/<token>/sheet.pdf): for the notice board in the
 * courtyard, A4 or A3 portrait. Title and period in large type, the agreed plan as large as the page
 * allows, the needs addressed and not (with the reason), the vote and approval results without
 * names, and the QR code of the public link. The text is the public notice's (noticeView.ts); the
 * drawing is the one stored with the notice, through the report's SVG renderer and image rules
 * (reportPlan.ts drawSvg, reportSvg.ts resolveImageHref).
 */
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import SVGtoPDF from 'svg-to-pdfkit'
import type { ExportLang } from '../../src/shared/exportApi.js'
import { en } from '../../src/shared/i18n/en/index.js'
import { format as fill } from '../../src/shared/i18n/messages.js'
import { zh, type Strings } from '../../src/shared/i18n/zh/index.js'
import type { NoticeNeed, PublicNotice } from '../../src/shared/notice.js'
import { EXPORT_TEXT } from './exportText.js'
import { formatTime } from './exportTime.js'
import { ReportFonts } from './reportFonts.js'
import { planPhotos } from './reportPhotos.js'
import { drawSvg } from './reportPlan.js'
import { imageHrefs, resolveImageHref, type AssetScope } from './reportSvg.js'
import { INK, MUTED, REGULAR, RULE, Writer } from './reportWriter.js'

export const NOTICE_PAPERS = ['a4', 'a3'] as const
export type NoticePaper = (typeof NOTICE_PAPERS)[number]

export interface NoticeSheetInput {
  lang: ExportLang
  paper: NoticePaper
  timeZone: string
  notice: PublicNotice
  /** The public page's absolute URL (what the QR code opens). */
  link: string
  planSvg: string | null
  assets: AssetScope
  photoCacheDir: string
}

const STRINGS: Record<ExportLang, Strings> = { 'zh-CN': zh, en }

/** Images of the drawing: this board's assets (shrunk when big) and small inline ones; anything else dropped. */
function images(svg: string, assets: AssetScope, cacheDir: string): { callback: (href: string) => string } {
  const paths = imageHrefs(svg).flatMap((href) => {
    const r = resolveImageHref(href, assets)
    return r.kind === 'asset' ? [r.path] : []
  })
  const plan = planPhotos([...new Set(paths)], cacheDir)
  return {
    callback(href) {
      const r = resolveImageHref(href, assets)
      if (r.kind === 'asset') return plan.replacements.get(r.path) ?? r.path
      return r.kind === 'inline' ? r.dataUrl : ''
    },
  }
}

export async function renderNoticeSheet(input: NoticeSheetInput): Promise<Uint8Array> {
  const t = STRINGS[input.lang]
  const s = t.notice
  const colon = EXPORT_TEXT[input.lang].punct.colon
  const n = input.notice
  const big = input.paper === 'a3'
  // A3 is √2 times A4 on each side: the same sheet, scaled, so it reads from further away.
  const k = big ? Math.SQRT2 : 1
  const margin = 40 * k
  const doc = new PDFDocument({
    size: big ? 'A3' : 'A4', layout: 'portrait', margin, bufferPages: true, lang: input.lang, displayTitle: true,
    info: { Title: `${n.project.name} — ${s.sheet.heading}`, Creator: 'CommonGround', Producer: 'CommonGround' },
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve())
    doc.on('error', reject)
  })
  const fonts = await ReportFonts.forText(JSON.stringify(n) + JSON.stringify(s))
  fonts.register(doc)
  const w = new Writer(doc, fonts)
  const date = (ms: number) => formatTime(ms, input.timeZone, false)
  const periodText = fill(s.period, { start: date(n.period.startsAt), end: date(n.period.endsAt) })

  // Heading, with the QR code at the top right.
  const qrSize = 120 * k
  const textWidth = w.width - qrSize - 16 * k
  const top = doc.y
  doc.fillColor(INK).fontSize(30 * k)
  w.text(s.sheet.heading, w.left, top, { width: textWidth, bold: true })
  doc.fontSize(20 * k)
  w.text(n.project.name, w.left, doc.y + 4 * k, { width: textWidth, bold: true })
  doc.fontSize(12 * k).fillColor(MUTED)
  const place = [n.project.site, n.project.area].filter(Boolean).join(' · ')
  if (place) w.text(`${s.sheet.site}${colon}${place}`, w.left, doc.y + 4 * k, { width: textWidth })
  doc.fontSize(15 * k).fillColor(INK)
  w.text(periodText, w.left, doc.y + 6 * k, { width: textWidth, bold: true })
  const qr = await QRCode.toString(input.link, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' })
  const qrX = w.left + w.width - qrSize
  SVGtoPDF(doc as never, qr, qrX, top, { width: qrSize, height: qrSize, warningCallback: () => {} })
  doc.font(REGULAR).fontSize(10 * k).fillColor(MUTED).text(s.sheet.qr, qrX - 10 * k, top + qrSize + 4 * k, { width: qrSize + 20 * k, align: 'center' })
  doc.fillColor(INK)
  doc.x = w.left
  doc.y = Math.max(doc.y, top + qrSize + 24 * k) + 6 * k

  // The agreed option and its plan, as large as half the page allows.
  const size = (pt: number) => ({ size: pt * k })
  w.paragraph(n.option ? `${s.sheet.plan}${colon}${n.option.title}` : s.sheet.plan, { ...size(15), bold: true })
  if (n.option?.description) w.paragraph(n.option.description, size(11))
  doc.moveDown(0.3)
  if (input.planSvg) {
    const svg = fonts.svgText(input.planSvg)
    const height = Math.min(w.bottom - doc.y - 120 * k, w.pageHeight * 0.5)
    drawSvg(w, svg, images(svg, input.assets, input.photoCacheDir), { x: w.left, y: doc.y, width: w.width, height: Math.max(120, height) })
  } else {
    w.paragraph(s.sheet.noPlan, { ...size(11), color: MUTED })
  }

  const p = s.page
  const needLine = (x: NoticeNeed, withReason: boolean) => {
    const category = input.lang === 'en' ? x.categoryEn : x.categoryZh
    w.paragraph(`• ${category ? `[${category}] ` : ''}${x.text}`, { ...size(11), indent: 6 * k })
    if (withReason) w.paragraph(x.reason ? fill(p.reason, { reason: x.reason }) : p.noReason, { ...size(10), indent: 18 * k, color: MUTED })
  }
  // Headings as large as the sheet's scale (Writer.heading has the report's one size).
  const heading = (text: string) => {
    doc.moveDown(0.5)
    w.paragraph(text, { ...size(15), bold: true })
    const y = doc.y + 2
    doc.moveTo(w.left, y).lineTo(w.left + w.width, y).lineWidth(0.6 * k).strokeColor(RULE).stroke()
    doc.y = y + 4 * k
  }
  heading(p.addressed)
  if (n.addressed.length === 0) w.paragraph(p.none, size(11))
  for (const x of n.addressed) needLine(x, false)
  heading(p.notAddressed)
  if (n.notAddressed.length === 0) w.paragraph(p.none, size(11))
  for (const x of n.notAddressed) needLine(x, true)

  heading(p.votes)
  for (const v of n.votes) {
    w.paragraph(fill(p.ballots, { count: v.ballots }), { ...size(10.5), color: MUTED })
    for (const r of v.results) w.paragraph(`${r.title}${colon}${fill(p.points, { points: r.points })}`, { ...size(11), indent: 6 * k })
  }
  const approvals = n.approvals.quorum === null
    ? fill(p.approvals, { count: n.approvals.count })
    : fill(p.approvalsQuorum, { count: n.approvals.count, quorum: n.approvals.quorum })
  w.paragraph(approvals, { ...size(11), bold: true })

  // Every page: the project and the period at the foot (a sheet may run onto a second page).
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const margins = { ...doc.page.margins }
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 }
    doc.font(REGULAR).fontSize(8 * k).fillColor(MUTED)
    w.text(`${n.project.name} · ${periodText} · ${input.link}`, margin, doc.page.height - 24 * k, { width: doc.page.width - 2 * margin, lineBreak: false, ellipsis: true })
    doc.page.margins = margins
  }
  doc.end()
  await ended
  return new Uint8Array(Buffer.concat(chunks))
}
