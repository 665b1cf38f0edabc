/**
 * Shapes of the JSON the workflow API exchanges (docs/api.md, "Projects"). Both sides import these:
 * the server builds them, the browser reads them. Authentication is the role link's token as
 * `Authorization: Bearer <token>` (HTTP) or the `token` query parameter (sync socket, event stream).
 */
import type { Role, Stage } from './workflow.js'

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
}

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
}

export interface Participant {
  id: string
  linkId: string
  role: Role
  name: string
  unit: string
  joinedAt: number
}

export interface JoinResponse {
  participant: Participant
}

export interface MoveStageRequest {
  from: Stage
  to: Stage
  byName?: string
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
 * - `event: closed`, data = ProjectStreamClosed JSON: the link was revoked or expired; the server then
 *   ends the stream and the client must not reconnect (it would be refused with 403 anyway).
 * A comment line (`: ping`) every 25 s keeps proxies from closing an idle stream.
 */
export interface ProjectStreamClosed {
  code: 'link_revoked' | 'link_expired'
  message: string
}

export const PROJECT_EVENTS = { state: 'state', closed: 'closed' } as const
