/** The organizer's meeting controls: "bring everyone to me" and the shared countdown timer (in memory). */
import { COORDINATE_MAX, TIMER_LABEL_MAX, TIMER_SECONDS_MAX } from '../../../src/shared/participation.js'
import { jsonObject, text } from '../projectRequest.js'
import { sendJson } from '../respond.js'
import type { Handler, Route } from '../router.js'
import { caller, number, object, requireAction, type ParticipationDeps } from './participationRequest.js'

/** tldraw's zoom range is far narrower; beyond this a camera is a mistake. */
const ZOOM_MIN = 0.01
const ZOOM_MAX = 100

export function facilitationRoutes(deps: ParticipationDeps): Route[] {
  const { workflow, facilitation } = deps

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

  return [
    { pattern: '/api/projects/:id/facilitation', methods: { GET: read } },
    { pattern: '/api/projects/:id/facilitation/gather', methods: { POST: gather } },
    { pattern: '/api/projects/:id/facilitation/timer', methods: { PUT: startTimer, DELETE: stopTimer } },
  ]
}
