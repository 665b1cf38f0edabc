/**
 * POST /api/projects/:id/participants (the person behind a link says who they are, and gets a
 * personal token) and
 * GET /api/projects/:id/dashboard (the organizer's overview: who joined, what was contributed).
 */
import type { JoinResponse } from '../../src/shared/projectApi.js'
import { participantView } from '../workflow/projectViews.js'
import type { Workflow } from '../workflow/Workflow.js'
import { authenticate, authorizeOrganizer, jsonObject, text } from './projectRequest.js'
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

  const dashboard: Handler = ({ req, res, params }) => {
    const { project } = authorizeOrganizer(req, workflow, params.id)
    sendJson(res, 200, workflow.dashboard(project.id))
  }

  return [
    { pattern: '/api/projects/:id/participants', methods: { POST: join } },
    { pattern: '/api/projects/:id/dashboard', methods: { GET: dashboard } },
  ]
}
