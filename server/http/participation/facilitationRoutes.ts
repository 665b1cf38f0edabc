/** The organizer's meeting controls: "bring everyone to me", the shared countdown timer and the projector's focus (in memory). */
import { COORDINATE_MAX, FOCUS_KINDS, TIMER_LABEL_MAX, TIMER_SECONDS_MAX } from '../../../src/shared/participation.js'
import { HttpError } from '../HttpError.js'
import { jsonObject, text } from '../projectRequest.js'
import { sendJson } from '../respond.js'
import type { Handler, Route } from '../router.js'
import { caller, isId, notFound, number, object, oneOf, requireAction, type ParticipationDeps } from './participationRequest.js'

/** tldraw's zoom range is far narrower; beyond this a camera is a mistake. */
const ZOOM_MIN = 0.01
const ZOOM_MAX = 100

export function facilitationRoutes(deps: ParticipationDeps): Route[] {
  const { workflow, facilitation, participation } = deps

  const read: Handler = ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    sendJson(res, 200, facilitation.state(c.project.id))
  }

  const gather: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'facilitate', 'bring everyone to your view')
    const v = object(await jsonObject(req), 'viewport')
    const viewport = {
      x: number(v, 'x', { min: -COORDINATE_MAX, max: COORDINATE_MAX }),
      y: number(v, 'y', { min: -COORDINATE_MAX, max: COORDINATE_MAX }),
      z: number(v, 'z', { min: ZOOM_MIN, max: ZOOM_MAX }),
    }
    sendJson(res, 200, facilitation.gather(c.project.id, c.actor.name, viewport))
  }

  const startTimer: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'facilitate', 'run the meeting timer')
    const body = await jsonObject(req)
    const seconds = number(body, 'seconds', { min: 1, max: TIMER_SECONDS_MAX, integer: true })
    sendJson(res, 200, facilitation.startTimer(c.project.id, c.actor.name, seconds, text(body, 'label', TIMER_LABEL_MAX, false)))
  }

  const stopTimer: Handler = ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'facilitate', 'run the meeting timer')
    sendJson(res, 200, facilitation.stopTimer(c.project.id))
  }

  // Only a facilitator moves what the room looks at: every follower's screen goes where the focus
  // is, so a resident setting it would steer everyone's view. The id must name a live option or a
  // live (not deleted, not merged) need of this project: followers look it up, and an id from another
  // project must not leak in as something to show.
  const setFocus: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'facilitate', 'choose what the projector shows')
    const body = await jsonObject(req)
    const kind = oneOf(body, 'kind', FOCUS_KINDS)
    const id = body.id
    if (!isId(id)) throw new HttpError(400, 'invalid_id', '"id" must be the id of an option or a need of this project.')
    if (kind === 'option' && !participation.options.get(c.project.id, id)) throw notFound('option_not_found', 'option')()
    if (kind === 'need') {
      const need = participation.needs.get(c.project.id, id)
      if (!need || need.deletedAt !== null || need.mergedInto !== null) throw notFound('need_not_found', 'need')()
    }
    sendJson(res, 200, facilitation.setFocus(c.project.id, c.actor.name, kind, id))
  }

  const clearFocus: Handler = ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'facilitate', 'choose what the projector shows')
    sendJson(res, 200, facilitation.clearFocus(c.project.id))
  }

  return [
    { pattern: '/api/projects/:id/facilitation', methods: { GET: read } },
    { pattern: '/api/projects/:id/facilitation/gather', methods: { POST: gather } },
    { pattern: '/api/projects/:id/facilitation/timer', methods: { PUT: startTimer, DELETE: stopTimer } },
    { pattern: '/api/projects/:id/facilitation/focus', methods: { PUT: setFocus, DELETE: clearFocus } },
  ]
}
