/**
 * The workflow API (docs/api.md, "Projects"): create a project, make / list / revoke role links,
 * move the stage, read the project state and the board snapshot of any stage move; with the routes
 * of projectSettingsRoutes.ts (base plan, scale), participantRoutes.ts (join, dashboard) and the
 * event stream (projectEvents.ts), and the participation model's (participation/). Authentication is
 * the role link's token, or a participant's personal token, as `Authorization: Bearer <token>`.
 */
import { BOARD_NAME_MAX } from '../../src/shared/boardId.js'
import { personLabel } from '../../src/shared/identity.js'
import { REASON_MAX } from '../../src/shared/participation.js'
import type { CreateLinkResponse, CreateProjectResponse, MoveStageResponse } from '../../src/shared/projectApi.js'
import { CloseCode } from '../../src/shared/protocol.js'
import { isRole, isStage, STAGES } from '../../src/shared/workflow.js'
import type { Config } from '../config.js'
import type { AssetStore } from '../storage/AssetStore.js'
import type { PlanRenditions } from './planRendition.js'
import { recordAgreementMove } from '../participation/agreementActions.js'
import { revealOnStageMove } from '../participation/privateActions.js'
import type { Facilitation } from '../participation/Facilitation.js'
import type { Participation } from '../participation/Participation.js'
import type { Storage } from '../storage/Storage.js'
import { publicLink, stageMove, stateFor } from '../workflow/projectViews.js'
import { newId, type Workflow } from '../workflow/Workflow.js'
import { ensureBoardCapacity } from './boardCapacity.js'
import { HttpError } from './HttpError.js'
import { participantRoutes } from './participantRoutes.js'
import { participationRoutes } from './participation/participationRoutes.js'
import type { ProjectEvents } from './projectEvents.js'
import { authenticate, authorizeAction, jsonObject, text, type Body } from './projectRequest.js'
import { projectSettingsRoutes } from './projectSettingsRoutes.js'
import { sendJson } from './respond.js'
import type { Handler, Route } from './router.js'

const TEXT_MAX = 200
const BRIEF_MAX = 2000
const LABEL_MAX = 60
const MAX_EXPIRY_HOURS = 24 * 366

export interface ProjectRouteDeps {
  config: Config
  storage: Storage
  workflow: Workflow
  events: ProjectEvents
  participation: Participation
  facilitation: Facilitation
  /** This server's base-plan renditions: setting a plan starts its phone-sized copy. */
  renditions: PlanRenditions
  /** The uploaded images a project's plan and photos must be. */
  assets: AssetStore
}

export function projectRoutes(deps: ProjectRouteDeps): Route[] {
  const { workflow } = deps

  const createProject: Handler = async ({ req, res }) => {
    const answer = await makeProject(deps, await jsonObject(req))
    sendJson(res, 201, answer, { Location: `/api/projects/${answer.projectId}` })
  }

  const getProject: Handler = ({ req, res, params }) => {
    const { project, link, participant } = authenticate(req, workflow, params.id)
    const shared = workflow.sharedState(project.id)
    if (!shared) throw new HttpError(404, 'project_not_found', 'There is no project with this id; check the link.')
    sendJson(res, 200, stateFor(shared, link, participant))
  }

  const createLink: Handler = async ({ req, res, params }) => {
    const { project } = authorizeAction(req, workflow, params.id, 'manageLinks')
    const body = await jsonObject(req)
    if (!isRole(body.role)) {
      throw new HttpError(400, 'invalid_role', 'Choose the role of the link: "organizer", "expert", "committee" or "resident".')
    }
    const label = text(body, 'label', LABEL_MAX, false)
    let expiresAt: number | null = null
    if (body.expiresInHours !== undefined && body.expiresInHours !== null) {
      const h = body.expiresInHours
      if (typeof h !== 'number' || !Number.isFinite(h) || h <= 0 || h > MAX_EXPIRY_HOURS) {
        throw new HttpError(400, 'invalid_expiry', `expiresInHours must be a number of hours above 0 and at most ${MAX_EXPIRY_HOURS}, or left out for a link that does not expire.`)
      }
      expiresAt = Date.now() + Math.round(h * 3_600_000)
    }
    const { link, token } = workflow.createLink(project.id, body.role, { label, expiresAt })
    const answer: CreateLinkResponse = { linkId: link.id, role: link.role, token, link: joinLink(project.id, token), expiresAt }
    sendJson(res, 201, answer)
  }

  const listLinks: Handler = ({ req, res, params }) => {
    const { project } = authorizeAction(req, workflow, params.id, 'manageLinks')
    // Security: tokens are never stored, so they cannot be listed; only the holder of a link has it.
    sendJson(res, 200, { links: workflow.liveLinks(project.id).map(publicLink) })
  }

  const revokeLink: Handler = ({ req, res, params }) => {
    const { project } = authorizeAction(req, workflow, params.id, 'manageLinks')
    const link = workflow.getLink(project.id, params.linkId)
    if (!link) throw new HttpError(404, 'link_not_found', 'This project has no link with that id; list the links to see the live ones.')
    // Closes the link's sync connections and its event streams too (Workflow.revokeLink, ProjectEvents).
    if (link.revokedAt === null) workflow.revokeLink(link, CloseCode.forbidden)
    sendJson(res, 200, { linkId: link.id, revoked: true })
  }

  const moveStage: Handler = async ({ req, res, params }) => {
    const { project, link, participant } = authorizeAction(req, workflow, params.id, 'moveStage')
    const body = await jsonObject(req)
    const [from, to] = (['from', 'to'] as const).map((key) => {
      const stage = body[key]
      if (!isStage(stage)) throw new HttpError(400, 'invalid_stage', `"${key}" must be one of the stages: ${STAGES.join(', ')}.`)
      return stage
    })
    // A personal token says who moved; with a bare link token the organizer's page says it.
    const byName = (participant && personLabel(participant)) || text(body, 'byName', LABEL_MAX, false) || link.label || link.role
    // Checked before the move: reopening an agreed plan (Agreed → Negotiate) must say why, as
    // POST …/agreement/reopen does; the reason is recorded with the move.
    const reopening = from === 'agreed' && to === 'negotiate'
    const reason = text(body, 'reason', REASON_MAX, reopening, true)
    const result = await workflow.moveStage(project.id, link, from, to, byName)
    if (!result.ok) throw new HttpError(result.status, result.code, result.message)
    recordAgreementMove(deps.participation, result.move, { reason })
    revealOnStageMove(deps.participation, result.move)
    const answer: MoveStageResponse = { stage: result.move.toStage, move: stageMove(result.move) }
    sendJson(res, 200, answer)
  }

  const getSnapshot: Handler = ({ req, res, params }) => {
    const { project } = authenticate(req, workflow, params.id)
    const snapshot = workflow.getSnapshot(project.id, params.moveId)
    if (!snapshot) throw new HttpError(404, 'move_not_found', 'This project has no stage move with that id.')
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(snapshot.byteLength),
      'Cache-Control': 'private, max-age=31536000, immutable',
    })
    res.end(snapshot)
  }

  return [
    { pattern: '/api/projects', methods: { POST: createProject } },
    { pattern: '/api/projects/:id', methods: { GET: getProject } },
    { pattern: '/api/projects/:id/links', methods: { GET: listLinks, POST: createLink } },
    { pattern: '/api/projects/:id/links/:linkId', methods: { DELETE: revokeLink } },
    { pattern: '/api/projects/:id/stage', methods: { POST: moveStage } },
    { pattern: '/api/projects/:id/moves/:moveId/snapshot', methods: { GET: getSnapshot } },
    { pattern: '/api/projects/:id/events', methods: { GET: deps.events.handler } },
    ...projectSettingsRoutes(deps.assets, workflow, deps.renditions),
    ...participantRoutes(workflow),
    ...participationRoutes({ workflow, participation: deps.participation, facilitation: deps.facilitation, assets: deps.assets }),
  ]
}

/**
 * A new project from a request body (name, site, area, brief): its board, its row and its organizer
 * link. Also how a workspace makes a project inside it (server/http/workspaceRoutes.ts).
 */
export async function makeProject(deps: Pick<ProjectRouteDeps, 'storage' | 'workflow' | 'config'>, body: Body): Promise<CreateProjectResponse> {
  const name = text(body, 'name', BOARD_NAME_MAX, true)
  const site = text(body, 'site', TEXT_MAX, true)
  const area = text(body, 'area', TEXT_MAX, true)
  const brief = text(body, 'brief', BRIEF_MAX, false, true)
  await ensureBoardCapacity(() => deps.storage.countBoards(), deps.config.maxBoards)
  const id = newId()
  // The board first: the project row references it.
  await deps.storage.createBoard({ id, name, createdAt: Date.now() })
  const { token } = deps.workflow.createProject({ id, name, site, area, brief })
  return { projectId: id, organizerToken: token, organizerLink: joinLink(id, token) }
}

function joinLink(projectId: string, token: string): string {
  // The token rides in the fragment, which browsers never send to a server nor put in Referer.
  return `/join/${projectId}#${token}`
}
