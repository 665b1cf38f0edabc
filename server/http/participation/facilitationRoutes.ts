/** The organizer's meeting controls over HTTP; the rules are FacilitationActions' and MeetingActions' (server/participation/). */
import type { Handler, Route } from '../router.js'
import { answer, bodyOf, caller, type ParticipationRouteDeps } from './participationRequest.js'

export function facilitationRoutes({ workflow, actions }: ParticipationRouteDeps): Route[] {
  const meeting = actions.facilitation
  const room = actions.meeting

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

  const lead: Handler = async ({ req, res, params }) => {
    answer(res, 200, await room.lead(caller(req, workflow, params.id), bodyOf(req)))
  }
  const releaseLead: Handler = ({ req, res, params }) => {
    answer(res, 200, room.releaseLead(caller(req, workflow, params.id)))
  }
  const raiseHand: Handler = ({ req, res, params }) => {
    answer(res, 200, room.raiseHand(caller(req, workflow, params.id)))
  }
  const lowerHand: Handler = ({ req, res, params }) => {
    answer(res, 200, room.lowerHand(caller(req, workflow, params.id)))
  }
  const callNext: Handler = ({ req, res, params }) => {
    answer(res, 200, room.callNext(caller(req, workflow, params.id)))
  }
  const openHands: Handler = ({ req, res, params }) => {
    answer(res, 200, room.openHands(caller(req, workflow, params.id)))
  }
  const clearHands: Handler = ({ req, res, params }) => {
    answer(res, 200, room.clearHands(caller(req, workflow, params.id)))
  }

  return [
    { pattern: '/api/projects/:id/facilitation', methods: { GET: read } },
    { pattern: '/api/projects/:id/facilitation/gather', methods: { POST: gather } },
    { pattern: '/api/projects/:id/facilitation/timer', methods: { PUT: startTimer, DELETE: stopTimer } },
    { pattern: '/api/projects/:id/facilitation/focus', methods: { PUT: setFocus, DELETE: clearFocus } },
    { pattern: '/api/projects/:id/facilitation/lead', methods: { PUT: lead, DELETE: releaseLead } },
    { pattern: '/api/projects/:id/facilitation/hands', methods: { PUT: openHands, DELETE: clearHands } },
    { pattern: '/api/projects/:id/facilitation/hands/mine', methods: { PUT: raiseHand, DELETE: lowerHand } },
    { pattern: '/api/projects/:id/facilitation/hands/next', methods: { POST: callNext } },
  ]
}
