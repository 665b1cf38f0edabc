/**
 * Needs (docs/api.md, "Needs"): add, edit, delete, tick / untick ("me too", once per participant),
 * merge duplicates (committee), and mark as addressed by a design option.
 */
import {
  COORDINATE_MAX, NEED_SOURCES, NEED_TEXT_MAX, RAISED_BY_MAX, type NeedSource,
} from '../../../src/shared/participation.js'
import { can } from '../../../src/shared/workflow.js'
import type { NeedEdit, NeedRecord } from '../../participation/needStore.js'
import { newId } from '../../workflow/Workflow.js'
import { HttpError } from '../HttpError.js'
import { projectAssetFile } from '../projectAsset.js'
import { jsonObject, text, type Body } from '../projectRequest.js'
import type { Handler, Route } from '../router.js'
import {
  answerChanged, caller, idList, isId, notFound, number, oneOf, pathId, requireAction, requireParticipant,
  type Caller, type ParticipationDeps,
} from './participationRequest.js'

const MERGE_MAX = 50
const needNotFound = notFound('need_not_found', 'need')

export function needRoutes(deps: ParticipationDeps): Route[] {
  const { workflow, participation } = deps
  const needs = participation.needs

  const findNeed = (c: Caller, id: string | undefined): NeedRecord => {
    const need = needs.get(c.project.id, pathId(id, needNotFound))
    if (!need) throw needNotFound()
    return need
  }
  const notMerged = (need: NeedRecord): NeedRecord => {
    if (need.mergedInto !== null) {
      throw new HttpError(409, 'need_merged', `This need was merged into another one (${need.mergedInto}); use that one instead.`)
    }
    return need
  }

  /** The category must be one of the project's, and not hidden for new choices. */
  const category = (c: Caller, body: Body, current?: string): string => {
    const id = body.categoryId
    const found = participation.categories.list(c.project.id).find((k) => k.id === id)
    if (!found || (found.hidden && id !== current)) {
      throw new HttpError(400, 'invalid_categoryId', '"categoryId" must be one of the project\'s categories; reload to see the current list.')
    }
    return found.id
  }

  const photo = async (c: Caller, body: Body): Promise<string | null> =>
    body.photoSrc === undefined || body.photoSrc === null ? null : (await projectAssetFile(body.photoSrc, 'photoSrc', c.project.id, deps.dataDir)).src

  /** source and raisedBy: entering needs on residents' behalf is the committee's (manageNeeds). */
  const sourceFields = (c: Caller, body: Body, current?: NeedRecord): Pick<NeedRecord, 'source' | 'raisedBy'> => {
    const source: NeedSource = oneOf(body, 'source', NEED_SOURCES, current?.source ?? 'board')
    if ((source !== 'board' || body.raisedBy !== undefined) && !can(c.link.role, c.stage, 'manageNeeds')) {
      throw new HttpError(403, 'not_allowed', 'Only the committee (and the organizer) can enter needs on residents\' behalf, with a source and a count.')
    }
    if (source === 'board') {
      if (body.raisedBy !== undefined) throw new HttpError(400, 'invalid_raisedBy', '"raisedBy" is for needs gathered on paper, by questionnaire or at a meeting; set "source" too.')
      return { source, raisedBy: 0 }
    }
    const raisedBy = body.raisedBy === undefined ? (current && current.source !== 'board' ? current.raisedBy : 1)
      : number(body, 'raisedBy', { min: 1, max: RAISED_BY_MAX, integer: true })
    return { source, raisedBy }
  }

  const coordinate = (body: Body, key: 'x' | 'y') => number(body, key, { min: -COORDINATE_MAX, max: COORDINATE_MAX })

  /** Its author while they may add needs; the committee and organizer (manageNeeds) always. */
  const mayChange = (c: Caller, need: NeedRecord, what: string): void => {
    if (can(c.link.role, c.stage, 'manageNeeds')) return
    const mine = c.participant !== null && need.author.participantId === c.participant.id
    if (!mine) throw new HttpError(403, 'not_allowed', `Only whoever added this need, or the committee, can ${what} it.`)
    requireAction(c, 'addNeed', `${what} your need`)
  }

  const create: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'addNeed', 'add needs')
    requireParticipant(c)
    const body = await jsonObject(req)
    const now = Date.now()
    const need: NeedRecord = {
      id: newId(), projectId: c.project.id, x: coordinate(body, 'x'), y: coordinate(body, 'y'), categoryId: category(c, body),
      text: text(body, 'text', NEED_TEXT_MAX, true, true), photoSrc: await photo(c, body), ...sourceFields(c, body),
      author: c.actor, stage: c.stage, createdAt: now, updatedAt: now, mergedInto: null, deletedAt: null,
    }
    needs.insert(need)
    workflow.recordContribution(c.link, 'need', now)
    answerChanged(res, deps, c, 201, { id: need.id })
  }

  const update: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireParticipant(c)
    const need = notMerged(findNeed(c, params.needId))
    mayChange(c, need, 'edit')
    const body = await jsonObject(req)
    const edit: NeedEdit = {}
    if (body.x !== undefined) edit.x = coordinate(body, 'x')
    if (body.y !== undefined) edit.y = coordinate(body, 'y')
    if (body.categoryId !== undefined) edit.categoryId = category(c, body, need.categoryId)
    if (body.text !== undefined) edit.text = text(body, 'text', NEED_TEXT_MAX, true, true)
    if (body.photoSrc !== undefined) edit.photoSrc = await photo(c, body)
    if (body.source !== undefined || body.raisedBy !== undefined) Object.assign(edit, sourceFields(c, body, need))
    needs.update(need, edit, Date.now())
    answerChanged(res, deps, c)
  }

  const remove: Handler = ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireParticipant(c)
    const need = notMerged(findNeed(c, params.needId))
    mayChange(c, need, 'delete')
    // The needs merged into it carry residents' ticks; deleting it would throw their support away.
    if (needs.list(c.project.id).some((n) => n.mergedInto === need.id)) {
      throw new HttpError(409, 'need_has_merged', 'Other needs were merged into this one, with their ticks; edit it instead of deleting it.')
    }
    // Kept in the database as history (and for the dashboard's counts); gone from every list.
    needs.softDelete(need.id, Date.now())
    answerChanged(res, deps, c)
  }

  const tick: Handler = ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'tick', 'tick needs')
    const me = requireParticipant(c)
    const need = notMerged(findNeed(c, params.needId))
    if (!needs.tick(need.id, me.id, Date.now())) {
      throw new HttpError(409, 'already_ticked', 'You have already ticked this need; each person ticks a need once.')
    }
    answerChanged(res, deps, c)
  }

  const untick: Handler = ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'tick', 'change your ticks')
    const me = requireParticipant(c)
    const need = notMerged(findNeed(c, params.needId))
    if (!needs.untick(need.id, me.id)) throw new HttpError(409, 'not_ticked', 'You have not ticked this need.')
    answerChanged(res, deps, c)
  }

  const merge: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'manageNeeds', 'merge needs')
    requireParticipant(c)
    const target = pathId(params.needId, needNotFound)
    const body = await jsonObject(req)
    const sources = idList(body, 'needIds', 1, MERGE_MAX)
    if (sources.includes(target)) throw new HttpError(400, 'invalid_needIds', 'A need cannot be merged into itself; leave it out of "needIds".')
    const result = needs.merge(c.project.id, target, sources, Date.now())
    if (!result.ok && result.reason === 'not_found') throw new HttpError(404, 'need_not_found', `There is no need ${result.needId} in this project; reload to see the current list.`)
    if (!result.ok) throw new HttpError(409, 'need_merged', `Need ${result.needId} was already merged into another one; reload and try again.`)
    answerChanged(res, deps, c)
  }

  const address: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'addressNeeds', 'mark needs as addressed')
    const need = notMerged(findNeed(c, params.needId))
    const body = await jsonObject(req)
    const optionId = body.optionId
    if (!isId(optionId) || !participation.options.get(c.project.id, optionId)) {
      throw new HttpError(400, 'invalid_optionId', '"optionId" must be the id of one of this project\'s design options.')
    }
    participation.options.link(optionId, need.id)
    answerChanged(res, deps, c)
  }

  const unaddress: Handler = ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'addressNeeds', 'mark needs as addressed')
    const need = findNeed(c, params.needId)
    const optionId = pathId(params.optionId, notFound('option_not_found', 'design option'))
    participation.options.unlink(optionId, need.id)
    answerChanged(res, deps, c)
  }

  return [
    { pattern: '/api/projects/:id/needs', methods: { POST: create } },
    { pattern: '/api/projects/:id/needs/:needId', methods: { PATCH: update, DELETE: remove } },
    { pattern: '/api/projects/:id/needs/:needId/tick', methods: { POST: tick, DELETE: untick } },
    { pattern: '/api/projects/:id/needs/:needId/merge', methods: { POST: merge } },
    { pattern: '/api/projects/:id/needs/:needId/addressed-by', methods: { POST: address } },
    { pattern: '/api/projects/:id/needs/:needId/addressed-by/:optionId', methods: { DELETE: unaddress } },
  ]
}
