/**
 * The report's 实施落实 (Implementation) section: each task with who is responsible, its due date and
 * its number on the plan (the pins are numbered the same), its status, every delay with its reason,
 * the needs it answers, its progress photos, and the residents' 认可 / 不认可 with their comments —
 * without names (the report is a public document, taskView.ts).
 */
import type { ParticipationState } from '../../src/shared/participation.js'
import { format as fill } from '../../src/shared/i18n/messages.js'
import type { ExportText } from './exportText.js'
import { MUTED, Writer } from './reportWriter.js'

export function tasksSection(w: Writer, state: ParticipationState, t: ExportText, time: (ms: number | null) => string): void {
  const tasks = state.tasks ?? []
  const r = t.report
  const p = t.punct
  if (tasks.length === 0) {
    w.heading(r.tasks)
    return w.note(r.tasksEmpty)
  }
  const needText = new Map(state.needs.map((n) => [n.id, n.text]))
  const TITLE = { bold: true, size: 10 }
  const LINE = { size: 10 }
  const QUOTE = { size: 9, color: MUTED, indent: 12 }
  tasks.forEach((task, i) => {
    const n = i + 1
    const title = fill(r.taskHeading, { n, title: task.title, status: r.taskStatus[task.status] })
    const who = fill(r.taskWho, { who: task.responsible, due: task.due, n })
    if (i === 0) w.heading(r.tasks, w.need(title, TITLE) + w.need(who, LINE))
    w.paragraph(title, { ...TITLE, keepWith: w.need(who, LINE) })
    w.paragraph(who, LINE)
    if (task.description) w.paragraph(task.description, LINE)
    const needs = task.needIds.map((id) => needText.get(id)).filter((x): x is string => x !== undefined)
    if (needs.length > 0) w.paragraph(fill(r.taskNeeds, { needs: needs.join(p.list) }), LINE)
    for (const e of task.history) {
      if (e.status !== 'delayed') continue
      const delay = fill(r.taskDelay, { reason: e.reason, name: e.by.name, time: time(e.at) })
      w.paragraph(e.due ? `${delay}${p.semicolon}${fill(r.taskNewDue, { due: e.due })}` : delay, LINE)
    }
    if (task.photos.length > 0) w.note(fill(r.taskPhotos, { count: task.photos.length }))
    if (task.accepted + task.notAccepted > 0) {
      w.paragraph(fill(r.taskVerdicts, { yes: task.accepted, no: task.notAccepted }), LINE)
      for (const v of task.verdicts) {
        if (v.comment) w.paragraph(`${v.accepted ? r.taskVerdictYes : r.taskVerdictNo}${p.colon}${v.comment}`, QUOTE)
      }
    }
    w.gap()
  })
}
