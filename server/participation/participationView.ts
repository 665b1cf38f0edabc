/**
 * One viewer's ParticipationState from a project's stored participation: what is mine (my ticks, my
 * ballot, my comments), results hidden until a vote closes when it says so, and never a voter of an
 * anonymous vote (the store does not even have them), and during a private period (各自先想) none of
 * the items others added since it started (needs; comments and revision requests on design options),
 * unless the viewer leads it and it says leaders see them; hidden items only for their author and the
 * moderators (moderatedView.ts); phone and ID-card numbers masked but for the committee (maskedState.ts).
 */
import { seesPersonalNumbers, type ModerationEntry } from '../../src/shared/moderation.js'
import type {
  Agreement, Approval, CommentThread, DesignOption, Need, NeedCategory, ParticipationState, Reopen, RevisionRequest, Vote,
} from '../../src/shared/participation.js'
import type { CommentRecord, ThreadRecord } from './commentStore.js'
import { maskedState } from './maskedState.js'
import { moderatedFor, type Viewer } from './moderatedView.js'
import type { NeedRecord } from './needStore.js'
import type { OptionRecord } from './optionStore.js'
import { hidesNeed, hidesRevision, inPeriod as inRunningPeriod, seesEverything, type PrivatePeriodRecord } from './privateStore.js'
import type { PaperBatch, ProxyEntry } from '../../src/shared/proxyEntry.js'
import { paperPoints, proxySummary } from './proxySummary.js'
import type { AnswerRecord, RevisionRecord } from './revisionStore.js'
import type { BallotRecord, VoteRecord } from './voteStore.js'
import { tasksFor, type ProjectTasks } from './taskView.js'

export interface ProjectParticipation {
  revision: number
  categories: NeedCategory[]
  needs: NeedRecord[]
  ticks: { needId: string; participantId: string }[]
  options: OptionRecord[]
  links: { optionId: string; needId: string }[]
  threads: ThreadRecord[]
  comments: CommentRecord[]
  votes: VoteRecord[]
  ballots: BallotRecord[]
  tallies: { voteId: string; optionId: string; points: number }[]
  revisions: RevisionRecord[]
  answers: AnswerRecord[]
  approvals: Approval[]
  quorum: number | null
  agreements: Agreement[]
  reopens: Reopen[]
  privatePeriod: PrivatePeriodRecord | null
  /** The moderation log, oldest first (moderationStore.ts). */
  moderation: ModerationEntry[]
  proxyEntries: ProxyEntry[]
  paper: PaperBatch[]
  /** The task list (taskView.ts); absent: none. */
  tasks?: ProjectTasks
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = map.get(k)
    if (list) list.push(item)
    else map.set(k, [item])
  }
  return map
}

/**
 * The state `viewer` gets: moderation first (moderatedFor: what is hidden leaves the data), then a
 * private period's withheld items, then what is mine, then the phone and ID-card numbers masked for
 * everyone but the committee. Security: `viewer.role` is the viewer's link role; without one (a
 * read-back) the viewer is treated as nobody in particular, so a forgotten argument withholds rather
 * than leaks.
 */
export function viewFor(all: ProjectParticipation, viewer: Viewer): ParticipationState {
  const moderated = moderatedFor(all, viewer)
  const marks = moderated.marks
  let data = moderated.data
  const me = viewer.participantId
  const role = viewer.role
  const isMe = (participantId: string | null) => me !== null && participantId === me
  const period = data.privatePeriod
  const seesAll = seesEverything(period, role)
  // Items of the running period: needs, or comments on design options, added since it started.
  const inPeriod = (kind: PrivatePeriodRecord['scope'], at: number) => inRunningPeriod(period, kind, at)
  const threadKind = new Map(data.threads.map((t) => [t.id, t.target.kind]))
  const periodNeeds = data.needs.filter((n) => n.deletedAt === null && n.mergedInto === null && inPeriod('needs', n.createdAt))
  const periodComments = data.comments.filter((c) => threadKind.get(c.threadId) === 'option' && inPeriod('comments', c.createdAt))
  const periodRevisions = data.revisions.filter((r) => inPeriod('comments', r.createdAt))
  const periodItems = [...periodNeeds.map((n) => n.author), ...periodComments.map((c) => c.author), ...periodRevisions.map((r) => r.author)]
  const hiddenNeed = (n: NeedRecord) => hidesNeed(period, role, me, n)
  const hiddenNeedIds = new Set(data.needs.filter(hiddenNeed).map((n) => n.id))
  // Security: a thread on a withheld need goes with it: its target is the need's id, and what is
  // said there (the organizer's "noted: the lamp at door 3") is the need's content.
  // A deleted need is not in the list at all, so a thread on one that was started during the period
  // (its author's note on her own need, which she then deleted) is withheld too.
  const storedNeedIds = new Set(data.needs.map((n) => n.id))
  const hiddenThreads = new Set(data.threads.filter((t) => t.target.kind === 'need' && (hiddenNeedIds.has(t.target.id) ||
    (!seesAll && !storedNeedIds.has(t.target.id) && inPeriod('needs', t.createdAt)))).map((t) => t.id))
  const hiddenComment = (c: CommentRecord) => hiddenThreads.has(c.threadId) ||
    (!seesAll && threadKind.get(c.threadId) === 'option' && inPeriod('comments', c.createdAt) && !isMe(c.author.participantId))
  data = {
    ...data,
    needs: data.needs.filter((n) => !hiddenNeedIds.has(n.id)),
    comments: data.comments.filter((c) => !hiddenComment(c)),
    // A revision request is withheld with its answers (they are grouped under the ones kept below).
    revisions: data.revisions.filter((r) => !hidesRevision(period, role, me, r)),
  }
  const visibleComments = new Set(data.comments.map((c) => c.threadId))
  // A thread someone else started during the period is withheld whole: its target alone says too much.
  data.threads = data.threads.filter((t) => !hiddenThreads.has(t.id) &&
    !(t.target.kind === 'option' && !visibleComments.has(t.id) && inPeriod('comments', t.createdAt)))
  const liveNeedIds = new Set(data.needs.map((n) => n.id))
  const optionIds = new Set(data.options.map((o) => o.id))
  const links = data.links.filter((l) => liveNeedIds.has(l.needId) && optionIds.has(l.optionId))
  const ticksByNeed = groupBy(data.ticks, (t) => t.needId)
  const mergedFrom = groupBy(data.needs.filter((n) => n.mergedInto !== null), (n) => n.mergedInto!)
  const optionsByNeed = groupBy(links, (l) => l.needId)
  const needsByOption = groupBy(links, (l) => l.optionId)

  const needs: Need[] = data.needs.map((n) => {
    const ticks = ticksByNeed.get(n.id) ?? []
    return {
      id: n.id, x: n.x, y: n.y, categoryId: n.categoryId, text: n.text, photoSrc: n.photoSrc, source: n.source,
      raisedBy: n.raisedBy, author: n.author, stage: n.stage, createdAt: n.createdAt, updatedAt: n.updatedAt,
      ticks: ticks.length, support: ticks.length + n.raisedBy, tickedByMe: ticks.some((t) => isMe(t.participantId)),
      mine: isMe(n.author.participantId), mergedInto: n.mergedInto,
      mergedFrom: (mergedFrom.get(n.id) ?? []).map((m) => m.id).filter((id) => liveNeedIds.has(id)),
      addressedBy: (optionsByNeed.get(n.id) ?? []).map((l) => l.optionId),
      hidden: marks.get(`need:${n.id}`) ?? null, photoHidden: marks.get(`photo:${n.id}`) ?? null,
    }
  })

  const options: DesignOption[] = data.options.map((o) => ({
    id: o.id, title: o.title, description: o.description, frameShapeId: o.frameShapeId,
    addressedNeedIds: (needsByOption.get(o.id) ?? []).map((l) => l.needId),
    author: o.author, createdAt: o.createdAt, updatedAt: o.updatedAt,
  }))

  const commentsByThread = groupBy(data.comments, (c) => c.threadId)
  const threads: CommentThread[] = data.threads.map((t) => ({
    id: t.id, target: t.target, stage: t.stage, createdAt: t.createdAt,
    comments: (commentsByThread.get(t.id) ?? []).map((c) => ({
      id: c.id, author: c.author, text: c.text, mentions: c.mentions, createdAt: c.createdAt, mine: isMe(c.author.participantId),
      hidden: marks.get(`comment:${c.id}`) ?? null,
    })),
    resolved: t.resolvedAt !== null, resolvedBy: t.resolvedBy, resolvedAt: t.resolvedAt,
  }))

  const ballotsByVote = groupBy(data.ballots, (b) => b.voteId)
  const tallies = new Map(data.tallies.map((t) => [`${t.voteId} ${t.optionId}`, t.points]))
  // Paper ballots count in the option's points; ProxySummary.paper shows them as their own line.
  const paper = paperPoints(data.paper)
  const votes: Vote[] = data.votes.map((v) => {
    const ballots = ballotsByVote.get(v.id) ?? []
    const mine = ballots.find((b) => isMe(b.participantId))
    const closed = v.closedAt !== null
    const visible = v.resultsVisibility === 'live' || closed
    return {
      id: v.id, optionIds: v.optionIds, mode: v.mode, dotsPerPerson: v.dotsPerPerson, anonymous: v.anonymous,
      resultsVisibility: v.resultsVisibility, status: closed ? 'closed' : 'open',
      openedBy: v.openedBy, openedAt: v.openedAt, closedBy: v.closedBy, closedAt: v.closedAt,
      ballots: ballots.length,
      results: visible ? v.optionIds.map((optionId) => ({
        optionId,
        points: (tallies.get(`${v.id} ${optionId}`) ?? 0) + (paper.get(`${v.id} ${optionId}`) ?? 0),
        // Security: anonymous ballots carry no points (store), and their voters are never listed.
        voters: v.anonymous ? null : ballots.filter((b) => (b.points?.[optionId] ?? 0) > 0)
          .map((b) => ({ participantId: b.participantId, name: b.name, role: b.role, points: b.points![optionId] })),
      })) : null,
      voted: mine !== undefined,
      myBallot: mine?.points ?? null,
    }
  })

  const answersByRevision = groupBy(data.answers, (a) => a.revisionId)
  const revisions: RevisionRequest[] = data.revisions.map((r) => ({
    id: r.id, optionId: r.optionId, text: r.text, author: r.author, stage: r.stage, createdAt: r.createdAt,
    answers: (answersByRevision.get(r.id) ?? []).map((a) => ({ id: a.id, text: a.text, author: a.author, at: a.at })),
    done: r.doneAt !== null, doneBy: r.doneBy, doneAt: r.doneAt,
  }))

  const state: ParticipationState = {
    revision: data.revision, categories: data.categories, needs, options, threads, votes, revisions,
    approvals: data.approvals, quorum: data.quorum, agreements: data.agreements, reopens: data.reopens,
    privatePeriod: period === null ? null : {
      id: period.id, scope: period.scope, leadersSee: period.leadersSee, startedAt: period.startedAt, startedBy: period.startedBy,
      items: periodItems.length,
      mine: periodItems.filter((a) => isMe(a.participantId)).length,
      hidden: seesAll ? 0 : periodItems.filter((a) => !isMe(a.participantId)).length,
    },
    moderation: data.moderation,
    proxy: proxySummary(data, me),
    tasks: data.tasks ? tasksFor(data.tasks, viewer) : [],
  }
  return seesPersonalNumbers(viewer.role) && !viewer.publicDocument ? state : maskedState(state)
}
