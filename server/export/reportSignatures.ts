/**
 * The last block of the report: where the residents' committee and the organizer sign, and the
 * committee stamps, when the report is filed with the street office (居委会盖章、签字、日期). What the
 * board knows is printed — the committee members who approved the featured option and the day each
 * approved, the organizer who confirmed the agreement and its day — and the rest are lines to fill in
 * by hand. Before Agreed the block is printed all the same, so a draft can be read through with the
 * committee; its page carries the draft mark like every other (stampPages in reportPdf.ts).
 */
import type { Approval } from '../../src/shared/participation.js'
import { isAgreedOrLater, isRole } from '../../src/shared/workflow.js'
import type { ExportText } from './exportText.js'
import { formatTime } from './exportTime.js'
import type { ReportInput } from './reportInput.js'
import { INK, MUTED, REGULAR, type Writer } from './reportWriter.js'

/** A name and a day already known, or null for a line to write on. */
interface Signer {
  name: string | null
  date: string | null
}

/** Room for a handwritten signature. */
const ROW = 30
/** About 42 mm, a residents' committee's round stamp. */
const STAMP = 118
const STAMP_GAP = 24
const SIZE = 10.5
const SUBHEAD = { bold: true, size: 11 }

export function signatures(w: Writer, input: ReportInput, t: ExportText, optionTitle: (id: string) => string): void {
  const { committee, organizer } = signers(input)
  const option = input.optionId ? `${t.report.option}${t.punct.colon}${optionTitle(input.optionId)}` : null
  const committeeRoom = w.need(t.report.committeeSigners, SUBHEAD) + Math.max(committee.length * ROW, STAMP)
  const organizerRoom = w.need(t.report.organizerSigner, SUBHEAD) + ROW
  // The whole block on one page when it fits one: a signature apart from what it signs is no use.
  w.heading(t.report.signatures, (option ? w.need(option) : 0) + committeeRoom + organizerRoom + 24)
  if (option) w.paragraph(option)
  w.gap()

  w.paragraph(t.report.committeeSigners, { ...SUBHEAD, keepWith: Math.max(Math.min(committee.length, 3) * ROW, STAMP) })
  // The stamp box at the right of the rows, drawn first: where the rows start is the page it belongs on.
  const rowsWidth = Math.min(w.width - STAMP - STAMP_GAP, 420)
  const stampFoot = stampBox(w, t, w.left + rowsWidth + STAMP_GAP)
  const page = w.doc.bufferedPageRange().count
  for (const signer of committee) signerRow(w, t, rowsWidth, signer)
  if (w.doc.bufferedPageRange().count === page) w.doc.y = Math.max(w.doc.y, stampFoot)
  w.gap()

  w.paragraph(t.report.organizerSigner, { ...SUBHEAD, keepWith: ROW })
  signerRow(w, t, rowsWidth, organizer)
}

/** Who signs: the approvers of the featured option (lines up to the quorum), and the organizer. */
function signers(input: ReportInput): { committee: Signer[]; organizer: Signer } {
  const state = input.participation
  const day = (ms: number) => formatTime(ms, input.timeZone, false)
  const agreement = isAgreedOrLater(input.stage) ? state.agreements.at(-1) : undefined
  const approvals: Approval[] = agreement ? agreement.approvals : state.approvals
  const approvers = input.optionId === null ? [] : approvals.filter((a) => a.optionId === input.optionId)
  const committee: Signer[] = approvers.map((a) => ({ name: a.name, date: day(a.at) }))
  // Empty lines for the members still to sign: up to the quorum, and two when nobody has approved yet.
  const quorum = (agreement ? agreement.quorum : state.quorum) ?? 0
  while (committee.length < Math.max(quorum, approvers.length === 0 ? 2 : 0)) committee.push({ name: null, date: null })
  // The organizer who confirmed the agreement; before one, the project's organizer if there is one
  // by name (a stage moved with a bare organizer link is recorded under the role's id, no name).
  const names = input.participants.organizer.names
  const name = agreement ? agreement.byName : names.length === 1 ? names[0] : null
  return { committee, organizer: { name: name !== null && !isRole(name) ? name : null, date: agreement ? day(agreement.at) : null } }
}

/** One signer: the name, "签字：" and a line to sign on, "日期：" and the day (or a line for it). */
function signerRow(w: Writer, t: ExportText, width: number, signer: Signer): void {
  const { doc } = w
  w.ensure(ROW)
  const y = doc.y
  doc.font(REGULAR).fontSize(SIZE).fillColor(INK)
  const lineHeight = doc.currentLineHeight()
  // The writing line near the row's foot; the printed words stand on it.
  const base = y + ROW - 6
  const textY = base - lineHeight
  const columns = [width * 0.26, width * 0.4, width * 0.34]
  const field = (x: number, fieldWidth: number, label: string | null, value: string | null) => {
    const end = x + fieldWidth - 10
    let at = x
    if (label !== null) {
      w.text(label, x, textY, { lineBreak: false })
      at = x + w.widthOf(label) + 2
    }
    if (value !== null) w.text(value, at, textY, { width: Math.max(end - at, 10), height: lineHeight, ellipsis: true })
    else doc.moveTo(at, base).lineTo(end, base).lineWidth(0.5).strokeColor(INK).stroke()
  }
  field(w.left, columns[0], null, signer.name)
  field(w.left + columns[0], columns[1], `${t.report.sign}${t.punct.colon}`, null)
  field(w.left + columns[0] + columns[1], columns[2], `${t.report.date}${t.punct.colon}`, signer.date)
  doc.x = w.left
  doc.y = y + ROW
}

/** The box the committee stamps, at `x` from doc.y (which it leaves as it was); returns its foot. */
function stampBox(w: Writer, t: ExportText, x: number): number {
  const { doc } = w
  const top = doc.y
  doc.save()
  doc.rect(x, top, STAMP, STAMP).lineWidth(0.6).dash(3, { space: 2 }).strokeColor(MUTED).stroke()
  doc.restore()
  doc.font(REGULAR).fontSize(9).fillColor(MUTED)
  const labelHeight = w.heightOf(t.report.stamp, { width: STAMP - 8 })
  w.text(t.report.stamp, x + 4, top + STAMP - labelHeight - 6, { width: STAMP - 8, align: 'center' })
  doc.fillColor(INK)
  doc.x = w.left
  doc.y = top
  return top + STAMP
}
