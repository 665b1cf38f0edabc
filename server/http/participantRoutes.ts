/**
 * POST /api/projects/:id/participants (the person behind a link says who they are, and gets a
 * personal token), PATCH /api/projects/:id/participants/me (they change their name) and
 * GET /api/projects/:id/dashboard (the organizer's overview: who joined, what was contributed).
 */
import type { JoinResponse } from '../../src/shared/projectApi.js'
import { participantView } from '../workflow/projectViews.js'
import type { Workflow } from '../workflow/Workflow.js'
import { authenticate, authorizeOrganizer, jsonObject, text } from './projectRequest.js'
import { HttpError } from './HttpError.js'
import { sendJson } from './respond.js'
import type { Handler, Route } from './router.js'

export const PARTICIPANT_NAME_MAX = 40
export const PARTICIPANT_UNIT_MAX = 40

export function participantRoutes(workflow: Workflow): Route[] {
  const join: Handler = async ({ req, res, params }) => {
    const { link } = authenticate(req, workflow, params.id)
    const body = await jsonObject(req)
    const name = text(body, 'name', PARTICIPANT_NAME_MAX, true)
    // Only a resident's building / unit means something; for other roles the field is ignored.
    const unit = link.role === 'resident' ? text(body, 'unit', PARTICIPANT_UNIT_MAX, false) : ''
    const { participant, created, token } = workflow.join(link, name, unit)
    const answer: JoinResponse = { participant: participantView(participant), token }
    // 201 for a new participant, 200 for the one this link, name and unit made before (a reload);
    // either way with a fresh personal token (earlier ones stay valid: a second device).
    sendJson(res, created ? 201 : 200, answer)
  }

  const rename: Handler = async ({ req, res, params }) => {
    const { link, participant } = authenticate(req, workflow, params.id)
    if (!participant) {
      throw new HttpError(403, 'join_first', 'Open the project through your link and enter your name first; then you can change it. (API: rename with the personal token from POST …/participants.)')
    }
    const body = await jsonObject(req)
    const name = text(body, 'name', PARTICIPANT_NAME_MAX, true)
    const unit = link.role === 'resident' && body.unit !== undefined ? text(body, 'unit', PARTICIPANT_UNIT_MAX, false) : participant.unit
    const renamed = workflow.renameParticipant(participant, name, unit)
    if (!renamed) {
      throw new HttpError(409, 'name_taken', 'Someone who joined with the same link already uses this name; add your building / unit or choose another name.')
    }
    sendJson(res, 200, { participant: participantView(renamed) })
  }

  const dashboard: Handler = ({ req, res, params }) => {
    const { project } = authorizeOrganizer(req, workflow, params.id)
    sendJson(res, 200, workflow.dashboard(project.id))
  }

  return [
    { pattern: '/api/projects/:id/participants', methods: { POST: join } },
    { pattern: '/api/projects/:id/participants/me', methods: { PATCH: rename } },
    { pattern: '/api/projects/:id/dashboard', methods: { GET: dashboard } },
  ]
}
