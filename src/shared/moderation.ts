/**
 * Moderation (docs/api.md, "Moderation"; docs/permissions.md): the organizer and the committee hide a
 * need, a need's photo or a comment with a reason; the author still sees it, greyed, with the reason;
 * nothing is deleted and it can be restored. Every hide and restore is kept as a log entry.
 * Runtime-neutral: both sides import it.
 */
import { isNumber, isString, literal, nullable, record, type Guard } from './guards.js'
import { PERMISSIONS, ROLES, STAGES, type Role } from './workflow.js'
import type { Actor } from './participation.js'

/** The short list a moderator picks from; 'other' needs a typed note. */
export const HIDE_REASONS = ['personal', 'offTopic', 'offensive', 'duplicate', 'other'] as const
export type HideReason = (typeof HIDE_REASONS)[number]

/** What can be hidden: a need (its text, pin, ticks, photo and comments), only its photo, or one comment. */
export const MODERATION_TARGET_KINDS = ['need', 'photo', 'comment'] as const
export type ModerationTargetKind = (typeof MODERATION_TARGET_KINDS)[number]

export const HIDE_NOTE_MAX = 200

export interface ModerationTarget {
  kind: ModerationTargetKind
  /** A need id for 'need' and 'photo', a comment id for 'comment'. */
  id: string
}

/** Why and by whom an item is hidden, as its author and the moderators see it. */
export interface HiddenMark {
  reason: HideReason
  /** Typed words; may be empty unless the reason is 'other'. */
  note: string
  by: Actor
  at: number
}

/** One hide or restore, as the moderators' log shows it (oldest first). */
export interface ModerationEntry {
  id: string
  target: ModerationTarget
  action: 'hide' | 'restore'
  /** null for a restore. */
  reason: HideReason | null
  note: string
  by: Actor
  at: number
}

/** POST /api/projects/:id/moderation/hide */
export interface HideRequest {
  target: ModerationTarget
  reason: HideReason
  note?: string
}

/** POST /api/projects/:id/moderation/restore */
export interface RestoreRequest {
  target: ModerationTarget
}

/**
 * Roles that see hidden items (and the log) in every stage: those that may `moderate` (hide and
 * restore, PERMISSIONS in src/shared/workflow.ts) in any stage. Seeing what is hidden does not end
 * with a stage, so it is a role rule drawn from the one table.
 */
export const MODERATOR_ROLES: readonly Role[] = ROLES.filter((role) => STAGES.some((stage) => PERMISSIONS[stage].moderate.includes(role)))

export function seesHidden(role: Role | null): boolean {
  return role !== null && MODERATOR_ROLES.includes(role)
}

/**
 * Only the committee reads phone and ID-card numbers as typed (it is the body that may call
 * residents back); everyone else, the exports and the report get them masked.
 */
export function seesPersonalNumbers(role: Role | null): boolean {
  return role === 'committee'
}

const isActor: Guard<Actor> = record({ participantId: nullable(isString), name: isString, role: literal(ROLES) })

export const isHiddenMark: Guard<HiddenMark> = record({ reason: literal(HIDE_REASONS), note: isString, by: isActor, at: isNumber })

export const isModerationEntry: Guard<ModerationEntry> = record({
  id: isString,
  target: record({ kind: literal(MODERATION_TARGET_KINDS), id: isString }),
  action: literal(['hide', 'restore']),
  reason: nullable(literal(HIDE_REASONS)),
  note: isString,
  by: isActor,
  at: isNumber,
})
