/**
 * The words of the exports (CSV header rows, the PDF report), in both interface languages, read from
 * the app's own string tables (src/shared/i18n/): the names of roles, stages and need sources are the
 * ones the board shows, the report's file name is the export dialog's, and the files' own words are
 * the tables' report area (src/shared/i18n/zh/report.ts, en/report.ts), which the browser never loads.
 *
 * The tables and `format` live in src/shared/ rather than src/i18n/ because the server may import
 * only src/shared/ (tsconfig.server.json includes server/ and src/shared/; docs/architecture.md):
 * they are plain data and a pure function, the same in Node and in the browser.
 */
import type { ExportLang } from '../../src/shared/exportApi.js'
import { asMessages, type Messages } from '../../src/shared/i18n/messages.js'
import { en } from '../../src/shared/i18n/en/index.js'
import { reportStrings as enReport } from '../../src/shared/i18n/en/report.js'
import { zh, type Strings } from '../../src/shared/i18n/zh/index.js'
import { reportStrings as zhReport } from '../../src/shared/i18n/zh/report.js'
import type { CommentTargetKind, NeedSource, VoteMode } from '../../src/shared/participation.js'
import type { Role, Stage } from '../../src/shared/workflow.js'

/** The report area as the server reads it, each message typed with its Chinese placeholders. */
type ReportStrings = Messages<typeof zhReport>

export interface ExportText {
  roles: Record<Role, string>
  stages: Record<Stage, string>
  sources: Record<NeedSource, string>
  voteModes: Record<VoteMode, string>
  targetKinds: Record<CommentTargetKind, string>
  yes: string
  no: string
  open: string
  closed: string
  /** Punctuation between the report's words and the data: full-width in Chinese, ASCII with spaces in English. */
  punct: ReportStrings['punct']
  /** The report's file name after the project's: '方案报告-{paper}.pdf' (the export dialog's own). */
  reportFile: Strings['export']['files']['report']
  csv: { needs: string[]; votes: string[]; comments: string[]; tasks: string[] }
  /** Entered for residents and paper ballots (./proxyExportText.ts); needsColumn is the needs CSV's last column. */
  proxy: Strings['proxy']
  report: Omit<ReportStrings['pdf'], 'needColumns'> & { needColumns: [string, string, string, string, string] }
}

function exportText(t: Strings, r: ReportStrings): ExportText {
  return {
    roles: t.workflow.roles,
    stages: t.workflow.stages,
    sources: t.needs.sourceShort,
    voteModes: r.voteModes,
    targetKinds: r.targetKinds,
    yes: r.yes,
    no: r.no,
    open: r.open,
    closed: r.closed,
    punct: r.punct,
    reportFile: t.export.files.report,
    // Copies: the tables are read-only (`as const`), the CSV and PDF writers take plain arrays.
    csv: { needs: [...r.csv.needs], votes: [...r.csv.votes], comments: [...r.csv.comments], tasks: [...r.csv.tasks] },
    report: { ...r.pdf, needColumns: [...r.pdf.needColumns] },
    proxy: t.proxy,
  }
}

export const EXPORT_TEXT: Record<ExportLang, ExportText> = {
  'zh-CN': exportText(zh, asMessages(zhReport)),
  // The English report area has the Chinese keys and placeholders (checked in en/report.ts), but
  // Message<P> is a brand that exists only in types, so the compiler cannot connect that check to
  // ReportStrings: the cast is where the checked table takes the Chinese table's message types.
  en: exportText(en, enReport as unknown as ReportStrings),
}
