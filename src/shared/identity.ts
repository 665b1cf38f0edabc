/**
 * Identity rules both sides share (docs/permissions.md, "Identity"; docs/api.md, "Joining" and
 * "Another device"): how two people of the same name are told apart, which roles may join under a
 * name someone already uses, who may confirm whom in person, and the one-time personal links that
 * put a person on another device.
 */
import { arrayOf, isNumber, isString, literal, nullable, record, type Guard } from './guards.js'
import { isParticipant, type Participant } from './projectApi.js'
import { ROLES, type Role } from './workflow.js'

/** ②…⑳: short enough for a cursor label, plain in CSV and PDF, and read the same in Chinese and English. */
const CIRCLED = '②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'

/**
 * The name a participant goes by everywhere others see it (lists, ballots, approvals, exports,
 * cursors): the name, and for the second and later person of that name in the project the number
 * the server gave them — 王芳, 王芳 ②. `seq` is 1 for the first.
 */
export function personLabel(p: { name: string; seq: number }): string {
  if (p.seq <= 1) return p.name
  return `${p.name} ${p.seq - 2 < CIRCLED.length ? CIRCLED[p.seq - 2] : `#${p.seq}`}`
}

/**
 * Characters that show nothing, or nothing but blank: format characters (\p{Cf}: zero-width space
 * U+200B, joiners, direction marks, soft hyphen, BOM…) and the blank-looking letters and marks some
 * fonts draw as nothing (combining grapheme joiner, Hangul fillers, braille blank). A name holding one
 * looks exactly like the name without it, so it could pose as someone else.
 */
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u2800\u3164\uffa0]/u

/**
 * A name ending like the number personLabel adds to a namesake: a space, then a circled number
 * (①…⑳, and the other circled digit sets that look the same) or `#digits`. Typed literally,
 * `王芳 ②` would look exactly like the second 王芳. Checked on the name as typed (NFKC turns ② into 2)
 * and on its canonical form (which turns ＃２ into #2 and an ideographic space into a space).
 */
const NUMBERED = /\s[\u2460-\u2473\u24ea-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]$|\s#\d+$/u

/**
 * The form a name or unit is stored, shown and compared in: NFKC (full-width letters and digits, the
 * ideographic space and other look-alike compatibility forms become their plain form) with every run
 * of white space one space, trimmed. Two names that read the same on a phone compare equal.
 */
export function canonicalPersonText(value: string): string {
  return value.normalize('NFKC').replace(/\s+/gu, ' ').trim()
}

export function hasInvisibleCharacters(value: string): boolean {
  return INVISIBLE.test(value)
}

/**
 * What two names (or units) are compared by for "taken": the canonical form without invisible
 * characters — so a name stored before these were refused (`王芳` + U+200B) still takes `王芳`.
 */
export function personTextKey(value: string): string {
  return canonicalPersonText(value.replace(new RegExp(INVISIBLE.source, 'gu'), ''))
}

/**
 * Why a name (as typed, or canonical) may not be used, or null: 'invisible' when it holds characters
 * that show nothing, 'numbered' when it ends like a namesake's number (`王芳 ②`, `王芳 #2`).
 */
export function nameProblem(name: string): 'invisible' | 'numbered' | null {
  if (hasInvisibleCharacters(name)) return 'invisible'
  if (NUMBERED.test(name) || NUMBERED.test(canonicalPersonText(name))) return 'numbered'
  return null
}

/**
 * Roles whose join may go on as a new person when the name (and unit) is already taken: residents
 * (a building really has two 王芳) and experts. Not committee members and organizers: a committee
 * name stands for an approval, so a second 刘主任 must be someone the organizer confirms in person,
 * never a second participant made by whoever holds the committee link.
 */
export const NAMESAKE_ROLES: readonly Role[] = ['resident', 'expert']

export function mayJoinAsNamesake(role: Role): boolean {
  return NAMESAKE_ROLES.includes(role)
}

/**
 * Who may confirm a person in person and hand them a one-time personal link: the organizer anyone,
 * a committee member residents only (never a colleague, whose approval that would be).
 */
export function mayConfirm(confirmer: Role, target: Role): boolean {
  if (confirmer === 'organizer') return true
  return confirmer === 'committee' && target === 'resident'
}

/** How long a one-time personal link works once made. */
export const CLAIM_TTL_MS = 60 * 60 * 1000

/** A personal link is `/join/<projectId>#claim=<code>`: the code rides in the fragment, never sent in a request line. */
export const CLAIM_PREFIX = 'claim='

export function claimLinkPath(projectId: string, code: string): string {
  return `/join/${encodeURIComponent(projectId)}#${CLAIM_PREFIX}${code}`
}

/** The claim code in a fragment like `#claim=<code>`, or null when the fragment is a role link's token. */
export function claimFromHash(hash: string): string | null {
  const raw = hash.replace(/^#/, '')
  if (!raw.startsWith(CLAIM_PREFIX)) return null
  return raw.slice(CLAIM_PREFIX.length).trim()
}

/** Why a personal link was made: the person asked from a device they hold, or someone confirmed them in person. */
export type ClaimKind = 'device' | 'confirmed'

/**
 * POST …/participants/me/device-link and POST …/participants/:participantId/confirm answer this.
 * The code is shown once (the server keeps its hash) and works once, until `expiresAt`.
 */
export interface ClaimLinkResponse {
  participant: Participant
  code: string
  /** `/join/<projectId>#claim=<code>`: open it (or scan its QR code) on the other device. */
  link: string
  expiresAt: number
}

/** POST …/participants/claim */
export interface ClaimRequest {
  code: string
}

/** One personal link as recorded: who made it for whom, when, and whether it was used. */
export interface IdentityEvent {
  kind: ClaimKind
  participantId: string
  /** The person's label then (personLabel). */
  participantName: string
  byParticipantId: string | null
  byName: string
  byRole: Role
  at: number
  expiresAt: number
  usedAt: number | null
}

/** GET …/people (organizer and committee): everyone who joined, and (organizer only) the record of personal links. */
export interface PeopleList {
  participants: Participant[]
  /** Newest first; empty for a committee member. */
  identityEvents: IdentityEvent[]
}

// Checks of the answers, for the browser's client (src/shared/guards.ts says how they compose).

export const isClaimLinkResponse: Guard<ClaimLinkResponse> = record({ participant: isParticipant, code: isString, link: isString, expiresAt: isNumber })

const isIdentityEvent: Guard<IdentityEvent> = record({
  kind: literal(['device', 'confirmed']),
  participantId: isString,
  participantName: isString,
  byParticipantId: nullable(isString),
  byName: isString,
  byRole: literal(ROLES),
  at: isNumber,
  expiresAt: isNumber,
  usedAt: nullable(isNumber),
})

export const isPeopleList: Guard<PeopleList> = record({ participants: arrayOf(isParticipant), identityEvents: arrayOf(isIdentityEvent) })
