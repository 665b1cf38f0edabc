/**
 * Votes on the design options: the organizer opens one (single choice or dots, named or anonymous,
 * results live or after closing) and closes it; each participant who may vote casts one ballot.
 * Every refusal counts nothing: the ballot is checked whole before anything is stored.
 */
import {
  DOTS_PER_PERSON_MAX, RESULTS_VISIBILITIES, VOTE_MODES, VOTE_OPTIONS_MAX,
} from '../../../src/shared/participation.js'
import type { VoteRecord } from '../../participation/voteStore.js'
import { newId } from '../../workflow/Workflow.js'
import { HttpError } from '../HttpError.js'
import { jsonObject, type Body } from '../projectRequest.js'
import type { Handler, Route } from '../router.js'
import {
  answerChanged, caller, idList, notFound, number, oneOf, optionalBoolean, pathId, requireAction, requireOrganizer, requireParticipant,
  type Caller, type ParticipationDeps,
} from './participationRequest.js'

const voteNotFound = notFound('vote_not_found', 'vote')

/** A ballot's points per option, checked against the vote's mode and budget (400 with the reason). */
export function readBallot(vote: VoteRecord, body: Body): Record<string, number> {
  let points: Record<string, number>
  if (body.optionId !== undefined && body.points === undefined) {
    points = { [String(body.optionId)]: 1 }
  } else if (body.points && typeof body.points === 'object' && !Array.isArray(body.points)) {
    points = body.points as Record<string, number>
  } else {
    throw new HttpError(400, 'invalid_ballot', 'Send your ballot as {"points": {"<optionId>": <number>}} (or {"optionId": "…"} for a single choice).')
  }
  const entries = Object.entries(points)
  for (const [optionId, n] of entries) {
    if (!vote.optionIds.includes(optionId)) throw new HttpError(400, 'invalid_option', `"${optionId}" is not one of the options of this vote.`)
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new HttpError(400, 'invalid_points', 'Points must be whole numbers, 0 or more.')
  }
  const given = entries.filter(([, n]) => n > 0)
  const total = given.reduce((sum, [, n]) => sum + n, 0)
  if (total === 0) throw new HttpError(400, 'empty_ballot', 'This ballot gives nothing to any option; choose an option first.')
  if (vote.mode === 'single' && (given.length !== 1 || total !== 1)) {
    throw new HttpError(400, 'invalid_ballot', 'This vote is single choice: choose exactly one option.')
  }
  if (total > vote.dotsPerPerson) {
    throw new HttpError(400, 'over_budget', `You have ${vote.dotsPerPerson} dots in this vote and this ballot uses ${total}; take some back.`)
  }
  return Object.fromEntries(given)
}

export function voteRoutes(deps: ParticipationDeps): Route[] {
  const { workflow, participation } = deps
  const votes = participation.votes

  const findVote = (c: Caller, id: string | undefined): VoteRecord => {
    const vote = votes.get(c.project.id, pathId(id, voteNotFound))
    if (!vote) throw voteNotFound()
    return vote
  }

  const open: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'runVote', 'open a vote')
    const body = await jsonObject(req)
    const optionIds = idList(body, 'optionIds', 2, VOTE_OPTIONS_MAX)
    for (const id of optionIds) {
      if (!participation.options.get(c.project.id, id)) {
        throw new HttpError(400, 'invalid_optionIds', `"${id}" is not one of this project's design options; reload and pick again.`)
      }
    }
    const mode = oneOf(body, 'mode', VOTE_MODES)
    let dotsPerPerson = 1
    if (mode === 'dots') dotsPerPerson = number(body, 'dotsPerPerson', { min: 1, max: DOTS_PER_PERSON_MAX, integer: true })
    else if (body.dotsPerPerson !== undefined && body.dotsPerPerson !== 1) {
      throw new HttpError(400, 'invalid_dotsPerPerson', '"dotsPerPerson" is for dot voting; leave it out of a single-choice vote.')
    }
    const vote: VoteRecord = {
      id: newId(), projectId: c.project.id, optionIds, mode, dotsPerPerson,
      anonymous: optionalBoolean(body, 'anonymous', false),
      resultsVisibility: oneOf(body, 'resultsVisibility', RESULTS_VISIBILITIES, 'live'),
      openedBy: c.actor, openedAt: Date.now(), closedBy: null, closedAt: null,
    }
    if (!votes.insert(vote)) throw new HttpError(409, 'vote_already_open', 'Another vote is still open; close it before opening a new one.')
    answerChanged(res, deps, c, 201, { id: vote.id })
  }

  /** The organizer closes a vote in any stage (one left open when the stage moved on, too). */
  const close: Handler = ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireOrganizer(c, 'close a vote')
    const vote = findVote(c, params.voteId)
    if (!votes.close(vote.id, c.actor, Date.now())) throw new HttpError(409, 'vote_closed', 'This vote is already closed.')
    answerChanged(res, deps, c)
  }

  const cast: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'vote', 'vote')
    const me = requireParticipant(c)
    const vote = findVote(c, params.voteId)
    if (vote.closedAt !== null) throw new HttpError(409, 'vote_closed', 'This vote is closed; ballots are no longer accepted.')
    const ballot = readBallot(vote, await jsonObject(req))
    const now = Date.now()
    const result = votes.cast(vote, { participantId: me.id, name: c.actor.name, role: c.link.role }, ballot, now)
    if (result === 'already_voted') throw new HttpError(409, 'already_voted', 'You have already voted in this vote; each person votes once.')
    if (result === 'closed') throw new HttpError(409, 'vote_closed', 'This vote was closed just now; your ballot was not counted.')
    workflow.recordContribution(c.link, 'vote', now)
    // The one time an anonymous ballot is shown to its voter: the server keeps no copy tied to them.
    answerChanged(res, deps, c, 201, { ballot })
  }

  return [
    { pattern: '/api/projects/:id/votes', methods: { POST: open } },
    { pattern: '/api/projects/:id/votes/:voteId/close', methods: { POST: close } },
    { pattern: '/api/projects/:id/votes/:voteId/ballot', methods: { POST: cast } },
  ]
}
