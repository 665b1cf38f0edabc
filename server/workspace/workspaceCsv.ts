/**
 * The workspace's spreadsheets (UTF-8 with BOM, server/export/csv.ts): the overview, the weekly
 * check-in and the needs and resources lists with their matches. Words from the app's string tables.
 */
import type { ExportLang } from '../../src/shared/exportApi.js'
import { en } from '../../src/shared/i18n/en/index.js'
import { zh } from '../../src/shared/i18n/zh/index.js'
import { ROLES } from '../../src/shared/workflow.js'
import type { ProjectChanges, ProjectSummary, WorkspaceLists } from '../../src/shared/workspaceApi.js'
import { toCsv, type CsvCell } from '../export/csv.js'
import { formatTime } from '../export/exportTime.js'

export const WORKSPACE_CSV_KINDS = ['overview', 'weekly', 'lists'] as const
export type WorkspaceCsvKind = (typeof WORKSPACE_CSV_KINDS)[number]

const TABLES = { 'zh-CN': zh, en } as const

export function overviewCsv(projects: ProjectSummary[], lang: ExportLang, timeZone: string): string {
  const t = TABLES[lang]
  const w = t.workspace.csv
  const rows: CsvCell[][] = projects.map((p) => [
    p.name, p.area, t.workflow.stages[p.stage], p.daysInStage, p.needsRaised, p.needsAddressed, p.needsMatched,
    ...ROLES.map((r) => p.participants[r]), p.openRevisions, p.tasks.done, p.tasks.late,
    formatTime(p.lastActivity, timeZone), p.overdue ? w.yes : '',
  ])
  return toCsv([...w.overview, ...ROLES.map((r) => t.workflow.roles[r]), ...w.overviewTail], rows)
}

export function weeklyCsv(changes: ProjectChanges[], lang: ExportLang, timeZone: string): string {
  const t = TABLES[lang]
  const w = t.workspace.csv
  const rows: CsvCell[][] = changes.map((c) => [
    c.name, t.workflow.stages[c.stage],
    c.stageMoves.map((m) => `${t.workflow.stages[m.from]} → ${t.workflow.stages[m.to]} (${formatTime(m.at, timeZone, false)})`).join('; '),
    c.newNeeds, c.needsAddressed, c.votesOpened, c.votesClosed, c.ballots, c.approvals, c.tasksDone, c.active ? w.yes : w.no,
  ])
  return toCsv([...w.weekly], rows)
}

export function listsCsv(lists: WorkspaceLists, lang: ExportLang, timeZone: string): string {
  const t = TABLES[lang]
  const w = t.workspace.csv
  const rows: CsvCell[][] = []
  for (const e of lists.entries) {
    const matches = lists.matches.filter((m) => m.resourceId === e.id)
    rows.push([
      t.workspace.lists.sides[e.side], e.kind ? t.workspace.lists.kinds[e.kind] : '', e.name, e.description, e.amount, e.contact,
      e.community, formatTime(e.createdAt, timeZone), matches.map((m) => `${m.projectName}: ${m.needText}`).join('; '),
    ])
  }
  return toCsv([...w.lists], rows)
}
