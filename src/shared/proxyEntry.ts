/**
 * Acting for a resident without a phone (代录, docs/api.md "Entering for a resident"): a committee
 * member records a need, a tick or a ballot on behalf of a named resident, and enters paper ballots
 * of an open vote as a batch. Runtime-neutral: the server builds these, the browser checks them.
 *
 * "The same resident" is one participant of the project: a resident picked from the people list, or
 * one the committee adds by name (a participant of the residents' link with no device yet). A
 * personal link made for her later (confirm, docs/permissions.md "Identity") opens that very
 * participant, so her own phone and the committee's entries are one person: one tick, one ballot.
 */
import { arrayOf, isNumber, isString, literal, nullable, record, recordOf, type Guard } from './guards.js'
import { ROLES, type Role } from './workflow.js'

export const PROXY_KINDS = ['need', 'tick', 'ballot'] as const
export type ProxyKind = (typeof PROXY_KINDS)[number]

/** At most this many papers (or dots) per option in one paper batch. */
export const PAPER_COUNT_MAX = 10000
export const PAPER_SOURCE_MAX = 100

/** One thing a committee member entered for a resident: "居委 张三 代 李阿姨 录入". */
export interface ProxyEntry {
  id: string
  kind: ProxyKind
  /** The need (need, tick) or the vote (ballot). */
  targetId: string
  forId: string
  forName: string
  byName: string
  byRole: Role
  at: number
  /** Set when it was taken back (a tick removed, a clash resolved for her own ballot): kept as a record. */
  removedAt: number | null
  removedByName: string | null
}

/** Paper ballots of one vote, counted by hand: points per option and where they came from. */
export interface PaperBatch {
  id: string
  voteId: string
  /** option id → papers (single choice) or dots (dot vote). */
  counts: Record<string, number>
  /** "纸质选票，3号楼活动室" */
  source: string
  byName: string
  at: number
  /** Removed or corrected: it no longer counts; `replacedBy` is its correction. */
  removedAt: number | null
  removedByName: string | null
  replacedBy: string | null
}

/** A resident voted on her own phone after the committee had entered her ballot (or tried to). */
export interface VoteClash {
  id: string
  voteId: string
  participantId: string
  name: string
  at: number
  resolvedAt: number | null
  resolvedByName: string | null
  /** 'committee': the entered ballot stays; 'own': it was removed, so she can vote herself. */
  kept: 'committee' | 'own' | null
}

/** GET /api/projects/:id/proxy: the committee's and organizer's full record. */
export interface ProxyRecord {
  entries: ProxyEntry[]
  paper: PaperBatch[]
  clashes: VoteClash[]
}

/**
 * What everyone sees in ParticipationState.proxy: the counts that include entries for residents,
 * so every count can say so ("含代录 2", "纸质 12 票"). Names only where the record is named anyway.
 */
export interface ProxySummary {
  /** Needs entered for their author (the resident), by whom. */
  needs: { needId: string; byName: string; byRole: Role }[]
  /** Standing ticks entered for residents, per need. */
  ticks: { needId: string; count: number }[]
  /** Ballots entered for residents, per vote (a count only: who is named in a named vote's voters). */
  ballots: { voteId: string; count: number; byVoter: { participantId: string; byName: string; byRole: Role }[] }[]
  /** Paper points per vote and option, while the vote's results are visible; already in its results' points. */
  paper: { voteId: string; optionId: string; points: number }[]
  /** The votes in which the committee entered this viewer's own ballot, and who did (so her phone can say so). */
  forMe: { voteId: string; byName: string; byRole: Role }[]
}

export const isProxySummary: Guard<ProxySummary> = record({
  needs: arrayOf(record({ needId: isString, byName: isString, byRole: literal(ROLES) })),
  ticks: arrayOf(record({ needId: isString, count: isNumber })),
  ballots: arrayOf(record({ voteId: isString, count: isNumber, byVoter: arrayOf(record({ participantId: isString, byName: isString, byRole: literal(ROLES) })) })),
  paper: arrayOf(record({ voteId: isString, optionId: isString, points: isNumber })),
  forMe: arrayOf(record({ voteId: isString, byName: isString, byRole: literal(ROLES) })),
})

const isEntry: Guard<ProxyEntry> = record({
  id: isString, kind: literal(PROXY_KINDS), targetId: isString, forId: isString, forName: isString, byName: isString, byRole: literal(ROLES), at: isNumber,
  removedAt: nullable(isNumber), removedByName: nullable(isString),
})

export const isProxyRecord: Guard<ProxyRecord> = record({
  entries: arrayOf(isEntry),
  paper: arrayOf(record({
    id: isString, voteId: isString, counts: recordOf(isNumber), source: isString, byName: isString, at: isNumber,
    removedAt: nullable(isNumber), removedByName: nullable(isString), replacedBy: nullable(isString),
  })),
  clashes: arrayOf(record({
    id: isString, voteId: isString, participantId: isString, name: isString, at: isNumber,
    resolvedAt: nullable(isNumber), resolvedByName: nullable(isString), kept: nullable(literal(['committee', 'own'])),
  })),
})
