/**
 * The public notice (公示) of an agreed plan (docs/api.md, "Public notice"): the organizer opens a
 * notice period at 方案定稿; a public link and a printable sheet show the agreed option, the needs it
 * addresses and does not (with the reason), the vote and approval results without names, and the
 * period; anyone with the link may comment during the period, the committee answers each comment.
 * Runtime-neutral: both sides import it.
 */
import { arrayOf, isBoolean, isNumber, isString, literal, nullable, record, recordOf, type Guard } from './guards.js'
import { isHiddenMark, type HiddenMark } from './moderation.js'
import { VOTE_MODES, type Actor, type VoteMode } from './participation.js'
import { ROLES } from './workflow.js'

/** The longest notice period, in days (a notice is typically 7 days; a month or two at the very most). */
export const NOTICE_DAYS_MAX = 60
export const DAY_MS = 24 * 60 * 60 * 1000
/** A public comment, in characters. */
export const NOTICE_COMMENT_MAX = 500
export const NOTICE_ANSWER_MAX = 1000
/** Why a need is not addressed, in characters. */
export const NOTICE_REASON_MAX = 300
/** Comments one notice keeps at most (a flood cannot fill the disk). */
export const NOTICE_COMMENTS_MAX = 2000
/** Public comments one network address may post per minute. */
export const NOTICE_COMMENTS_PER_MINUTE = 3

export const NOTICE_STATUSES = ['upcoming', 'open', 'ended', 'closed'] as const
/** upcoming: before its start; open: comments taken; ended: its end passed; closed: the organizer ended it early (or reopened the plan). */
export type NoticeStatus = (typeof NOTICE_STATUSES)[number]

export interface NoticePeriod {
  startsAt: number
  endsAt: number
  closedAt: number | null
  status: NoticeStatus
}

export function noticeStatus(p: { startsAt: number; endsAt: number; closedAt: number | null }, now: number): NoticeStatus {
  if (p.closedAt !== null) return 'closed'
  if (now < p.startsAt) return 'upcoming'
  return now < p.endsAt ? 'open' : 'ended'
}

export interface NoticeAnswer {
  text: string
  at: number
}

/** A comment as the public page shows it: no name, no number (masked), the committee's answer under it. */
export interface PublicNoticeComment {
  id: string
  text: string
  createdAt: number
  answer: NoticeAnswer | null
}

export interface NoticeNeed {
  id: string
  categoryZh: string
  categoryEn: string
  text: string
  /** Ticks plus residents who raised it on paper. */
  support: number
  /** Why it is not addressed (the organizer's words), or null; always null for an addressed need. */
  reason: string | null
}

export interface NoticeVote {
  id: string
  mode: VoteMode
  ballots: number
  closedAt: number | null
  /** Per option, no voters' names. */
  results: { title: string; points: number }[]
}

/** GET /api/notices/<token>: what the public may see, and nothing more. */
export interface PublicNotice {
  project: { name: string; site: string; area: string }
  period: NoticePeriod
  option: { title: string; description: string } | null
  agreedAt: number | null
  /** The plan picture is at /api/notices/<token>/plan.svg. */
  hasPlan: boolean
  addressed: NoticeNeed[]
  notAddressed: NoticeNeed[]
  votes: NoticeVote[]
  /** Committee approvals the agreement was confirmed with (a count: no names), and the quorum. */
  approvals: { count: number; quorum: number | null }
  /** Oldest first; hidden ones left out. */
  comments: PublicNoticeComment[]
}

/** A comment as the organizer and committee see it: with its hidden mark and who answered. */
export interface NoticeComment {
  id: string
  text: string
  createdAt: number
  answer: (NoticeAnswer & { by: Actor }) | null
  hidden: HiddenMark | null
}

/** One notice as the organizer and committee see it (GET /api/projects/<id>/notice). */
export interface NoticeRecord {
  id: string
  /** The public link's path: /n/<token>. The link is public by design (printed on the notice board). */
  link: string
  token: string
  optionId: string | null
  period: NoticePeriod
  openedBy: Actor
  openedAt: number
  closedBy: Actor | null
  /** The organizer's reason per not-addressed need id. */
  reasons: Record<string, string>
  hasPlan: boolean
  comments: NoticeComment[]
  /** Comments shown publicly (not hidden) without an answer yet. */
  unanswered: number
}

export interface NoticeState {
  /** Oldest first; the last is the current one. */
  notices: NoticeRecord[]
  /** The agreed option's needs not addressed (to give reasons for), when the project is agreed. */
  notAddressed: { id: string; text: string }[]
  /** Whether the organizer may open a notice now (agreed, an agreed option, none running). */
  canOpen: boolean
  /** The agreed option's frame on the board (its drawing goes with a new notice), or null. */
  optionFrameId: string | null
}

export interface OpenNoticeRequest {
  startsAt: number
  endsAt: number
  reasons?: Record<string, string>
  optionSvg?: string
  optionBounds?: { x: number; y: number; width: number; height: number }
}

const isActor: Guard<Actor> = record({ participantId: nullable(isString), name: isString, role: literal(ROLES) })
const isPeriod: Guard<NoticePeriod> = record({ startsAt: isNumber, endsAt: isNumber, closedAt: nullable(isNumber), status: literal(NOTICE_STATUSES) })
const isAnswer: Guard<NoticeAnswer> = record({ text: isString, at: isNumber })
const isPublicComment: Guard<PublicNoticeComment> = record({ id: isString, text: isString, createdAt: isNumber, answer: nullable(isAnswer) })
const isNeed: Guard<NoticeNeed> = record({
  id: isString, categoryZh: isString, categoryEn: isString, text: isString, support: isNumber, reason: nullable(isString),
})
const isVote: Guard<NoticeVote> = record({
  id: isString, mode: literal(VOTE_MODES), ballots: isNumber, closedAt: nullable(isNumber),
  results: arrayOf(record({ title: isString, points: isNumber })),
})

export const isPublicNotice: Guard<PublicNotice> = record({
  project: record({ name: isString, site: isString, area: isString }),
  period: isPeriod,
  option: nullable(record({ title: isString, description: isString })),
  agreedAt: nullable(isNumber),
  hasPlan: isBoolean,
  addressed: arrayOf(isNeed),
  notAddressed: arrayOf(isNeed),
  votes: arrayOf(isVote),
  approvals: record({ count: isNumber, quorum: nullable(isNumber) }),
  comments: arrayOf(isPublicComment),
})

const isNoticeComment: Guard<NoticeComment> = record({
  id: isString, text: isString, createdAt: isNumber,
  answer: nullable(record({ text: isString, at: isNumber, by: isActor })),
  hidden: nullable(isHiddenMark),
})

export const isNoticeState: Guard<NoticeState> = record({
  notices: arrayOf(record({
    id: isString, link: isString, token: isString, optionId: nullable(isString), period: isPeriod,
    openedBy: isActor, openedAt: isNumber, closedBy: nullable(isActor), reasons: recordOf(isString),
    hasPlan: isBoolean, comments: arrayOf(isNoticeComment), unanswered: isNumber,
  })),
  notAddressed: arrayOf(record({ id: isString, text: isString })),
  canOpen: isBoolean,
  optionFrameId: nullable(isString),
})

/** The public page's path for a notice token. */
export function noticePath(token: string): string {
  return `/n/${token}`
}
