/**
 * The report's 公示 section: each public notice of the agreed plan with its period and state, and
 * every public comment made during it (hidden ones left out, as on the public page) with the
 * committee's answer. Drawn only for a project that had a notice.
 */
import type { ExportLang } from '../../src/shared/exportApi.js'
import { en } from '../../src/shared/i18n/en/index.js'
import { format as fill } from '../../src/shared/i18n/messages.js'
import { zh } from '../../src/shared/i18n/zh/index.js'
import type { PublicNotice } from '../../src/shared/notice.js'
import { EXPORT_TEXT } from './exportText.js'
import { formatTime } from './exportTime.js'
import { MUTED, Writer } from './reportWriter.js'

export function noticeSection(w: Writer, notices: readonly PublicNotice[], lang: ExportLang, timeZone: string): void {
  if (notices.length === 0) return
  const s = (lang === 'en' ? en : zh).notice
  const colon = EXPORT_TEXT[lang].punct.colon
  const date = (ms: number) => formatTime(ms, timeZone, false)
  const time = (ms: number) => formatTime(ms, timeZone)
  w.doc.addPage()
  w.heading(s.sheet.heading)
  for (const n of notices) {
    const period = `${s.status[n.period.status]} · ${fill(s.period, { start: date(n.period.startsAt), end: date(n.period.endsAt) })}`
    w.paragraph(period, { bold: true })
    if (n.option) w.note(`${s.sheet.plan}${colon}${n.option.title}`)
    const reasons = n.notAddressed.filter((x) => x.reason !== null)
    for (const x of reasons) w.paragraph(`${x.text} — ${fill(s.page.reason, { reason: x.reason ?? '' })}`, { size: 10, indent: 12 })
    w.paragraph(s.sheet.comments, { bold: true, size: 10.5 })
    if (n.comments.length === 0) w.note(s.commentsEmpty)
    for (const c of n.comments) {
      w.paragraph(`${time(c.createdAt)}  ${c.text}`, { size: 10, indent: 12 })
      if (c.answer) w.paragraph(`${s.page.answer}${colon}${c.answer.text}`, { size: 10, indent: 24, color: MUTED })
    }
    w.gap()
  }
}
