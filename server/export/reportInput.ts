/**
 * Everything one PDF report shows, gathered on the main thread from the workflow and participation
 * stores into plain data (structured-clone safe), so the render itself can run in a worker thread
 * without any database handle (runReport.ts).
 */
import { maskPersonalNumbers as m } from '../../src/shared/personalNumbers.js'
import type { ExportLang, PageBounds, ReportPaper } from '../../src/shared/exportApi.js'
import { personLabel } from '../../src/shared/identity.js'
import type { ParticipationState } from '../../src/shared/participation.js'
import type { ProjectInfo, StageMove } from '../../src/shared/projectApi.js'
import type { PublicNotice } from '../../src/shared/notice.js'
import { isAgreedOrLater, type Role, type Stage } from '../../src/shared/workflow.js'
import { documentFor } from '../participation/moderatedView.js'
import { publicNotice } from '../participation/noticeView.js'
import type { Participation } from '../participation/Participation.js'
import type { Workflow } from '../workflow/Workflow.js'
import type { AssetScope } from './reportSvg.js'

export interface ReportInput {
  lang: ExportLang
  paper: ReportPaper
  timeZone: string
  exportedAt: number
  project: ProjectInfo
  stage: Stage
  moves: StageMove[]
  /** Per role: how many joined, and the names (residents' are left out: a count is enough for a record). */
  participants: Record<Role, { count: number; names: string[] }>
  participation: ParticipationState
  /** The option the report features: the agreed one, else the one the exporter named, else null. */
  optionId: string | null
  /** Absolute URL of the live board (/p/<id> on the host the request came to), or the bare path. */
  boardLink: string
  optionSvg: string | null
  /** Where optionSvg's frame is on the board (canvas units): the needs' pins are mapped through it. */
  optionBounds: PageBounds | null
  boardSvg: string | null
  assets: AssetScope
  /** Where shrunk photo renditions are cached: <dataDir>/report-cache/<projectId>. */
  photoCacheDir: string
  /** The public notices (公示) of the agreed plan, as the public saw them, oldest first (reportNotice.ts). */
  notices?: PublicNotice[]
}

export interface ReportChoices {
  lang: ExportLang
  /** Who exports: the report shows what their screen shows (a private period's items withheld). */
  viewer: { participantId: string | null; role: Role }
  paper: ReportPaper
  timeZone: string
  optionId: string | null
  optionSvg: string | null
  optionBounds: PageBounds | null
  boardSvg: string | null
  boardLink: string
  assets: AssetScope
  photoCacheDir: string
}

export function gatherReportInput(workflow: Workflow, participation: Participation, projectId: string, choices: ReportChoices): ReportInput {
  const shared = workflow.sharedState(projectId)
  if (!shared) throw new Error(`project ${projectId} vanished while its report was prepared`)
  // The report is a public document: moderation's public view (documentFor), the rest as the exporter's screen.
  const state = participation.stateFor(projectId, documentFor(choices.viewer))
  // Spelled out rather than built from ROLES: the compiler then checks every role has its entry.
  const participants: ReportInput['participants'] = {
    organizer: { count: 0, names: [] }, expert: { count: 0, names: [] }, committee: { count: 0, names: [] }, resident: { count: 0, names: [] },
  }
  for (const p of workflow.listParticipants(projectId)) {
    participants[p.role].count++
    if (p.role !== 'resident') participants[p.role].names.push(m(personLabel(p)))
  }
  const agreed = isAgreedOrLater(shared.stage) ? state.agreements.at(-1)?.optionId ?? null : null
  const known = (id: string | null) => (id && state.options.some((o) => o.id === id) ? id : null)
  return {
    lang: choices.lang,
    paper: choices.paper,
    timeZone: choices.timeZone,
    exportedAt: Date.now(),
    // Security: the report is a public document (docs/permissions.md, "Moderation"): the
    // participation comes in the public view (hidden items out, numbers masked), and the few free
    // texts of the workflow it prints — the project's own words, names, who moved a stage — are masked too.
    project: { ...shared.project, name: m(shared.project.name), site: m(shared.project.site), area: m(shared.project.area), brief: m(shared.project.brief) },
    stage: shared.stage,
    moves: shared.moves.map((mv) => ({ ...mv, byName: m(mv.byName) })),
    participants,
    participation: state,
    optionId: known(agreed) ?? known(choices.optionId) ?? mostApproved(state),
    boardLink: choices.boardLink,
    optionSvg: choices.optionSvg,
    optionBounds: choices.optionBounds,
    boardSvg: choices.boardSvg,
    assets: choices.assets,
    photoCacheDir: choices.photoCacheDir,
    notices: participation.notices.list(projectId).map((n) => publicNotice(participation, workflow, n, Date.now())),
  }
}

/** Before an agreement: the option most committee members approved, if any did. */
function mostApproved(state: ParticipationState): string | null {
  const counts = new Map<string, number>()
  for (const a of state.approvals) counts.set(a.optionId, (counts.get(a.optionId) ?? 0) + 1)
  let best: string | null = null
  for (const [id, n] of counts) if (best === null || n > counts.get(best)!) best = id
  return best
}
