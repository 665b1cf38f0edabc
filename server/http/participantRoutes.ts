/**
 * Who a participant is (server/workflow/Identity.ts decides; docs/api.md, "Joining"):
 * - POST  /api/projects/:id/participants                         join: a new participant and its personal token
 * - PATCH /api/projects/:id/participants/me                      change my name (and a resident's unit)
 * - POST  /api/projects/:id/participants/me/device-link          "add my other device": a one-time personal link
 * - POST  /api/projects/:id/participants/:participantId/confirm  confirmed in person: a one-time personal link for them
 * - POST  /api/projects/:id/participants/claim                   open a personal link on a device: its personal token
 * - GET   /api/projects/:id/people                               the people list (organizer, committee)
 * - GET   /api/projects/:id/dashboard                            the organizer's overview
 */
import type { ClaimLinkResponse } from '../../src/shared/identity.js'
import { isValidBoardId } from '../../src/shared/boardId.js'
import type { RequestField } from '../../src/shared/errorCodes.js'
import type { JoinResponse } from '../../src/shared/projectApi.js'
import { isJoinKey, type Refusal } from '../workflow/Identity.js'
import { participantView } from '../workflow/projectViews.js'
import type { Workflow } from '../workflow/Workflow.js'
import { authenticate, authorizeOrganizer, jsonObject, personText, type Body } from './projectRequest.js'
import { HttpError } from './HttpError.js'
import { sendJson } from './respond.js'
import type { Handler, Route } from './router.js'

export const PARTICIPANT_NAME_MAX = 40
export const PARTICIPANT_UNIT_MAX = 40

function refused(r: Refusal): HttpError {
  return new HttpError(r.status, r.code, r.message)
}

function flag(body: Body, key: RequestField): boolean {
  const v = body[key]
  if (v === undefined) return false
  if (typeof v !== 'boolean') throw new HttpError(400, `invalid_${key}`, `"${key}" must be true or false.`)
  return v
}

function joinKey(body: Body): string | null {
  const v = body.joinKey
  if (v === undefined || v === null) return null
  if (!isJoinKey(v)) throw new HttpError(400, 'invalid_joinKey', '"joinKey" must be 22 to 64 characters of A–Z, a–z, 0–9, "-" and "_".')
  return v
}

export function participantRoutes(workflow: Workflow): Route[] {
  const identity = workflow.identity

  const join: Handler = async ({ req, res, params }) => {
    const caller = authenticate(req, workflow, params.id)
    const body = await jsonObject(req)
    // Security: refused when it would look like someone else's label (invisible characters, a typed
    // namesake number); canonical (NFKC, white space collapsed), so look-alikes compare as taken.
    const name = personText(body, 'name', PARTICIPANT_NAME_MAX, true, true)
    // Only a resident's building / unit means something; for other roles the field is ignored.
    const unit = caller.link.role === 'resident' ? personText(body, 'unit', PARTICIPANT_UNIT_MAX, false, false) : ''
    const joined = identity.join(caller, name, unit, { newPerson: flag(body, 'newPerson'), joinKey: joinKey(body) })
    if (!joined.ok) throw refused(joined)
    const answer: JoinResponse = { participant: participantView(joined.participant), token: joined.token }
    // 201 for a new participant; 200 for the caller's own (its personal token as Bearer, or a retried join key).
    sendJson(res, joined.created ? 201 : 200, answer)
  }

  const rename: Handler = async ({ req, res, params }) => {
    const { link, participant } = authenticate(req, workflow, params.id)
    if (!participant) {
      throw new HttpError(403, 'join_first', 'Open the project through your link and enter your name first; then you can change it. (API: rename with the personal token from POST …/participants.)')
    }
    const body = await jsonObject(req)
    const name = personText(body, 'name', PARTICIPANT_NAME_MAX, true, true)
    const unit = link.role === 'resident' && body.unit !== undefined ? personText(body, 'unit', PARTICIPANT_UNIT_MAX, false, false) : participant.unit
    const renamed = identity.rename(participant, name, unit)
    if (!renamed.ok) throw refused(renamed)
    sendJson(res, 200, { participant: participantView(renamed.participant) })
  }

  const answerClaimLink = (res: Parameters<Handler>[0]['res'], made: ReturnType<typeof identity.deviceLink>) => {
    if (!made.ok) throw refused(made)
    const answer: ClaimLinkResponse = { participant: participantView(made.participant), code: made.code, link: made.link, expiresAt: made.expiresAt }
    sendJson(res, 201, answer)
  }

  const deviceLink: Handler = ({ req, res, params }) => {
    answerClaimLink(res, identity.deviceLink(authenticate(req, workflow, params.id)))
  }

  const confirm: Handler = ({ req, res, params }) => {
    const caller = authenticate(req, workflow, params.id)
    answerClaimLink(res, identity.confirm(caller, caller.project.id, params.participantId))
  }

  const claim: Handler = async ({ req, res, params }) => {
    // No Bearer: the code is the credential (a new phone holds nothing else).
    if (!isValidBoardId(params.id)) throw new HttpError(400, 'invalid_project_id', 'This is not a valid project id; check the link.')
    if (!workflow.isProject(params.id)) throw new HttpError(404, 'project_not_found', 'There is no project with this id; check the link.')
    const body = await jsonObject(req)
    const claimed = identity.claim(params.id, body.code)
    if (!claimed.ok) throw refused(claimed)
    const answer: JoinResponse = { participant: participantView(claimed.participant), token: claimed.token }
    sendJson(res, 200, answer)
  }

  const people: Handler = ({ req, res, params }) => {
    const caller = authenticate(req, workflow, params.id)
    const list = identity.people(caller, caller.project.id)
    if ('ok' in list) throw refused(list)
    sendJson(res, 200, list)
  }

  const dashboard: Handler = ({ req, res, params }) => {
    const { project } = authorizeOrganizer(req, workflow, params.id)
    sendJson(res, 200, workflow.dashboard(project.id))
  }

  return [
    { pattern: '/api/projects/:id/participants', methods: { POST: join } },
    { pattern: '/api/projects/:id/participants/me', methods: { PATCH: rename } },
    { pattern: '/api/projects/:id/participants/claim', methods: { POST: claim } },
    { pattern: '/api/projects/:id/participants/me/device-link', methods: { POST: deviceLink } },
    { pattern: '/api/projects/:id/participants/:participantId/confirm', methods: { POST: confirm } },
    { pattern: '/api/projects/:id/people', methods: { GET: people } },
    { pattern: '/api/projects/:id/dashboard', methods: { GET: dashboard } },
  ]
}
