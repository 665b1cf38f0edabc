/**
 * Agreeing on an option: committee members approve one option each, by name; the organizer sets the
 * quorum and, once an option has that many approvals, confirms it — the project moves to Agreed with
 * a stage move (snapshot and record, Workflow.moveStage) and the agreement is recorded. The organizer
 * may reopen an agreed project, saying why.
 */
import { QUORUM_MAX, REASON_MAX, type ParticipationResponse } from '../../src/shared/participation.js'
import type { Stage } from '../../src/shared/workflow.js'
import type { StageMoveRecord } from '../workflow/ProjectStore.js'
import { newId } from '../workflow/Workflow.js'
import { changed, type ActionDeps } from './actionDeps.js'
import { requireAction, requireOrganizer, requireParticipant, STAGE_NAMES, type Caller } from './caller.js'
import type { Participation } from './Participation.js'
import { isId, number, text, type BodyReader } from './participationInput.js'
import { closeNoticeOnReopen } from './noticeActions.js'
import { ParticipationError } from './ParticipationError.js'
import { revealOnStageMove } from './privateActions.js'

/**
 * Record what a stage move into or out of Agreed means. Called for every such move, whichever entry
 * made it: confirm and reopen below, and the organizer's plain stage move (POST …/stage), which
 * records an agreement without an option, or a reopening with the reason it was given (if any).
 */
export function recordAgreementMove(participation: Participation, move: StageMoveRecord, details: { optionId?: string | null; reason?: string }): void {
  closeNoticeOnReopen(participation, move)
  // Agreed ⇄ Implementation keeps the agreement: only a move from Negotiate agrees, only one back to it reopens.
  if (move.toStage === 'agreed' && move.fromStage === 'negotiate') {
    participation.agreements.recordAgreement(move.projectId, {
      id: newId(), optionId: details.optionId ?? null, byName: move.byName, at: move.at, moveId: move.id,
    })
  } else if (move.fromStage === 'agreed' && move.toStage === 'negotiate') {
    participation.agreements.recordReopen(move.projectId, { id: newId(), reason: details.reason ?? '', byName: move.byName, at: move.at, moveId: move.id })
  } else {
    return
  }
  participation.changed(move.projectId)
}

export class AgreementActions {
  constructor(private readonly deps: ActionDeps) {}

  private get agreements() {
    return this.deps.participation.agreements
  }

  private optionOf(c: Caller, value: unknown): string {
    if (!isId(value) || !this.deps.participation.options.get(c.project.id, value)) {
      throw new ParticipationError(400, 'invalid_optionId', '"optionId" must be the id of one of this project\'s design options.')
    }
    return value
  }

  private inStage(c: Caller, stage: Stage, what: string): void {
    if (c.stage !== stage) {
      throw new ParticipationError(409, 'stage_conflict', `The project is in the "${STAGE_NAMES[c.stage]}" stage; ${what} only in "${STAGE_NAMES[stage]}". Reload and try again.`)
    }
  }

  async approve(c: Caller, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'approve', 'approve an option')
    const me = requireParticipant(c)
    const optionId = this.optionOf(c, (await input()).optionId)
    // One approval per committee member: approving another option moves it.
    this.agreements.approve(c.project.id, { optionId, participantId: me.id, name: c.actor.name, at: Date.now() })
    return changed(this.deps.participation, c)
  }

  withdraw(c: Caller): ParticipationResponse {
    requireAction(c, 'approve', 'withdraw an approval')
    const me = requireParticipant(c)
    this.agreements.withdraw(c.project.id, me.id)
    return changed(this.deps.participation, c)
  }

  async setQuorum(c: Caller, input: BodyReader): Promise<ParticipationResponse> {
    requireOrganizer(c, 'set the quorum')
    this.agreements.setQuorum(c.project.id, number(await input(), 'approvals', { min: 1, max: QUORUM_MAX, integer: true }))
    return changed(this.deps.participation, c)
  }

  async confirm(c: Caller, input: BodyReader): Promise<ParticipationResponse> {
    requireOrganizer(c, 'confirm the agreed option')
    this.inStage(c, 'negotiate', 'an option can be confirmed')
    const optionId = this.optionOf(c, (await input()).optionId)
    const quorum = this.agreements.quorum(c.project.id)
    if (quorum === null) throw new ParticipationError(409, 'quorum_not_set', 'Set how many committee approvals are needed (the quorum) first.')
    const count = this.agreements.approvals(c.project.id).filter((a) => a.optionId === optionId).length
    if (count < quorum) {
      throw new ParticipationError(409, 'quorum_not_reached', `This option has ${count} of the ${quorum} committee approvals it needs.`)
    }
    const moved = await this.deps.workflow.moveStage(c.project.id, c.link, 'negotiate', 'agreed', c.actor.name)
    if (!moved.ok) throw new ParticipationError(moved.status, moved.code, moved.message)
    // Race: approvals may change while the board snapshot is read; the agreement keeps those at this moment.
    recordAgreementMove(this.deps.participation, moved.move, { optionId })
    revealOnStageMove(this.deps.participation, moved.move)
    return changed(this.deps.participation, { ...c, stage: 'agreed' }, { id: moved.move.id })
  }

  async reopen(c: Caller, input: BodyReader): Promise<ParticipationResponse> {
    requireOrganizer(c, 'reopen the project')
    this.inStage(c, 'agreed', 'a project can be reopened')
    const reason = text(await input(), 'reason', REASON_MAX, true, true)
    const moved = await this.deps.workflow.moveStage(c.project.id, c.link, 'agreed', 'negotiate', c.actor.name)
    if (!moved.ok) throw new ParticipationError(moved.status, moved.code, moved.message)
    recordAgreementMove(this.deps.participation, moved.move, { reason })
    return changed(this.deps.participation, { ...c, stage: 'negotiate' }, { id: moved.move.id })
  }
}
