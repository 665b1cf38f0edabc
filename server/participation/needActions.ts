/**
 * Needs (docs/api.md, "Needs"): add, edit, delete, tick / untick ("me too", once per participant),
 * merge duplicates (committee), and mark as addressed by a design option.
 */
import {
  COORDINATE_MAX, NEED_SOURCES, NEED_TEXT_MAX, RAISED_BY_MAX, type NeedSource, type ParticipationResponse,
} from '../../src/shared/participation.js'
import { can } from '../../src/shared/workflow.js'
import { newId } from '../workflow/Workflow.js'
import { changed, type ActionDeps } from './actionDeps.js'
import { requireAction, requireParticipant, type Caller } from './caller.js'
import { withheldFrom } from './moderationActions.js'
import type { NeedEdit, NeedRecord } from './needStore.js'
import { idList, isId, number, oneOf, pathId, text, type Body, type BodyReader } from './participationInput.js'
import { notFound, ParticipationError } from './ParticipationError.js'
import { refuseDuringPrivate, refusePeriodNeed, visibleNeed } from './privateActions.js'

const MERGE_MAX = 50
const needNotFound = notFound('need_not_found', 'need')

export class NeedActions {
  constructor(private readonly deps: ActionDeps) {}

  private get needs() {
    return this.deps.participation.needs
  }

  private find(c: Caller, id: string | undefined): NeedRecord {
    // Security: a need moderation hides from the caller, or a private period keeps from them, is not found.
    const need = visibleNeed(this.deps.participation, c, this.needs.get(c.project.id, pathId(id, needNotFound)))
    if (!need || withheldFrom(this.deps.participation, c, { kind: 'need', id: need.id }, need.author.participantId)) throw needNotFound()
    return need
  }

  private notMerged(need: NeedRecord): NeedRecord {
    if (need.mergedInto !== null) {
      throw new ParticipationError(409, 'need_merged', `This need was merged into another one (${need.mergedInto}); use that one instead.`)
    }
    return need
  }

  /** The category must be one of the project's, and not hidden for new choices. */
  private category(c: Caller, body: Body, current?: string): string {
    const id = body.categoryId
    const found = this.deps.participation.categories.list(c.project.id).find((k) => k.id === id)
    if (!found || (found.hidden && id !== current)) {
      throw new ParticipationError(400, 'invalid_categoryId', '"categoryId" must be one of the project\'s categories; reload to see the current list.')
    }
    return found.id
  }

  private async photo(c: Caller, body: Body): Promise<string | null> {
    const src = body.photoSrc
    if (src === undefined || src === null) return null
    const problem = await this.deps.storedImage(src, 'photoSrc', c.project.id)
    // storedImage finds a problem with anything but a string, so `typeof` only tells the compiler so.
    if (problem !== null || typeof src !== 'string') throw new ParticipationError(400, 'invalid_photoSrc', problem ?? '"photoSrc" must be the address of an uploaded image.')
    return src
  }

  /** source and raisedBy: entering needs on residents' behalf is the committee's (manageNeeds). */
  private sourceFields(c: Caller, body: Body, current?: NeedRecord): Pick<NeedRecord, 'source' | 'raisedBy'> {
    const source: NeedSource = oneOf(body, 'source', NEED_SOURCES, current?.source ?? 'board')
    if ((source !== 'board' || body.raisedBy !== undefined) && !can(c.link.role, c.stage, 'manageNeeds')) {
      throw new ParticipationError(403, 'not_allowed', 'Only the committee (and the organizer) can enter needs on residents\' behalf, with a source and a count.')
    }
    if (source === 'board') {
      if (body.raisedBy !== undefined) throw new ParticipationError(400, 'invalid_raisedBy', '"raisedBy" is for needs gathered on paper, by questionnaire or at a meeting; set "source" too.')
      return { source, raisedBy: 0 }
    }
    const raisedBy = body.raisedBy === undefined ? (current && current.source !== 'board' ? current.raisedBy : 1)
      : number(body, 'raisedBy', { min: 1, max: RAISED_BY_MAX, integer: true })
    return { source, raisedBy }
  }

  private coordinate(body: Body, key: 'x' | 'y'): number {
    return number(body, key, { min: -COORDINATE_MAX, max: COORDINATE_MAX })
  }

  /** Its author while they may add needs; the committee and organizer (manageNeeds) always. */
  private mayChange(c: Caller, need: NeedRecord, what: string): void {
    if (can(c.link.role, c.stage, 'manageNeeds')) return
    const mine = c.participant !== null && need.author.participantId === c.participant.id
    if (!mine) throw new ParticipationError(403, 'not_allowed', `Only whoever added this need, or the committee, can ${what} it.`)
    requireAction(c, 'addNeed', `${what} your need`)
  }

  async raise(c: Caller, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'addNeed', 'add needs')
    requireParticipant(c)
    const body = await input()
    const now = Date.now()
    const need: NeedRecord = {
      id: newId(), projectId: c.project.id, x: this.coordinate(body, 'x'), y: this.coordinate(body, 'y'), categoryId: this.category(c, body),
      text: text(body, 'text', NEED_TEXT_MAX, true, true), photoSrc: await this.photo(c, body), ...this.sourceFields(c, body),
      author: c.actor, stage: c.stage, createdAt: now, updatedAt: now, mergedInto: null, deletedAt: null,
    }
    this.needs.insert(need)
    this.deps.workflow.recordContribution(c.link, 'need', now)
    return changed(this.deps.participation, c, { id: need.id })
  }

  async edit(c: Caller, needId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    requireParticipant(c)
    const need = this.notMerged(this.find(c, needId))
    this.mayChange(c, need, 'edit')
    const body = await input()
    const edit: NeedEdit = {}
    if (body.x !== undefined) edit.x = this.coordinate(body, 'x')
    if (body.y !== undefined) edit.y = this.coordinate(body, 'y')
    if (body.categoryId !== undefined) edit.categoryId = this.category(c, body, need.categoryId)
    if (body.text !== undefined) edit.text = text(body, 'text', NEED_TEXT_MAX, true, true)
    if (body.photoSrc !== undefined) edit.photoSrc = await this.photo(c, body)
    if (body.source !== undefined || body.raisedBy !== undefined) Object.assign(edit, this.sourceFields(c, body, need))
    this.needs.update(need, edit, Date.now())
    return changed(this.deps.participation, c)
  }

  remove(c: Caller, needId: string | undefined): ParticipationResponse {
    requireParticipant(c)
    const need = this.notMerged(this.find(c, needId))
    this.mayChange(c, need, 'delete')
    // The needs merged into it carry residents' ticks; deleting it would throw their support away.
    if (this.needs.list(c.project.id).some((n) => n.mergedInto === need.id)) {
      throw new ParticipationError(409, 'need_has_merged', 'Other needs were merged into this one, with their ticks; edit it instead of deleting it.')
    }
    // Kept in the database as history (and for the dashboard's counts); gone from every list.
    this.needs.softDelete(need.id, Date.now())
    return changed(this.deps.participation, c)
  }

  tick(c: Caller, needId: string | undefined): ParticipationResponse {
    requireAction(c, 'tick', 'tick needs')
    const me = requireParticipant(c)
    refuseDuringPrivate(this.deps.participation, c, 'needs', 'tick needs')
    const need = this.notMerged(this.find(c, needId))
    if (!this.needs.tick(need.id, me.id, Date.now())) {
      throw new ParticipationError(409, 'already_ticked', 'You have already ticked this need; each person ticks a need once.')
    }
    return changed(this.deps.participation, c)
  }

  untick(c: Caller, needId: string | undefined): ParticipationResponse {
    requireAction(c, 'tick', 'change your ticks')
    const me = requireParticipant(c)
    const need = this.notMerged(this.find(c, needId))
    if (!this.needs.untick(need.id, me.id)) throw new ParticipationError(409, 'not_ticked', 'You have not ticked this need.')
    return changed(this.deps.participation, c)
  }

  async merge(c: Caller, needId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'manageNeeds', 'merge needs')
    requireParticipant(c)
    const target = pathId(needId, needNotFound)
    const body = await input()
    const sources = idList(body, 'needIds', 1, MERGE_MAX)
    if (sources.includes(target)) throw new ParticipationError(400, 'invalid_needIds', 'A need cannot be merged into itself; leave it out of "needIds".')
    // Security: a merge moves a need's ticks onto its target and points the source at the target,
    // so one with a need of a running private period would show that need (its existence, its
    // author's tick) to everyone before the reveal: it waits. Nothing awaits from here to the
    // store's merge, so a period cannot start in between.
    for (const id of [target, ...sources]) {
      const need = visibleNeed(this.deps.participation, c, this.needs.get(c.project.id, id))
      if (!need) throw new ParticipationError(404, 'need_not_found', `There is no need ${id} in this project; reload to see the current list.`)
      refusePeriodNeed(this.deps.participation, c, need, 'merge it')
    }
    const result = this.needs.merge(c.project.id, target, sources, Date.now())
    if (!result.ok && result.reason === 'not_found') throw new ParticipationError(404, 'need_not_found', `There is no need ${result.needId} in this project; reload to see the current list.`)
    if (!result.ok) throw new ParticipationError(409, 'need_merged', `Need ${result.needId} was already merged into another one; reload and try again.`)
    return changed(this.deps.participation, c)
  }

  async address(c: Caller, needId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'addressNeeds', 'mark needs as addressed')
    const need = this.notMerged(this.find(c, needId))
    const body = await input()
    const optionId = body.optionId
    if (!isId(optionId) || !this.deps.participation.options.get(c.project.id, optionId)) {
      throw new ParticipationError(400, 'invalid_optionId', '"optionId" must be the id of one of this project\'s design options.')
    }
    this.deps.participation.options.link(optionId, need.id)
    return changed(this.deps.participation, c)
  }

  unaddress(c: Caller, needId: string | undefined, optionId: string | undefined): ParticipationResponse {
    requireAction(c, 'addressNeeds', 'mark needs as addressed')
    const need = this.find(c, needId)
    const option = pathId(optionId, notFound('option_not_found', 'design option'))
    this.deps.participation.options.unlink(option, need.id)
    return changed(this.deps.participation, c)
  }
}
