/**
 * What every participation route does with its request: find who is asking (link, participant,
 * stage), check the role × stage table with an error that says whether it is the stage or the role,
 * insist on a personal token where a person is recorded, read the body's fields with errors a person
 * can act on, and answer with the caller's new ParticipationState.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Actor, ParticipationResponse } from '../../../src/shared/participation.js'
import type { ErrorCode, RequestField } from '../../../src/shared/errorCodes.js'
import { personLabel } from '../../../src/shared/identity.js'
import { isRole, PERMISSIONS, STAGES, type Action, type Role, type Stage } from '../../../src/shared/workflow.js'
import type { Facilitation } from '../../participation/Facilitation.js'
import type { Participation } from '../../participation/Participation.js'
import type { LinkRecord, ParticipantRecord, ProjectRecord } from '../../workflow/ProjectStore.js'
import type { Workflow } from '../../workflow/Workflow.js'
import { HttpError } from '../HttpError.js'
import { authenticate, type Body } from '../projectRequest.js'
import { sendJson } from '../respond.js'

export interface ParticipationDeps {
  workflow: Workflow
  participation: Participation
  facilitation: Facilitation
  dataDir: string
}

export interface Caller {
  project: ProjectRecord
  stage: Stage
  link: LinkRecord
  participant: ParticipantRecord | null
  /** How the caller is recorded: the participant's name, else the link's label or role. */
  actor: Actor
}

export const STAGE_NAMES: Record<Stage, string> = {
  organize: 'Organize', needs: 'Collect needs', siteVisit: 'Site visit', negotiate: 'Negotiate', agreed: 'Agreed',
}

const ROLE_NAMES: Record<Role, string> = { organizer: 'organizer', expert: 'expert', committee: 'committee', resident: 'resident' }

export function caller(req: IncomingMessage, workflow: Workflow, projectId: string): Caller {
  const { project, link, participant } = authenticate(req, workflow, projectId)
  const actor: Actor = participant
    // The label (王芳 ②), so namesakes stay two people in every list, ballot count and export.
    ? { participantId: participant.id, name: personLabel(participant), role: link.role }
    : { participantId: null, name: link.label || ROLE_NAMES[link.role], role: link.role }
  return { project, stage: project.stage, link, participant, actor }
}

/**
 * 403 unless the caller's role may do `action` in the current stage: `wrong_stage` when the role may
 * do it in another stage (wait for it), `not_allowed` when it never may. `what` completes "cannot …".
 */
export function requireAction(c: Caller, action: Action, what: string): void {
  if (PERMISSIONS[c.stage][action].includes(c.link.role)) return
  const stages = STAGES.filter((s) => PERMISSIONS[s][action].includes(c.link.role))
  if (stages.length > 0) {
    throw new HttpError(403, 'wrong_stage',
      `You cannot ${what} while the project is in the "${STAGE_NAMES[c.stage]}" stage; a ${ROLE_NAMES[c.link.role]} can in: ${stages.map((s) => STAGE_NAMES[s]).join(', ')}.`)
  }
  const roles = [...new Set(STAGES.flatMap((s) => PERMISSIONS[s][action]))].map((r) => ROLE_NAMES[r])
  throw new HttpError(403, 'not_allowed',
    `A ${ROLE_NAMES[c.link.role]} link cannot ${what}${roles.length > 0 ? `; only ${roles.join(', ')} links can` : ''}.`)
}

export function requireOrganizer(c: Caller, what: string): void {
  if (c.link.role !== 'organizer') throw new HttpError(403, 'not_allowed', `Only the organizer can ${what}; use the organizer link.`)
}

/**
 * Security: one tick, one ballot, one approval per person needs to know the person. A shared role
 * link (one QR code for a whole building) does not say who is acting, so such actions need the
 * personal token the join answered.
 */
export function requireParticipant(c: Caller): ParticipantRecord {
  if (c.participant) return c.participant
  throw new HttpError(403, 'join_first', 'Open the project through your link and enter your name first; this is recorded under your name. (API: join with POST …/participants and use the personal token it answers.)')
}

/** Ids of records the server made (22 characters base64url) or a client's choice of similar shape. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** A path parameter naming a record: one that cannot be an id is simply not found. */
export function pathId(value: string | undefined, notFound: () => HttpError): string {
  if (value === undefined || !ID_PATTERN.test(value)) throw notFound()
  return value
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value)
}

export function notFound(code: ErrorCode, what: string): () => HttpError {
  return () => new HttpError(404, code, `This project has no ${what} with that id; reload to see the current list.`)
}

export function number(body: Body, key: RequestField, opts: { min: number; max: number; integer?: boolean }): number {
  const v = body[key]
  if (typeof v !== 'number' || !Number.isFinite(v) || v < opts.min || v > opts.max || (opts.integer && !Number.isInteger(v))) {
    throw new HttpError(400, `invalid_${key}`,
      `"${key}" must be ${opts.integer ? 'a whole number' : 'a number'} from ${opts.min} to ${opts.max}.`)
  }
  return v
}

export function optionalBoolean(body: Body, key: RequestField, fallback: boolean): boolean {
  const v = body[key]
  if (v === undefined) return fallback
  if (typeof v !== 'boolean') throw new HttpError(400, `invalid_${key}`, `"${key}" must be true or false.`)
  return v
}

export function oneOf<T extends string>(body: Body, key: RequestField, values: readonly T[], fallback?: T): T {
  const v = body[key]
  if (v === undefined && fallback !== undefined) return fallback
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    throw new HttpError(400, `invalid_${key}`, `"${key}" must be one of: ${values.join(', ')}.`)
  }
  return v as T
}

/** A list of distinct record ids, `min`…`max` long. */
export function idList(body: Body, key: RequestField, min: number, max: number): string[] {
  const v = body[key]
  if (!Array.isArray(v) || v.length < min || v.length > max || !v.every(isId) || new Set(v).size !== v.length) {
    throw new HttpError(400, `invalid_${key}`, `"${key}" must be a list of ${min} to ${max} different ids.`)
  }
  return v as string[]
}

/** Roles a comment calls on; absent → none. */
export function mentions(body: Body): Role[] {
  const v = body.mentions
  if (v === undefined || v === null) return []
  if (!Array.isArray(v) || !v.every(isRole)) {
    throw new HttpError(400, 'invalid_mentions', '"mentions" must be a list of roles: organizer, expert, committee, resident.')
  }
  return [...new Set(v)]
}

/** A nested JSON object field. */
export function object(body: Body, key: RequestField): Body {
  const v = body[key]
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new HttpError(400, `invalid_${key}`, `"${key}" must be a JSON object.`)
  return v as Body
}

/** Answer the caller's new state (and what a POST created) after a change, and tell every stream. */
export function answerChanged(res: ServerResponse, deps: ParticipationDeps, c: Caller, status = 200, extra: Partial<ParticipationResponse> & Record<string, unknown> = {}): void {
  deps.participation.changed(c.project.id)
  const body: ParticipationResponse = { ...extra, participation: deps.participation.stateFor(c.project.id, c.participant?.id ?? null) }
  sendJson(res, status, body)
}
