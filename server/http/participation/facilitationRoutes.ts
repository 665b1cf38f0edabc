/** The organizer's meeting controls over HTTP; the rules are FacilitationActions' (server/participation/facilitationActions.ts). */
import type { Handler, Route } from '../router.js'
import { answer, bodyOf, caller, type ParticipationRouteDeps } from './participationRequest.js'

export function facilitationRoutes({ workflow, actions }: ParticipationRouteDeps): Route[] {
  const meeting = actions.facilitation

  const read: Handler = ({ req, res, params }) => {
    answer(res, 200, meeting.state(caller(req, workflow, params.id)))
  }
  const gather: Handler = async ({ req, res, params }) => {
    answer(res, 200, await meeting.gather(caller(req, workflow, params.id), bodyOf(req)))
  }
  const startTimer: Handler = async ({ req, res, params }) => {
    answer(res, 200, await meeting.startTimer(caller(req, workflow, params.id), bodyOf(req)))
  }
  const stopTimer: Handler = ({ req, res, params }) => {
    answer(res, 200, meeting.stopTimer(caller(req, workflow, params.id)))
  }
  const setFocus: Handler = async ({ req, res, params }) => {
    answer(res, 200, await meeting.setFocus(caller(req, workflow, params.id), bodyOf(req)))
  }
  const clearFocus: Handler = ({ req, res, params }) => {
    answer(res, 200, meeting.clearFocus(caller(req, workflow, params.id)))
  }

  return [
    { pattern: '/api/projects/:id/facilitation', methods: { GET: read } },
    { pattern: '/api/projects/:id/facilitation/gather', methods: { POST: gather } },
    { pattern: '/api/projects/:id/facilitation/timer', methods: { PUT: startTimer, DELETE: stopTimer } },
    { pattern: '/api/projects/:id/facilitation/focus', methods: { PUT: setFocus, DELETE: clearFocus } },
  ]
}
