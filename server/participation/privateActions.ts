/**
 * Private mode (各自先想, "think first on your own"): the organizer starts a period in Collect needs
 * (new needs) or Negotiate (new comments on design options) in which each person sees only their
 * own new items — the organizer and committee see them too only if the organizer chose so — and
 * reveals them to everyone at once. The withholding is the view's (participationView.ts): every
 * path that answers participation (GET, the event stream, exports) goes through it. Ticks wait for
 * the reveal; moving the project out of the stage reveals.
 */
import { LEADERS_SEE, PRIVATE_SCOPE_OF_STAGE, type ParticipationResponse } from '../../src/shared/participation.js'
import type { Role } from '../../src/shared/workflow.js'
import type { StageMoveRecord } from '../workflow/ProjectStore.js'
import { newId } from '../workflow/Workflow.js'
import { changed, type ActionDeps } from './actionDeps.js'
import { requireAction, viewerOf, type Caller } from './caller.js'
import type { Participation } from './Participation.js'
import type { NeedRecord } from './needStore.js'
import { hidesNeed, inPeriod, seesEverything } from './privateStore.js'
import { oneOf, type BodyReader } from './participationInput.js'
import { ParticipationError } from './ParticipationError.js'

/**
 * A stage move ends a running period by revealing it: its scope belongs to the stage it was started
 * in, and a period nobody can end from the new stage (privateMode is not granted there) would hide
 * people's needs for good. Called for every stage move, whichever entry made it.
 */
export function revealOnStageMove(participation: Participation, move: StageMoveRecord): void {
  const running = participation.privates.running(move.projectId)
  if (!running || PRIVATE_SCOPE_OF_STAGE[move.toStage] === running.scope) return
  participation.privates.reveal(move.projectId, move.at, move.byName)
  participation.changed(move.projectId)
}

/** 409 private_period while a period of `scope` runs in the caller's project (ticking waits for the reveal). */
export function refuseDuringPrivate(participation: Participation, c: Caller, scope: 'needs', what: string): void {
  const running = participation.privates.running(c.project.id)
  if (running?.scope === scope) {
    throw new ParticipationError(409, 'private_period', `Everyone is thinking on their own now (private mode); you can ${what} once the organizer shows everyone's needs.`)
  }
}

/**
 * Security: need `need` as the caller may act on it by id (edit, delete, tick, merge, focus, comment
 * on): one the running period keeps from them is answered 404, as if it did not exist — the same as
 * their view, so an id learnt elsewhere opens nothing and confirms nothing.
 */
export function visibleNeed(participation: Participation, c: Caller, need: NeedRecord | undefined): NeedRecord | undefined {
  if (!need) return undefined
  return hidesNeed(participation.privates.running(c.project.id), c.link.role, c.participant?.id ?? null, need) ? undefined : need
}

/**
 * 409 private_period for a need of the running period that the caller may see, when what they do
 * would show it, or its ticks, to everyone before the reveal (a merge, the projector's focus).
 */
export function refusePeriodNeed(participation: Participation, c: Caller, need: NeedRecord, what: string): void {
  if (inPeriod(participation.privates.running(c.project.id), 'needs', need.createdAt)) {
    throw new ParticipationError(409, 'private_period', `Everyone is thinking on their own now (private mode); you can ${what} once the organizer shows everyone's needs.`)
  }
}

/** Security: whether thread `threadId` is in the caller's own view (a period may withhold it, see viewFor). */
export function seesThread(participation: Participation, c: Caller, threadId: string): boolean {
  if (!participation.privates.running(c.project.id)) return true
  return participation.stateFor(c.project.id, viewerOf(c)).threads.some((t) => t.id === threadId)
}

/**
 * Whether a running period withholds anything from a link of `role` (the view's rule, participationView.ts):
 * the archive, which carries every row as stored, is refused to such an exporter.
 */
export function withholdsFrom(participation: Participation, projectId: string, role: Role): boolean {
  return !seesEverything(participation.privates.running(projectId), role)
}

export class PrivateActions {
  constructor(private readonly deps: ActionDeps) {}

  async start(before: Caller, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(before, 'privateMode', 'start private mode')
    const { privates } = this.deps.participation
    const leadersSee = oneOf(await input(), 'leadersSee', LEADERS_SEE)
    // Race: everything is checked again after the body is read, with nothing awaited from here to
    // the insert. Two organizer screens pressing start at once would otherwise both pass the
    // running check while their bodies arrive and start two periods; a stage move landing
    // meanwhile would leave a period in a stage where nobody may reveal it, blocking ticks there.
    const c: Caller = { ...before, stage: this.deps.workflow.stageOf(before.project.id) }
    requireAction(c, 'privateMode', 'start private mode')
    if (privates.running(c.project.id)) {
      throw new ParticipationError(409, 'private_period_active', 'Private mode is already on; reveal it before starting another.')
    }
    const scope = PRIVATE_SCOPE_OF_STAGE[c.stage]
    // Only reached if PERMISSIONS grants privateMode in a stage without a scope: refuse, never guess one.
    if (!scope) throw new ParticipationError(403, 'wrong_stage', 'Private mode runs only in Collect needs and Negotiate.')
    privates.start(c.project.id, { id: newId(), scope, leadersSee, startedAt: Date.now(), startedBy: c.actor.name })
    return changed(this.deps.participation, c)
  }

  reveal(c: Caller): ParticipationResponse {
    requireAction(c, 'privateMode', 'reveal private mode')
    // Race: two reveals at once (two organizer screens): the second finds none running and is told so.
    if (!this.deps.participation.privates.reveal(c.project.id, Date.now(), c.actor.name)) {
      throw new ParticipationError(409, 'no_private_period', 'Private mode is not on; there is nothing to reveal.')
    }
    return changed(this.deps.participation, c)
  }
}
