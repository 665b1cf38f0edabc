/**
 * Acting for a resident without a phone (代录, docs/permissions.md "Entering for a resident"): a
 * committee member (or the organizer) records a need, a tick or a ballot on behalf of a named
 * resident, and enters paper ballots of an open vote as a batch. Each entry is the ordinary row keyed
 * by the resident's participant id — she counts once, whoever entered it — plus a record of who
 * entered it for whom.
 */
import { refuseDuringPrivate } from './privateActions.js'
import { COORDINATE_MAX, NEED_TEXT_MAX, type ParticipationResponse } from '../../src/shared/participation.js'
import { PAPER_COUNT_MAX, PAPER_SOURCE_MAX, type ProxyRecord } from '../../src/shared/proxyEntry.js'
import { isObject } from '../../src/shared/guards.js'
import { personLabel } from '../../src/shared/identity.js'
import { can, type Action } from '../../src/shared/workflow.js'
import type { ParticipantRecord } from '../workflow/ProjectStore.js'
import { newId } from '../workflow/Workflow.js'
import { changed, type ActionDeps } from './actionDeps.js'
import { requireAction, requireParticipant, STAGE_NAMES, type Caller } from './caller.js'
import type { NeedRecord } from './needStore.js'
import { isId, number, oneOf, pathId, text, type Body, type BodyReader } from './participationInput.js'
import { notFound, ParticipationError } from './ParticipationError.js'
import { readBallot } from './voteActions.js'
import type { VoteRecord } from './voteStore.js'

const needNotFound = notFound('need_not_found', 'need')
const voteNotFound = notFound('vote_not_found', 'vote')
const batchNotFound = notFound('paper_batch_not_found', 'paper batch')
const clashNotFound = notFound('clash_not_found', 'vote clash')
const NAME_MAX = 40

export class ProxyActions {
  constructor(private readonly deps: ActionDeps) {}

  private get store() {
    return this.deps.participation.proxy
  }

  /**
   * Security: the caller may enter for residents now (committee, organizer; by name, so every entry
   * says who made it), and a resident herself may do `residentAction` in this stage — a proxy can do
   * for her only what she could do on her own phone.
   */
  private allowed(c: Caller, residentAction: Action, what: string): void {
    requireAction(c, 'proxyEntry', `enter ${what} for a resident`)
    requireParticipant(c)
    if (!can('resident', c.stage, residentAction)) {
      throw new ParticipationError(403, 'wrong_stage', `Residents cannot ${what === 'paper ballots' ? 'vote' : `add ${what}`} in the "${STAGE_NAMES[c.stage]}" stage, so nobody can enter that for them now.`)
    }
  }

  /** The resident named by `residentId`: a resident participant of this project. */
  private resident(c: Caller, body: Body): ParticipantRecord {
    const id = body.residentId
    if (!isId(id)) throw new ParticipationError(400, 'invalid_residentId', '"residentId" must be the id of a resident from the list of people (or add her first: POST …/proxy/residents).')
    const p = this.deps.workflow.getParticipant(c.project.id, id)
    if (!p) throw new ParticipationError(404, 'participant_not_found', 'This project has no such person; reload the list of people.')
    // Security: entering for a colleague or an expert would cast their vote; only residents are acted for.
    if (p.role !== 'resident') throw new ParticipationError(403, 'not_a_resident', `${personLabel(p)} is not a resident; only residents can have things entered for them.`)
    return p
  }

  private findVote(c: Caller, id: string | undefined): VoteRecord {
    const vote = this.deps.participation.votes.get(c.project.id, pathId(id, voteNotFound))
    if (!vote) throw voteNotFound()
    return vote
  }

  /** POST …/proxy/residents: a resident without a phone, by name (and building / unit). */
  async addResident(c: Caller, input: BodyReader): Promise<ParticipationResponse & { resident: { id: string; label: string } }> {
    requireAction(c, 'proxyEntry', 'add a resident to enter things for')
    requireParticipant(c)
    const body = await input()
    const name = text(body, 'name', NAME_MAX, true)
    const unit = text(body, 'unit', NAME_MAX, false)
    const made = this.deps.workflow.identity.addResident(c.project.id, name, unit)
    if (!made.ok) throw new ParticipationError(made.status === 410 ? 409 : made.status, made.code, made.message)
    return changed(this.deps.participation, c, { resident: { id: made.participant.id, label: personLabel(made.participant) } })
  }

  /** POST …/proxy/needs: her need, she its author; ticked by her as any need is by its author. */
  async need(c: Caller, input: BodyReader): Promise<ParticipationResponse> {
    this.allowed(c, 'addNeed', 'needs')
    const body = await input()
    const p = this.resident(c, body)
    const categoryId = body.categoryId
    const category = this.deps.participation.categories.list(c.project.id).find((k) => k.id === categoryId && !k.hidden)
    if (!category) throw new ParticipationError(400, 'invalid_categoryId', '"categoryId" must be one of the project\'s categories; reload to see the current list.')
    const now = Date.now()
    const need: NeedRecord = {
      id: newId(), projectId: c.project.id,
      x: number(body, 'x', { min: -COORDINATE_MAX, max: COORDINATE_MAX }), y: number(body, 'y', { min: -COORDINATE_MAX, max: COORDINATE_MAX }),
      categoryId: category.id, text: text(body, 'text', NEED_TEXT_MAX, true, true), photoSrc: null, source: 'board', raisedBy: 0,
      author: { participantId: p.id, name: personLabel(p), role: 'resident' }, stage: c.stage, createdAt: now, updatedAt: now, mergedInto: null, deletedAt: null,
    }
    // Both rows or neither: a need without its "entered by" record would pass for her own.
    this.store.needFor(() => this.deps.participation.needs.insert(need), c.project.id, need.id, p.id, personLabel(p), c.actor, now, newId())
    this.deps.workflow.recordContribution(c.link, 'need', now)
    return changed(this.deps.participation, c, { id: need.id })
  }

  /** POST …/proxy/ticks: her tick on a need. */
  async tick(c: Caller, needId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    this.allowed(c, 'tick', 'ticks')
    // What she could not do herself, the committee cannot do for her: no ticks before a private
    // period's reveal, none on a need moderation has hidden from her.
    refuseDuringPrivate(this.deps.participation, c, 'needs', 'tick needs')
    const need = this.deps.participation.needs.get(c.project.id, pathId(needId, needNotFound))
    if (!need) throw needNotFound()
    if (this.deps.participation.moderation.isHidden(c.project.id, { kind: 'need', id: need.id })) {
      throw new ParticipationError(404, 'need_not_found', 'This need is hidden by moderation; residents cannot see or tick it until it is restored.')
    }
    if (need.mergedInto !== null) throw new ParticipationError(409, 'need_merged', `This need was merged into another one (${need.mergedInto}); tick that one instead.`)
    const p = this.resident(c, await input())
    if (!this.store.tick(c.project.id, need.id, p.id, personLabel(p), c.actor, Date.now(), newId())) {
      throw new ParticipationError(409, 'already_ticked', `${personLabel(p)} has already ticked this need (on her own phone or through the committee); each person ticks a need once.`)
    }
    return changed(this.deps.participation, c)
  }

  /** DELETE …/proxy/ticks: take back a tick entered for her (kept as a record). Her own ticks are hers to change. */
  async untick(c: Caller, needId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    this.allowed(c, 'tick', 'ticks')
    // What she could not do herself, the committee cannot do for her: no ticks before a private
    // period's reveal, none on a need moderation has hidden from her.
    refuseDuringPrivate(this.deps.participation, c, 'needs', 'tick needs')
    const need = this.deps.participation.needs.get(c.project.id, pathId(needId, needNotFound))
    if (!need) throw needNotFound()
    if (this.deps.participation.moderation.isHidden(c.project.id, { kind: 'need', id: need.id })) {
      throw new ParticipationError(404, 'need_not_found', 'This need is hidden by moderation; residents cannot see or tick it until it is restored.')
    }
    const p = this.resident(c, await input())
    if (!this.store.untick(c.project.id, need.id, p.id, c.actor.name, Date.now())) {
      throw new ParticipationError(409, 'not_ticked', `No tick entered for ${personLabel(p)} stands on this need; a tick she made on her own phone is hers to take back.`)
    }
    return changed(this.deps.participation, c)
  }

  /** POST …/votes/:voteId/proxy-ballots: her ballot, by the vote's mode and budget, into an open vote. */
  async ballot(c: Caller, voteId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    this.allowed(c, 'vote', 'ballots')
    const vote = this.findVote(c, voteId)
    if (vote.closedAt !== null) throw new ParticipationError(409, 'vote_closed', 'This vote is closed; no ballot can be entered into it any more.')
    const body = await input()
    const p = this.resident(c, body)
    const points = readBallot(vote, body)
    const now = Date.now()
    const result = this.store.castFor(vote, { participantId: p.id, name: personLabel(p), role: 'resident' }, points, c.actor, now, newId())
    if (result === 'closed') throw new ParticipationError(409, 'vote_closed', 'This vote was closed just now; the ballot was not entered.')
    if (result === 'voted_self') throw new ParticipationError(409, 'voted_self', `${personLabel(p)} has already voted on her own phone in this vote; her ballot counts and nothing was entered.`)
    if (result === 'entered_already') throw new ParticipationError(409, 'already_voted', `A ballot for ${personLabel(p)} was already entered in this vote; each person votes once.`)
    this.deps.workflow.recordContribution(c.link, 'vote', now)
    return changed(this.deps.participation, c)
  }

  /** POST …/votes/:voteId/paper: a batch of paper ballots, per option a count, and where they came from. */
  async addPaper(c: Caller, voteId: string | undefined, input: BodyReader): Promise<ParticipationResponse & { id: string }> {
    this.allowed(c, 'vote', 'paper ballots')
    const vote = this.findVote(c, voteId)
    if (vote.closedAt !== null) throw new ParticipationError(409, 'vote_closed', 'This vote is closed; paper ballots can no longer be added to it.')
    const batch = this.readBatch(c, vote, await input())
    if (this.store.addPaper(batch) === 'closed') throw new ParticipationError(409, 'vote_closed', 'This vote was closed just now; the paper ballots were not added.')
    return changed(this.deps.participation, c, { id: batch.id })
  }

  /** PUT …/paper/:batchId: correct a batch — a new batch replaces it; both stay as a record. */
  async correctPaper(c: Caller, voteId: string | undefined, batchId: string | undefined, input: BodyReader): Promise<ParticipationResponse & { id: string }> {
    this.allowed(c, 'vote', 'paper ballots')
    const vote = this.findVote(c, voteId)
    const old = this.liveBatch(c, vote, batchId)
    if (vote.closedAt !== null) throw new ParticipationError(409, 'vote_closed', 'This vote is closed; its paper ballots can no longer be changed.')
    const batch = this.readBatch(c, vote, await input())
    const result = this.store.correctPaper(c.project.id, old, batch)
    if (result === 'closed') throw new ParticipationError(409, 'vote_closed', 'This vote was closed just now; the paper ballots were not changed.')
    if (result === 'removed') throw new ParticipationError(409, 'paper_batch_removed', 'Someone removed or corrected this batch just now; reload to see it.')
    return changed(this.deps.participation, c, { id: batch.id })
  }

  /** DELETE …/paper/:batchId: it stops counting, and stays as a record of who removed it. */
  removePaper(c: Caller, voteId: string | undefined, batchId: string | undefined): ParticipationResponse {
    this.allowed(c, 'vote', 'paper ballots')
    const vote = this.findVote(c, voteId)
    const old = this.liveBatch(c, vote, batchId)
    if (vote.closedAt !== null) throw new ParticipationError(409, 'vote_closed', 'This vote is closed; its paper ballots can no longer be changed.')
    if (!this.store.removePaper(c.project.id, old, c.actor.name, Date.now(), null)) {
      throw new ParticipationError(409, 'paper_batch_removed', 'Someone removed or corrected this batch just now; reload to see it.')
    }
    return changed(this.deps.participation, c)
  }

  /** POST …/proxy/clashes/:clashId {keep: 'committee' | 'own'}. */
  async resolve(c: Caller, clashId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'proxyEntry', 'resolve a vote clash')
    requireParticipant(c)
    const id = pathId(clashId, clashNotFound)
    const keep = oneOf(await input(), 'keep', ['committee', 'own'] as const)
    const result = this.store.resolve(c.project.id, id, keep, c.actor.name, Date.now())
    if (result === undefined) throw clashNotFound()
    if (result === 'resolved') throw new ParticipationError(409, 'clash_resolved', 'This clash was resolved already; reload to see how.')
    if (result === 'closed') throw new ParticipationError(409, 'vote_closed', 'This vote is closed; the entered ballot stays as counted.')
    if (result === 'anonymous') {
      throw new ParticipationError(409, 'anonymous_ballot', 'This vote is anonymous: what the entered ballot chose is not kept, so it cannot be taken out of the count. Keep it ("keep": "committee").')
    }
    return changed(this.deps.participation, c)
  }

  /** GET …/proxy: every entry, paper batch and clash, with names — the committee's and organizer's record. */
  record(c: Caller): ProxyRecord {
    // Any stage: the record of what was entered stays readable after the vote (like an export).
    if (c.link.role !== 'committee' && c.link.role !== 'organizer') {
      throw new ParticipationError(403, 'not_allowed', 'Only the committee and the organizer see what was entered for residents.')
    }
    requireParticipant(c)
    const id = c.project.id
    return { entries: this.store.entries(id), paper: this.store.paper(id), clashes: this.store.clashes(id) }
  }

  private liveBatch(c: Caller, vote: VoteRecord, batchId: string | undefined): string {
    const id = pathId(batchId, batchNotFound)
    const batch = this.store.paper(c.project.id).find((b) => b.id === id && b.voteId === vote.id)
    if (!batch) throw batchNotFound()
    if (batch.removedAt !== null) throw new ParticipationError(409, 'paper_batch_removed', 'This batch was removed or corrected already; change its correction instead.')
    return batch.id
  }

  private readBatch(c: Caller, vote: VoteRecord, body: Body) {
    const raw = body.counts
    if (!isObject(raw)) throw new ParticipationError(400, 'invalid_counts', 'Send the papers per option as {"counts": {"<optionId>": <number>}}.')
    const counts: Record<string, number> = {}
    for (const [optionId, n] of Object.entries(raw)) {
      if (!vote.optionIds.includes(optionId)) throw new ParticipationError(400, 'invalid_option', `"${optionId}" is not one of the options of this vote.`)
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > PAPER_COUNT_MAX) {
        throw new ParticipationError(400, 'invalid_counts', `Each count must be a whole number from 0 to ${PAPER_COUNT_MAX}.`)
      }
      if (n > 0) counts[optionId] = n
    }
    if (Object.keys(counts).length === 0) throw new ParticipationError(400, 'invalid_counts', 'This batch counts nothing for any option; enter how many papers each option got.')
    const source = text(body, 'source', PAPER_SOURCE_MAX, true)
    return { id: newId(), projectId: c.project.id, voteId: vote.id, counts, source, by: c.actor, at: Date.now() }
  }
}
