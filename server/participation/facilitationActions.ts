/**
 * Who may run the meeting and with what: "bring everyone to me", the shared countdown timer and the
 * projector's focus. The meeting state itself is Facilitation's (in memory).
 */
import {
  COORDINATE_MAX, FOCUS_KINDS, TIMER_LABEL_MAX, TIMER_SECONDS_MAX, type FacilitationState,
} from '../../src/shared/participation.js'
import type { ActionDeps } from './actionDeps.js'
import { requireAction, type Caller } from './caller.js'
import { isId, number, object, oneOf, text, type BodyReader } from './participationInput.js'
import { notFound, ParticipationError } from './ParticipationError.js'
import { refusePeriodNeed, visibleNeed } from './privateActions.js'

/** tldraw's zoom range is far narrower; beyond this a camera is a mistake. */
const ZOOM_MIN = 0.01
const ZOOM_MAX = 100

export class FacilitationActions {
  constructor(private readonly deps: ActionDeps) {}

  state(c: Caller): FacilitationState {
    return this.deps.facilitation.state(c.project.id)
  }

  async gather(c: Caller, input: BodyReader): Promise<FacilitationState> {
    requireAction(c, 'facilitate', 'bring everyone to your view')
    const v = object(await input(), 'viewport')
    const viewport = {
      x: number(v, 'x', { min: -COORDINATE_MAX, max: COORDINATE_MAX }),
      y: number(v, 'y', { min: -COORDINATE_MAX, max: COORDINATE_MAX }),
      z: number(v, 'z', { min: ZOOM_MIN, max: ZOOM_MAX }),
    }
    return this.deps.facilitation.gather(c.project.id, c.actor.name, viewport)
  }

  async startTimer(c: Caller, input: BodyReader): Promise<FacilitationState> {
    requireAction(c, 'facilitate', 'run the meeting timer')
    const body = await input()
    const seconds = number(body, 'seconds', { min: 1, max: TIMER_SECONDS_MAX, integer: true })
    return this.deps.facilitation.startTimer(c.project.id, c.actor.name, seconds, text(body, 'label', TIMER_LABEL_MAX, false))
  }

  stopTimer(c: Caller): FacilitationState {
    requireAction(c, 'facilitate', 'run the meeting timer')
    return this.deps.facilitation.stopTimer(c.project.id)
  }

  // Only a facilitator moves what the room looks at: every follower's screen goes where the focus
  // is, so a resident setting it would steer everyone's view. The id must name a live option or a
  // live (not deleted, not merged) need of this project: followers look it up, and an id from another
  // project must not leak in as something to show.
  async setFocus(c: Caller, input: BodyReader): Promise<FacilitationState> {
    const { participation } = this.deps
    requireAction(c, 'facilitate', 'choose what the projector shows')
    const body = await input()
    const kind = oneOf(body, 'kind', FOCUS_KINDS)
    const id = body.id
    if (!isId(id)) throw new ParticipationError(400, 'invalid_id', '"id" must be the id of an option or a need of this project.')
    if (kind === 'option' && !participation.options.get(c.project.id, id)) throw notFound('option_not_found', 'option')()
    if (kind === 'need') {
      const need = visibleNeed(participation, c, participation.needs.get(c.project.id, id))
      if (!need || need.deletedAt !== null || need.mergedInto !== null) throw notFound('need_not_found', 'need')()
      // Security: the focus goes to every screen and the projector shows the need to the room.
      refusePeriodNeed(participation, c, need, 'put it on the projector')
    }
    return this.deps.facilitation.setFocus(c.project.id, c.actor.name, kind, id)
  }

  clearFocus(c: Caller): FacilitationState {
    requireAction(c, 'facilitate', 'choose what the projector shows')
    return this.deps.facilitation.clearFocus(c.project.id)
  }
}
