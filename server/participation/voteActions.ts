/**
 * Votes on the design options: the organizer opens one (single choice or dots, named or anonymous,
 * results live or after closing) and closes it; each participant who may vote casts one ballot.
 * Every refusal counts nothing: the ballot is checked whole before anything is stored.
 */
import {
  DOTS_PER_PERSON_MAX, RESULTS_VISIBILITIES, VOTE_MODES, VOTE_OPTIONS_MAX, type BallotResponse, type ParticipationResponse,
} from '../../src/shared/participation.js'
import { isObject } from '../../src/shared/guards.js'
import { newId } from '../workflow/Workflow.js'
import { changed, type ActionDeps } from './actionDeps.js'
import { requireAction, requireOrganizer, requireParticipant, type Caller } from './caller.js'
import { idList, number, oneOf, optionalBoolean, pathId, type Body, type BodyReader } from './participationInput.js'
import { notFound, ParticipationError } from './ParticipationError.js'
import type { VoteRecord } from './voteStore.js'

const voteNotFound = notFound('vote_not_found', 'vote')

/** A ballot's points per option, checked against the vote's mode and budget (400 with the reason). */
export function readBallot(vote: VoteRecord, body: Body): Record<string, number> {
  let points: Record<string, unknown>
  if (body.optionId !== undefined && body.points === undefined) {
    points = { [String(body.optionId)]: 1 }
  } else if (isObject(body.points)) {
    points = body.points
  } else {
    throw new ParticipationError(400, 'invalid_ballot', 'Send your ballot as {"points": {"<optionId>": <number>}} (or {"optionId": "…"} for a single choice).')
  }
  const entries: [string, number][] = []
  for (const [optionId, n] of Object.entries(points)) {
    if (!vote.optionIds.includes(optionId)) throw new ParticipationError(400, 'invalid_option', `"${optionId}" is not one of the options of this vote.`)
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new ParticipationError(400, 'invalid_points', 'Points must be whole numbers, 0 or more.')
    entries.push([optionId, n])
  }
  const given = entries.filter(([, n]) => n > 0)
  const total = given.reduce((sum, [, n]) => sum + n, 0)
  if (total === 0) throw new ParticipationError(400, 'empty_ballot', 'This ballot gives nothing to any option; choose an option first.')
  if (vote.mode === 'single' && (given.length !== 1 || total !== 1)) {
    throw new ParticipationError(400, 'invalid_ballot', 'This vote is single choice: choose exactly one option.')
  }
  if (total > vote.dotsPerPerson) {
    throw new ParticipationError(400, 'over_budget', `You have ${vote.dotsPerPerson} dots in this vote and this ballot uses ${total}; take some back.`)
  }
  return Object.fromEntries(given)
}

export class VoteActions {
  constructor(private readonly deps: ActionDeps) {}

  private get votes() {
    return this.deps.participation.votes
  }

  private findVote(c: Caller, id: string | undefined): VoteRecord {
    const vote = this.votes.get(c.project.id, pathId(id, voteNotFound))
    if (!vote) throw voteNotFound()
    return vote
  }

  async open(c: Caller, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'runVote', 'open a vote')
    const body = await input()
    const optionIds = idList(body, 'optionIds', 2, VOTE_OPTIONS_MAX)
    for (const id of optionIds) {
      if (!this.deps.participation.options.get(c.project.id, id)) {
        throw new ParticipationError(400, 'invalid_optionIds', `"${id}" is not one of this project's design options; reload and pick again.`)
      }
    }
    const mode = oneOf(body, 'mode', VOTE_MODES)
    let dotsPerPerson = 1
    if (mode === 'dots') dotsPerPerson = number(body, 'dotsPerPerson', { min: 1, max: DOTS_PER_PERSON_MAX, integer: true })
    else if (body.dotsPerPerson !== undefined && body.dotsPerPerson !== 1) {
      throw new ParticipationError(400, 'invalid_dotsPerPerson', '"dotsPerPerson" is for dot voting; leave it out of a single-choice vote.')
    }
    const vote: VoteRecord = {
      id: newId(), projectId: c.project.id, optionIds, mode, dotsPerPerson,
      anonymous: optionalBoolean(body, 'anonymous', false),
      resultsVisibility: oneOf(body, 'resultsVisibility', RESULTS_VISIBILITIES, 'live'),
      openedBy: c.actor, openedAt: Date.now(), closedBy: null, closedAt: null,
    }
    if (!this.votes.insert(vote)) throw new ParticipationError(409, 'vote_already_open', 'Another vote is still open; close it before opening a new one.')
    return changed(this.deps.participation, c, { id: vote.id })
  }

  /** The organizer closes a vote in any stage (one left open when the stage moved on, too). */
  close(c: Caller, voteId: string | undefined): ParticipationResponse {
    requireOrganizer(c, 'close a vote')
    const vote = this.findVote(c, voteId)
    if (!this.votes.close(vote.id, c.actor, Date.now())) throw new ParticipationError(409, 'vote_closed', 'This vote is already closed.')
    return changed(this.deps.participation, c)
  }

  async cast(c: Caller, voteId: string | undefined, input: BodyReader): Promise<BallotResponse> {
    requireAction(c, 'vote', 'vote')
    const me = requireParticipant(c)
    const vote = this.findVote(c, voteId)
    if (vote.closedAt !== null) throw new ParticipationError(409, 'vote_closed', 'This vote is closed; ballots are no longer accepted.')
    const ballot = readBallot(vote, await input())
    const now = Date.now()
    const result = this.votes.cast(vote, { participantId: me.id, name: c.actor.name, role: c.link.role }, ballot, now)
    if (result === 'already_voted') {
      // Her ballot was entered by the committee (代录): she is told who, and the committee sees the clash to resolve.
      const entered = this.deps.participation.proxy.enteredBallot(c.project.id, vote.id, me.id)
      if (entered) {
        this.deps.participation.proxy.recordClash(c.project.id, vote.id, me.id, c.actor.name, now, newId())
        this.deps.participation.changed(c.project.id)
        throw new ParticipationError(409, 'vote_entered_for_you',
          `${entered.byName} (${entered.byRole}) already entered your ballot in this vote, so this one was not counted. If that is not what you chose, tell the committee: they can see this and take theirs back so you can vote yourself.`)
      }
      throw new ParticipationError(409, 'already_voted', 'You have already voted in this vote; each person votes once.')
    }
    if (result === 'closed') throw new ParticipationError(409, 'vote_closed', 'This vote was closed just now; your ballot was not counted.')
    this.deps.workflow.recordContribution(c.link, 'vote', now)
    // The one time an anonymous ballot is shown to its voter: the server keeps no copy tied to them.
    return changed(this.deps.participation, c, { ballot })
  }
}
