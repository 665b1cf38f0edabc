/**
 * Agreeing on an option: committee members approve one option each, by name; the organizer sets the
 * quorum and, once an option has that many approvals, confirms it — the project moves to Agreed with
 * a stage move (snapshot and record, Workflow.moveStage) and the agreement is recorded. The organizer
 * may reopen an agreed project, saying why.
 */
import { QUORUM_MAX, REASON_MAX } from '../../../src/shared/participation.js'
import type { Stage } from '../../../src/shared/workflow.js'
import type { Participation } from '../../participation/Participation.js'
import type { StageMoveRecord } from '../../workflow/ProjectStore.js'
import { newId } from '../../workflow/Workflow.js'
import { HttpError } from '../HttpError.js'
import { jsonObject, text } from '../projectRequest.js'
import type { Handler, Route } from '../router.js'
import {
  answerChanged, caller, isId, number, requireAction, requireOrganizer, requireParticipant, STAGE_NAMES,
  type Caller, type ParticipationDeps,
} from './participationRequest.js'

/**
 * Record what a stage move into or out of Agreed means. Called for every such move, whichever route
 * made it: the confirm and reopen routes below, and the organizer's plain stage move (POST …/stage),
 * which records an agreement without an option, or a reopening with the reason it was given (if any).
 */
export function recordAgreementMove(participation: Participation, move: StageMoveRecord, details: { optionId?: string | null; reason?: string }): void {
  if (move.toStage === 'agreed') {
    participation.agreements.recordAgreement(move.projectId, {
      id: newId(), optionId: details.optionId ?? null, byName: move.byName, at: move.at, moveId: move.id,
    })
  } else if (move.fromStage === 'agreed') {
    participation.agreements.recordReopen(move.projectId, { id: newId(), reason: details.reason ?? '', byName: move.byName, at: move.at, moveId: move.id })
  } else {
    return
  }
  participation.changed(move.projectId)
}

export function agreementRoutes(deps: ParticipationDeps): Route[] {
  const { workflow, participation } = deps
  const agreements = participation.agreements

  const optionOf = (c: Caller, value: unknown): string => {
    if (!isId(value) || !participation.options.get(c.project.id, value)) {
      throw new HttpError(400, 'invalid_optionId', '"optionId" must be the id of one of this project\'s design options.')
    }
    return value
  }

  const inStage = (c: Caller, stage: Stage, what: string): void => {
    if (c.stage !== stage) {
      throw new HttpError(409, 'stage_conflict', `The project is in the "${STAGE_NAMES[c.stage]}" stage; ${what} only in "${STAGE_NAMES[stage]}". Reload and try again.`)
    }
  }

  const approve: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'approve', 'approve an option')
    const me = requireParticipant(c)
    const optionId = optionOf(c, (await jsonObject(req)).optionId)
    // One approval per committee member: approving another option moves it.
    agreements.approve(c.project.id, { optionId, participantId: me.id, name: c.actor.name, at: Date.now() })
    answerChanged(res, deps, c)
  }

  const withdraw: Handler = ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'approve', 'withdraw an approval')
    const me = requireParticipant(c)
    agreements.withdraw(c.project.id, me.id)
    answerChanged(res, deps, c)
  }

  const setQuorum: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireOrganizer(c, 'set the quorum')
    agreements.setQuorum(c.project.id, number(await jsonObject(req), 'approvals', { min: 1, max: QUORUM_MAX, integer: true }))
    answerChanged(res, deps, c)
  }

  const confirm: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireOrganizer(c, 'confirm the agreed option')
    inStage(c, 'negotiate', 'an option can be confirmed')
    const optionId = optionOf(c, (await jsonObject(req)).optionId)
    const quorum = agreements.quorum(c.project.id)
    if (quorum === null) throw new HttpError(409, 'quorum_not_set', 'Set how many committee approvals are needed (the quorum) first.')
    const count = agreements.approvals(c.project.id).filter((a) => a.optionId === optionId).length
    if (count < quorum) {
      throw new HttpError(409, 'quorum_not_reached', `This option has ${count} of the ${quorum} committee approvals it needs.`)
    }
    const moved = await workflow.moveStage(c.project.id, c.link, 'negotiate', 'agreed', c.actor.name)
    if (!moved.ok) throw new HttpError(moved.status, moved.code, moved.message)
    // Race: approvals may change while the board snapshot is read; the agreement keeps those at this moment.
    recordAgreementMove(participation, moved.move, { optionId })
    answerChanged(res, deps, { ...c, stage: 'agreed' }, 200, { id: moved.move.id })
  }

  const reopen: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireOrganizer(c, 'reopen the project')
    inStage(c, 'agreed', 'a project can be reopened')
    const reason = text(await jsonObject(req), 'reason', REASON_MAX, true, true)
    const moved = await workflow.moveStage(c.project.id, c.link, 'agreed', 'negotiate', c.actor.name)
    if (!moved.ok) throw new HttpError(moved.status, moved.code, moved.message)
    recordAgreementMove(participation, moved.move, { reason })
    answerChanged(res, deps, { ...c, stage: 'negotiate' }, 200, { id: moved.move.id })
  }

  return [
    { pattern: '/api/projects/:id/approvals', methods: { POST: approve } },
    { pattern: '/api/projects/:id/approvals/mine', methods: { DELETE: withdraw } },
    { pattern: '/api/projects/:id/quorum', methods: { PUT: setQuorum } },
    { pattern: '/api/projects/:id/agreement', methods: { POST: confirm } },
    { pattern: '/api/projects/:id/agreement/reopen', methods: { POST: reopen } },
  ]
}
