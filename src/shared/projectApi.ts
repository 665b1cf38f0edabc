/**
 * Shapes of the JSON the workflow API exchanges (docs/api.md, "Projects"). Both sides import these:
 * the server builds them, the browser reads them. Authentication is the role link's token — or a
 * participant's personal token (JoinResponse.token) — as `Authorization: Bearer <token>` (HTTP) or the
 * `token` query parameter (sync socket, event stream).
 */
import { arrayOf, isBoolean, isNumber, isString, isTrue, literal, nullable, optional, record, type Guard } from './guards.js'
import { ROLES, STAGES, type Role, type Stage } from './workflow.js'

/** The base plan: an image uploaded to the project board, placed locked at the bottom of the canvas. */
export interface BasePlan {
  /** Same-origin asset URL from POST /api/boards/<id>/assets. */
  src: string
  /** Natural pixel size of the image. */
  width: number
  height: number
  mimeType: string
}

/** How long one canvas unit (tldraw page unit) is in metres; set by the organizer with the scale tool. */
export interface PlanScale {
  metresPerUnit: number
  /**
   * Where north points on the plan, in degrees clockwise from the plan's top (0: north up, 90: north
   * to the right), in steps of 45; null when the organizer has not said (the report then takes the
   * top as north and says so).
   */
  northDegrees: number | null
}

/** The directions the scale dialog offers for north. */
export const NORTH_DEGREES = [0, 45, 90, 135, 180, 225, 270, 315] as const

export interface ProjectInfo {
  id: string
  name: string
  site: string
  area: string
  brief: string
  createdAt: number
  basePlan: BasePlan | null
  scale: PlanScale | null
}

export interface StageMove {
  id: string
  from: Stage
  to: Stage
  byLinkId: string
  byName: string
  at: number
}

/** GET /api/projects/<id>, and every `state` event of the project's event stream. */
export interface ProjectState {
  project: ProjectInfo
  stage: Stage
  /** The role of the link the request was made with. */
  role: Role
  /** The id of that link (not its token). */
  linkId: string
  /**
   * The participant the request was made as: set when authenticated with a personal token (the one
   * JoinResponse hands out), null with a bare role-link token.
   */
  participantId: string | null
  moves: StageMove[]
}

export interface CreateProjectRequest {
  name: string
  site: string
  area: string
  brief?: string
}

export interface CreateProjectResponse {
  projectId: string
  organizerToken: string
  /** '/join/<projectId>#<token>' — the token rides in the fragment, never sent to a server. */
  organizerLink: string
}

export interface CreateLinkRequest {
  role: Role
  label?: string
  /** Omit (or null) for a link that does not expire. */
  expiresInHours?: number | null
}

export interface CreateLinkResponse {
  linkId: string
  role: Role
  token: string
  link: string
  expiresAt: number | null
}

export interface PublicLink {
  linkId: string
  role: Role
  label: string
  createdAt: number
  expiresAt: number | null
}

/** POST /api/projects/<id>/participants — the person behind a link says who they are. */
export interface JoinRequest {
  name: string
  /** Building / unit (楼栋/单元), residents only; optional. */
  unit?: string
  /**
   * Join as a new person although someone of this project already uses this name (and unit): the
   * server then gives this person a number (王芳 ②). Residents and experts only (src/shared/identity.ts).
   */
  newPerson?: boolean
  /**
   * A random key this page made for this join (22–64 characters, base64url): the same key again
   * within ten minutes answers the participant it made, so a retry after a lost answer is no
   * second person. Never sent twice for different people.
   */
  joinKey?: string
}

export interface Participant {
  id: string
  linkId: string
  role: Role
  name: string
  unit: string
  /** 1 for the first person of this name in the project, 2 for the second… (src/shared/identity.ts). */
  seq: number
  /** The name others see, told apart from namesakes: 王芳, 王芳 ② (personLabel). */
  label: string
  joinedAt: number
}

export interface JoinResponse {
  participant: Participant
  /**
   * This person's own capability token (256 random bits; the server keeps only its hash). Use it
   * instead of the role link's token from now on — as Bearer, event-stream `?token=` and sync
   * `params: { token }` — so the server knows who is acting (one tick, one ballot per participant)
   * and shows their name and role to the others. It has the role of its link and dies with the
   * link (revoked or expired). A join with a role link never answers someone who joined before
   * (409 name_taken); a join sent with a personal token answers that token's own participant. Another
   * device gets its token through a one-time personal link (src/shared/identity.ts).
   */
  token: string
}

export interface MoveStageRequest {
  from: Stage
  to: Stage
  byName?: string
  /** Required when reopening an agreed plan (from 'agreed' to 'negotiate'): why. Recorded. */
  reason?: string
}

export interface MoveStageResponse {
  stage: Stage
  move: StageMove
}

/** Counts of what people contributed while the project was in each stage. */
export interface StageCounts {
  needs: number
  comments: number
  votes: number
}

/** GET /api/projects/<id>/dashboard (organizer only). */
export interface Dashboard {
  participants: Participant[]
  /** Per role, how many distinct participants joined. */
  participantsByRole: Record<Role, number>
  countsByStage: Record<Stage, StageCounts>
}

/**
 * GET /api/projects/<id>/events?token=<token> is a Server-Sent Events stream:
 * - `event: state`, data = ProjectState JSON: sent on connect and after every change
 *   (stage move, base plan, scale);
 * - `event: participation`, data = ParticipationState JSON (src/shared/participation.ts) as this
 *   stream's viewer sees it: after every participation change (needs, ticks, votes…). Not sent on
 *   connect: GET /api/projects/<id>/participation each time the stream (re)opens, and keep the state
 *   with the higher `revision`;
 * - `event: facilitation`, data = FacilitationState JSON: after every meeting control (gather,
 *   timer); GET /api/projects/<id>/facilitation on (re)open;
 * - `event: closed`, data = ProjectStreamClosed JSON: the link was revoked or expired; the server then
 *   ends the stream and the client must not reconnect (it would be refused with 403 anyway).
 * A comment line (`: ping`) every 25 s keeps proxies from closing an idle stream.
 */
export interface ProjectStreamClosed {
  code: 'link_revoked' | 'link_expired'
  message: string
}

export const PROJECT_EVENTS = { state: 'state', closed: 'closed', participation: 'participation', facilitation: 'facilitation' } as const

/**
 * History and audit (docs/api.md, "History and audit"; built by server/http/historyRoutes.ts). All
 * organizer-only.
 */
export interface AuditEntry {
  kind: 'edit' | 'restore'
  linkId: string | null
  role: Role | null
  linkLabel: string | null
  participantId: string | null
  /** The participant's name when the change came through a personal token; null for a bare link. */
  name: string | null
  firstAt: number
  lastAt: number
  updates: number
  bytes: number
}

/** One person's (or one bare link's) changes summed. */
export interface AuditPerson extends Omit<AuditEntry, 'kind'> {
  linkRevoked: boolean
  restores: number
}

/** GET /api/projects/<id>/audit: the latest rows, newest first, and the same rows per person. */
export interface AuditLog {
  entries: AuditEntry[]
  byParticipant: AuditPerson[]
}

/** A saved copy of the board: at a stage move (its id is the move's id) or taken by the server. */
export interface HistoryItem {
  id: string
  kind: 'stageMove' | 'periodic'
  at: number
  fromStage?: Stage
  toStage?: Stage
  byName?: string
  bytes?: number
}

/** GET /api/projects/<id>/history: oldest first. */
export interface HistoryList {
  snapshots: HistoryItem[]
}

/** POST /api/projects/<id>/history/<snapshotId>/restore */
export interface RestoreResponse {
  restored: string
  at: number
}

// Checks of the answers, for the browser's client (src/projects/projectClient.ts; src/shared/guards.ts
// says how they compose).

const isRole = literal(ROLES)
const isStage = literal(STAGES)

export const isBasePlan: Guard<BasePlan> = record({ src: isString, width: isNumber, height: isNumber, mimeType: isString })
export const isPlanScale: Guard<PlanScale> = record({ metresPerUnit: isNumber, northDegrees: nullable(isNumber) })

export const isProjectInfo: Guard<ProjectInfo> = record({
  id: isString,
  name: isString,
  site: isString,
  area: isString,
  brief: isString,
  createdAt: isNumber,
  basePlan: nullable(isBasePlan),
  scale: nullable(isPlanScale),
})

export const isStageMove: Guard<StageMove> = record({ id: isString, from: isStage, to: isStage, byLinkId: isString, byName: isString, at: isNumber })

export const isProjectState: Guard<ProjectState> = record({
  project: isProjectInfo,
  stage: isStage,
  role: isRole,
  linkId: isString,
  participantId: nullable(isString),
  moves: arrayOf(isStageMove),
})

export const isCreateProjectResponse: Guard<CreateProjectResponse> = record({ projectId: isString, organizerToken: isString, organizerLink: isString })

export const isCreateLinkResponse: Guard<CreateLinkResponse> = record({
  linkId: isString,
  role: isRole,
  token: isString,
  link: isString,
  expiresAt: nullable(isNumber),
})

export const isPublicLink: Guard<PublicLink> = record({ linkId: isString, role: isRole, label: isString, createdAt: isNumber, expiresAt: nullable(isNumber) })
/** GET /api/projects/<id>/links */
export const isLinkList: Guard<{ links: PublicLink[] }> = record({ links: arrayOf(isPublicLink) })
/** DELETE /api/projects/<id>/links/<linkId> */
export const isRevokedLink: Guard<{ linkId: string; revoked: true }> = record({ linkId: isString, revoked: isTrue })

export const isParticipant: Guard<Participant> = record({
  id: isString,
  linkId: isString,
  role: isRole,
  name: isString,
  unit: isString,
  seq: isNumber,
  label: isString,
  joinedAt: isNumber,
})
/** PATCH /api/projects/<id>/participants/me */
export const isRenamed: Guard<{ participant: Participant }> = record({ participant: isParticipant })

export const isJoinResponse: Guard<JoinResponse> = record({ participant: isParticipant, token: isString })

export const isMoveStageResponse: Guard<MoveStageResponse> = record({ stage: isStage, move: isStageMove })

const isStageCounts: Guard<StageCounts> = record({ needs: isNumber, comments: isNumber, votes: isNumber })

export const isDashboard: Guard<Dashboard> = record({
  participants: arrayOf(isParticipant),
  participantsByRole: record({ organizer: isNumber, expert: isNumber, committee: isNumber, resident: isNumber }),
  countsByStage: record({
    organize: isStageCounts,
    needs: isStageCounts,
    siteVisit: isStageCounts,
    negotiate: isStageCounts,
    agreed: isStageCounts,
    implement: isStageCounts,
  }),
})

export const isProjectStreamClosed: Guard<ProjectStreamClosed> = record({ code: literal(['link_revoked', 'link_expired']), message: isString })

const auditFields = {
  linkId: nullable(isString),
  role: nullable(isRole),
  linkLabel: nullable(isString),
  participantId: nullable(isString),
  name: nullable(isString),
  firstAt: isNumber,
  lastAt: isNumber,
  updates: isNumber,
  bytes: isNumber,
}

export const isAuditLog: Guard<AuditLog> = record({
  entries: arrayOf(record({ kind: literal(['edit', 'restore']), ...auditFields })),
  byParticipant: arrayOf(record({ ...auditFields, linkRevoked: isBoolean, restores: isNumber })),
})

export const isHistoryList: Guard<HistoryList> = record({
  snapshots: arrayOf(
    record({
      id: isString,
      kind: literal(['stageMove', 'periodic']),
      at: isNumber,
      fromStage: optional(isStage),
      toStage: optional(isStage),
      byName: optional(isString),
      bytes: optional(isNumber),
    }),
  ),
})

export const isRestoreResponse: Guard<RestoreResponse> = record({ restored: isString, at: isNumber })
