/**
 * What the public sees of a notice (GET /api/notices/<token>, the public page, the printed sheet):
 * built from the participation's public-document view (documentFor: no hidden item, every phone and
 * ID-card number masked) and then cut down to the notice's own fields.
 *
 * Security: nothing with a person in it leaves here — no author of a need, no voter, no approver's
 * name, no commenter (public comments have none), no one who answered (the committee answers as the
 * committee) — and no token or id of anything but the notice's own needs and comments.
 */
import { noticeStatus, type NoticeNeed, type NoticeVote, type PublicNotice } from '../../src/shared/notice.js'
import type { Need, ParticipationState } from '../../src/shared/participation.js'
import { maskPersonalNumbers as m } from '../../src/shared/personalNumbers.js'
import { STAGES, type Stage } from '../../src/shared/workflow.js'
import type { Workflow } from '../workflow/Workflow.js'
import { documentFor, PUBLIC_VIEWER } from './moderatedView.js'
import type { StoredNotice } from './noticeStore.js'
import type { Participation } from './Participation.js'

export interface AgreedOption {
  optionId: string | null
  state: ParticipationState
  addressed: Need[]
  notAddressed: Need[]
}

/** The agreed option and its needs, addressed or not, as the public sees them; null before Agreed. */
export function agreedOptionOf(participation: Participation, projectId: string, stage: Stage, optionId?: string | null): AgreedOption | null {
  if (optionId === undefined && STAGES.indexOf(stage) < STAGES.indexOf('agreed')) return null
  const state = participation.stateFor(projectId, documentFor(PUBLIC_VIEWER))
  const id = optionId === undefined ? state.agreements.at(-1)?.optionId ?? null : optionId
  const live = state.needs.filter((n) => n.mergedInto === null).sort((a, b) => b.support - a.support || a.createdAt - b.createdAt)
  const addressed = id === null ? [] : live.filter((n) => n.addressedBy.includes(id))
  const notAddressed = live.filter((n) => !addressed.includes(n))
  return { optionId: id, state, addressed, notAddressed }
}

export function publicNotice(participation: Participation, workflow: Workflow, notice: StoredNotice, now: number): PublicNotice {
  const shared = workflow.sharedState(notice.projectId)
  const agreed = agreedOptionOf(participation, notice.projectId, shared?.stage ?? 'agreed', notice.optionId)
  const state = agreed?.state ?? participation.stateFor(notice.projectId, documentFor(PUBLIC_VIEWER))
  const category = new Map(state.categories.map((c) => [c.id, c]))
  const need = (n: Need, reason: string | null): NoticeNeed => ({
    id: n.id, categoryZh: category.get(n.categoryId)?.zh ?? '', categoryEn: category.get(n.categoryId)?.en ?? '',
    text: n.text, support: n.support, reason: reason === null ? null : m(reason),
  })
  const option = state.options.find((o) => o.id === notice.optionId)
  const title = (id: string) => state.options.find((o) => o.id === id)?.title ?? ''
  const votes: NoticeVote[] = state.votes.filter((v) => v.status === 'closed' && v.results !== null).map((v) => ({
    id: v.id, mode: v.mode, ballots: v.ballots, closedAt: v.closedAt,
    results: (v.results ?? []).map((r) => ({ title: m(title(r.optionId)), points: r.points })),
  }))
  const agreement = [...state.agreements].reverse().find((a) => a.optionId === notice.optionId && a.at <= notice.openedAt)
  const comments = participation.notices.comments(notice.id).filter((c) => c.hidden === null).map((c) => ({
    id: c.id, text: m(c.text), createdAt: c.createdAt, answer: c.answer && { text: m(c.answer.text), at: c.answer.at },
  }))
  const project = shared?.project
  return {
    project: { name: m(project?.name ?? ''), site: m(project?.site ?? ''), area: m(project?.area ?? '') },
    period: { startsAt: notice.startsAt, endsAt: notice.endsAt, closedAt: notice.closedAt, status: noticeStatus(notice, now) },
    option: option ? { title: m(option.title), description: m(option.description) } : null,
    agreedAt: agreement?.at ?? null,
    hasPlan: notice.planSvg !== null,
    addressed: (agreed?.addressed ?? []).map((n) => need(n, null)),
    notAddressed: (agreed?.notAddressed ?? []).map((n) => need(n, notice.reasons[n.id] ?? null)),
    votes,
    approvals: { count: agreement?.approvals.length ?? 0, quorum: agreement?.quorum ?? null },
    comments,
  }
}
