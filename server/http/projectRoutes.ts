/**
 * The workflow API (docs/api.md, "Projects"): create a project, make / list / revoke role links,
 * move the stage, read the project state and the board snapshot of any stage move.
 * Authentication is the role link's token as `Authorization: Bearer <token>`.
 */
import type { IncomingMessage } from 'node:http'
import { BOARD_NAME_MAX, isValidBoardId } from '../../src/shared/boardId.js'
import { CloseCode } from '../../src/shared/protocol.js'
import { isRole, isStage, STAGES, type Action } from '../../src/shared/workflow.js'
import type { Storage } from '../storage/Storage.js'
import type { LinkRecord } from '../workflow/ProjectStore.js'
import { newId, type Access, type Workflow } from '../workflow/Workflow.js'
import { readJsonBody } from './boardRoutes.js'
import { HttpError } from './HttpError.js'
import { sendJson } from './respond.js'
import type { Handler, Route } from './router.js'

const TEXT_MAX = 200
const BRIEF_MAX = 2000
const LABEL_MAX = 60
const MAX_EXPIRY_HOURS = 24 * 366

type Body = Record<string, unknown>

export function projectRoutes(storage: Storage, workflow: Workflow): Route[] {
  const createProject: Handler = async ({ req, res }) => {
    const body = await jsonObject(req)
    const name = text(body, 'name', BOARD_NAME_MAX, true)
    const site = text(body, 'site', TEXT_MAX, true)
    const area = text(body, 'area', TEXT_MAX, true)
    const brief = text(body, 'brief', BRIEF_MAX, false, true)
    const id = newId()
    // The board first: the project row references it.
    await storage.createBoard({ id, name, createdAt: Date.now() })
    const { token } = workflow.createProject({ id, name, site, area, brief })
    sendJson(res, 201, { projectId: id, organizerToken: token, organizerLink: joinLink(id, token) },
      { Location: `/api/projects/${id}` })
  }

  const getProject: Handler = ({ req, res, params }) => {
    const { project, link } = authenticate(req, workflow, params.id)
    const moves = workflow.listMoves(project.id)
    sendJson(res, 200, {
      project: { id: project.id, name: project.name, site: project.site, area: project.area, brief: project.brief, createdAt: project.createdAt },
      stage: project.stage,
      role: link.role,
      moves: moves.map((m) => ({ id: m.id, from: m.fromStage, to: m.toStage, byLinkId: m.byLinkId, byName: m.byName, at: m.at })),
    })
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
    sendJson(res, 201, { linkId: link.id, role: link.role, token, link: joinLink(project.id, token), expiresAt })
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
    if (link.revokedAt === null) workflow.revokeLink(link, CloseCode.forbidden)
    sendJson(res, 200, { linkId: link.id, revoked: true })
  }

  const moveStage: Handler = async ({ req, res, params }) => {
    const { project, link } = authorizeAction(req, workflow, params.id, 'moveStage')
    const body = await jsonObject(req)
    for (const key of ['from', 'to'] as const) {
      if (!isStage(body[key])) {
        throw new HttpError(400, 'invalid_stage', `"${key}" must be one of the stages: ${STAGES.join(', ')}.`)
      }
    }
    const byName = text(body, 'byName', LABEL_MAX, false) || link.label || link.role
    const result = await workflow.moveStage(project.id, link, body.from as never, body.to as never, byName)
    if (!result.ok) throw new HttpError(result.status, result.code, result.message)
    const m = result.move
    sendJson(res, 200, { stage: m.toStage, move: { id: m.id, from: m.fromStage, to: m.toStage, byLinkId: m.byLinkId, byName: m.byName, at: m.at } })
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
  ]
}

function joinLink(projectId: string, token: string): string {
  // The token rides in the fragment, which browsers never send to a server nor put in Referer.
  return `/join/${projectId}#${token}`
}

function publicLink(l: LinkRecord) {
  return { linkId: l.id, role: l.role, label: l.label, createdAt: l.createdAt, expiresAt: l.expiresAt }
}

function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  return m?.[1]
}

function authenticate(req: IncomingMessage, workflow: Workflow, projectId: string): Access {
  if (!isValidBoardId(projectId)) throw new HttpError(400, 'invalid_project_id', 'This is not a valid project id; check the link.')
  const access = workflow.authenticate(projectId, bearer(req))
  if (!access.ok) {
    const headers: Record<string, string> = access.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}
    throw new HttpError(access.status, access.code, access.message, headers)
  }
  return access
}

function authorizeAction(req: IncomingMessage, workflow: Workflow, projectId: string, action: Action): Access {
  const access = authenticate(req, workflow, projectId)
  if (!workflow.allows(access.link, action)) {
    throw new HttpError(403, 'not_allowed', 'Only the organizer of this project can do this; use the organizer link.')
  }
  return access
}

async function jsonObject(req: IncomingMessage): Promise<Body> {
  const body = await readJsonBody(req)
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_json', 'Send a JSON object as the request body.')
  }
  return body as Body
}

function text(body: Body, key: string, max: number, required: boolean, multiline = false): string {
  const raw = body[key]
  if (raw === undefined || raw === null) {
    if (required) throw new HttpError(400, `invalid_${key}`, `"${key}" is required; send it as text.`)
    return ''
  }
  if (typeof raw !== 'string') throw new HttpError(400, `invalid_${key}`, `"${key}" must be text.`)
  const value = raw.trim()
  if (required && value.length === 0) throw new HttpError(400, `invalid_${key}`, `"${key}" is empty; fill it in.`)
  if ([...value].length > max) throw new HttpError(400, `invalid_${key}`, `"${key}" is too long; use at most ${max} characters.`)
  // eslint-disable-next-line no-control-regex
  const forbidden = multiline ? /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/ : /\p{Cc}/u
  if (forbidden.test(value)) throw new HttpError(400, `invalid_${key}`, `"${key}" may not contain control characters.`)
  return value
}
