/**
 * Who may lead the room and run its speaking order: the presenter's lead (every screen follows the
 * presenter's view) and hands up. The meeting state itself is Facilitation's (in memory).
 *
 * Security: the lead steers every screen in the room, so only a facilitator may take, move or end it
 * (`facilitate`); a hand is recorded under a person, so it needs a personal token, and one person has
 * one hand (raising again keeps her place), so a hostile link holder can add one entry per participant
 * and no more (MAX_RAISED_HANDS bounds even that).
 */
import {
  COORDINATE_MAX, MAX_RAISED_HANDS, TIMER_LABEL_MAX, TIMER_SECONDS_MAX, type FacilitationState, type ViewBox,
} from '../../src/shared/participation.js'
import type { ActionDeps } from './actionDeps.js'
import { requireAction, requireParticipant, type Caller } from './caller.js'
import { isId, number, object, text, type BodyReader, type Body } from './participationInput.js'
import { ParticipationError } from './ParticipationError.js'

/** A view narrower or shorter than this is no screen (tldraw's zoom range stops far before). */
const VIEW_MIN = 0.01

function viewBox(body: Body): ViewBox {
  const v = object(body, 'viewport')
  return {
    x: number(v, 'x', { min: -COORDINATE_MAX, max: COORDINATE_MAX }),
    y: number(v, 'y', { min: -COORDINATE_MAX, max: COORDINATE_MAX }),
    width: number(v, 'width', { min: VIEW_MIN, max: COORDINATE_MAX }),
    height: number(v, 'height', { min: VIEW_MIN, max: COORDINATE_MAX }),
  }
}

export class MeetingActions {
  constructor(private readonly deps: ActionDeps) {}

  async lead(c: Caller, input: BodyReader): Promise<FacilitationState> {
    requireAction(c, 'facilitate', 'lead everyone’s screens')
    const { facilitation } = this.deps
    const body = await input()
    const view = viewBox(body)
    if (body.id !== undefined) {
      if (!isId(body.id)) throw new ParticipationError(400, 'invalid_id', '"id" must be the id of the lead you hold.')
      const current = facilitation.lead(c.project.id)
      // Race: the lead ended (released, timed out, lapsed) or another page took it while this page's
      // move was on its way. A move must not bring back a lead that ended: the page stops leading.
      if (current?.id !== body.id) {
        throw new ParticipationError(409, 'lead_lost', 'You are no longer leading: the lead ended or someone else took it. Take the lead again if you want everyone to follow you.')
      }
      return facilitation.moveLead(c.project.id, current, view)
    }
    const timed = body.seconds === undefined ? null : {
      seconds: number(body, 'seconds', { min: 1, max: TIMER_SECONDS_MAX, integer: true }),
      label: text(body, 'label', TIMER_LABEL_MAX, false),
    }
    return facilitation.takeLead(c.project.id, c.actor, view, timed)
  }

  releaseLead(c: Caller): FacilitationState {
    requireAction(c, 'facilitate', 'lead everyone’s screens')
    return this.deps.facilitation.releaseLead(c.project.id)
  }

  raiseHand(c: Caller): FacilitationState {
    requireAction(c, 'raiseHand', 'raise your hand')
    const me = requireParticipant(c)
    const state = this.deps.facilitation.raiseHand(c.project.id, { participantId: me.id, name: c.actor.name, role: c.link.role })
    if (state === 'closed') throw new ParticipationError(409, 'hands_closed', 'Hands up is not open: the facilitator opens it when the discussion starts.')
    if (state === 'full') throw new ParticipationError(409, 'hands_full', `${MAX_RAISED_HANDS} hands are already up; wait for the facilitator to call some people first.`)
    return state
  }

  /** Her own hand only, at any stage: putting a hand down (or saying "I am done") is never refused. */
  lowerHand(c: Caller): FacilitationState {
    const me = requireParticipant(c)
    return this.deps.facilitation.lowerHand(c.project.id, me.id)
  }

  callNext(c: Caller): FacilitationState {
    requireAction(c, 'callSpeaker', 'call the next speaker')
    const state = this.deps.facilitation.callNext(c.project.id, c.actor.name)
    if (!state) throw new ParticipationError(409, 'no_raised_hands', 'No hand is up: nobody is waiting to speak.')
    return state
  }

  openHands(c: Caller): FacilitationState {
    requireAction(c, 'callSpeaker', 'open hands up')
    return this.deps.facilitation.openHands(c.project.id)
  }

  clearHands(c: Caller): FacilitationState {
    requireAction(c, 'callSpeaker', 'end hands up')
    return this.deps.facilitation.clearHands(c.project.id)
  }
}
