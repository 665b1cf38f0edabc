/**
 * The spreadsheets (needs, votes, discussions, tasks) of GET /api/projects/<id>/export/<kind>.csv, built from the participation
 * state as a bare link sees it (no "mine"): votes whose results are hidden until they close stay
 * hidden here too, and an anonymous vote has no voters to list (the server never kept them).
 */
import type { CsvKind, ExportLang } from '../../src/shared/exportApi.js'
import type { ParticipationState } from '../../src/shared/participation.js'
import { toCsv, type CsvCell } from './csv.js'
import { EXPORT_TEXT } from './exportText.js'
import { formatTime } from './exportTime.js'
import { needEnteredNote, paperLine, paperPointsOf, tickNote, voterLabel } from './proxyExportText.js'

export function buildCsv(kind: CsvKind, state: ParticipationState, lang: ExportLang, timeZone: string): string {
  const t = EXPORT_TEXT[lang]
  const time = (ms: number | null) => formatTime(ms, timeZone)
  const optionTitle = new Map(state.options.map((o) => [o.id, o.title]))
  const title = (id: string) => optionTitle.get(id) ?? id

  if (kind === 'needs') {
    const category = new Map(state.categories.map((c) => [c.id, lang === 'en' ? c.en : c.zh]))
    const rows: CsvCell[][] = state.needs.map((n) => [
      n.id, category.get(n.categoryId) ?? n.categoryId, n.text, t.sources[n.source], n.raisedBy, n.ticks, n.support,
      n.author.name, t.roles[n.author.role], t.stages[n.stage], time(n.createdAt),
      n.addressedBy.map(title).join('; '), n.mergedInto,
      // Entered for residents (代录): who entered the need for its author, and how many of its ticks.
      [needEnteredNote(state, n, t, n.author.name), tickNote(state, n.id, t)].filter((x) => x !== null).join('; '),
    ])
    return toCsv([...t.csv.needs, t.proxy.csvColumn], rows)
  }

  if (kind === 'votes') {
    const rows: CsvCell[][] = []
    for (const v of state.votes) {
      const head = (option: string): CsvCell[] => [v.id, t.voteModes[v.mode], v.anonymous ? t.yes : t.no, v.status === 'open' ? t.open : t.closed, option]
      if (v.results === null) {
        // Results hidden until the vote closes: the options are listed, their points left empty.
        for (const optionId of v.optionIds) rows.push([...head(title(optionId)), null, null, time(v.closedAt)])
        continue
      }
      for (const r of v.results) {
        // A named vote: one row per voter and option (sum the points column per option for the
        // total); an option nobody chose still gets a row with 0. Anonymous: one row with the total.
        // Paper ballots are a row of their own ("纸质 12 票"), so the points column still sums to the total.
        const paper = paperPointsOf(state, v.id, r.optionId)
        if (r.voters && r.voters.length > 0) {
          for (const voter of r.voters) rows.push([...head(title(r.optionId)), voter.points, voterLabel(state, v, voter, t), time(v.closedAt)])
        } else if (r.points - paper > 0 || paper === 0) {
          rows.push([...head(title(r.optionId)), r.points - paper, null, time(v.closedAt)])
        }
        if (paper > 0) rows.push([...head(title(r.optionId)), paper, paperLine(state, v, r.optionId, t), time(v.closedAt)])
      }
    }
    return toCsv(t.csv.votes, rows)
  }

  const needText = new Map(state.needs.map((n) => [n.id, n.text]))
  if (kind === 'tasks') {
    // 实施落实: one row per task, numbered as its pin on the plan; comments without names (a public document).
    const rows: CsvCell[][] = (state.tasks ?? []).map((task, i) => [
      i + 1, task.title, task.description, task.responsible, task.due, t.report.taskStatus[task.status],
      task.history.filter((e) => e.status === 'delayed').map((e) => (e.due ? `${e.reason} (${e.due})` : e.reason)).join('; '),
      task.accepted, task.notAccepted,
      task.verdicts.filter((v) => v.comment).map((v) => `${v.accepted ? t.report.taskVerdictYes : t.report.taskVerdictNo}: ${v.comment}`).join('; '),
      task.photos.length, task.needIds.map((id) => needText.get(id) ?? id).join('; '), task.x, task.y,
    ])
    return toCsv(t.csv.tasks, rows)
  }
  const targetLabel = (kind: string, id: string) =>
    kind === 'need' ? (needText.get(id) ?? id) : kind === 'option' ? title(id) : id
  const rows: CsvCell[][] = []
  for (const thread of state.threads) {
    for (const c of thread.comments) {
      rows.push([
        thread.id, t.targetKinds[thread.target.kind], targetLabel(thread.target.kind, thread.target.id), t.stages[thread.stage],
        c.author.name, t.roles[c.author.role], c.text, c.mentions.map((r) => t.roles[r]).join('; '), time(c.createdAt),
        thread.resolved ? t.yes : t.no,
      ])
    }
  }
  return toCsv(t.csv.comments, rows)
}
