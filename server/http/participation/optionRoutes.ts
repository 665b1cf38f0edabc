/**
 * Design options (方案 A / B / C), made by experts (and the organizer): title, description, the
 * frame on the board, the needs they address; and the revision requests raised on them, which the
 * experts answer (all answers kept) and mark done.
 */
import {
  OPTION_DESCRIPTION_MAX, OPTION_TITLE_MAX, REVISION_TEXT_MAX, SHAPE_ID_PATTERN,
} from '../../../src/shared/participation.js'
import type { OptionRecord } from '../../participation/optionStore.js'
import type { RevisionRecord } from '../../participation/revisionStore.js'
import { newId } from '../../workflow/Workflow.js'
import { HttpError } from '../HttpError.js'
import { jsonObject, text, type Body } from '../projectRequest.js'
import type { Handler, Route } from '../router.js'
import {
  answerChanged, caller, notFound, optionalBoolean, pathId, requireAction, requireParticipant,
  type Caller, type ParticipationDeps,
} from './participationRequest.js'

const NEEDS_PER_OPTION_MAX = 500
const optionNotFound = notFound('option_not_found', 'design option')
const revisionNotFound = notFound('revision_not_found', 'revision request')

export function optionRoutes(deps: ParticipationDeps): Route[] {
  const { workflow, participation } = deps

  const findOption = (c: Caller, id: string | undefined): OptionRecord => {
    const option = participation.options.get(c.project.id, pathId(id, optionNotFound))
    if (!option) throw optionNotFound()
    return option
  }
  const findRevision = (c: Caller, id: string | undefined): RevisionRecord => {
    const revision = participation.revisions.get(c.project.id, pathId(id, revisionNotFound))
    if (!revision) throw revisionNotFound()
    return revision
  }

  const frame = (body: Body): string | null => {
    const v = body.frameShapeId
    if (v === undefined || v === null) return null
    if (typeof v !== 'string' || !SHAPE_ID_PATTERN.test(v)) {
      throw new HttpError(400, 'invalid_frameShapeId', '"frameShapeId" must be the id of a shape on the board ("shape:…"), or null.')
    }
    return v
  }

  /** Needs an option addresses: live needs of this project, not merged away. */
  const needIds = (c: Caller, body: Body): string[] => {
    const v = body.addressedNeedIds
    if (v === undefined || v === null) return []
    if (!Array.isArray(v) || v.length > NEEDS_PER_OPTION_MAX) {
      throw new HttpError(400, 'invalid_addressedNeedIds', `"addressedNeedIds" must be a list of at most ${NEEDS_PER_OPTION_MAX} need ids.`)
    }
    const live = new Map(participation.needs.list(c.project.id).map((n) => [n.id, n]))
    for (const id of v) {
      const need = typeof id === 'string' ? live.get(id) : undefined
      if (!need || need.mergedInto !== null) {
        throw new HttpError(400, 'invalid_addressedNeedIds', `"${String(id)}" is not a need of this project (or it was merged into another); reload and pick again.`)
      }
    }
    return [...new Set(v as string[])]
  }

  const create: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'editOptions', 'make design options')
    requireParticipant(c)
    const body = await jsonObject(req)
    const now = Date.now()
    const option: OptionRecord = {
      id: newId(), projectId: c.project.id, title: text(body, 'title', OPTION_TITLE_MAX, true),
      description: text(body, 'description', OPTION_DESCRIPTION_MAX, false, true), frameShapeId: frame(body),
      author: c.actor, createdAt: now, updatedAt: now,
    }
    participation.options.insert(option, needIds(c, body))
    answerChanged(res, deps, c, 201, { id: option.id })
  }

  const update: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'editOptions', 'change design options')
    requireParticipant(c)
    const option = findOption(c, params.optionId)
    const body = await jsonObject(req)
    const changed: OptionRecord = {
      ...option,
      title: body.title === undefined ? option.title : text(body, 'title', OPTION_TITLE_MAX, true),
      description: body.description === undefined ? option.description : text(body, 'description', OPTION_DESCRIPTION_MAX, false, true),
      frameShapeId: body.frameShapeId === undefined ? option.frameShapeId : frame(body),
    }
    participation.options.update(changed, body.addressedNeedIds === undefined ? undefined : needIds(c, body), Date.now())
    answerChanged(res, deps, c)
  }

  const raise: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'comment', 'raise a revision request')
    requireParticipant(c)
    const option = findOption(c, params.optionId)
    const body = await jsonObject(req)
    const revision: RevisionRecord = {
      id: newId(), projectId: c.project.id, optionId: option.id, text: text(body, 'text', REVISION_TEXT_MAX, true, true),
      author: c.actor, stage: c.stage, createdAt: Date.now(), doneAt: null, doneBy: null,
    }
    participation.revisions.insert(revision)
    answerChanged(res, deps, c, 201, { id: revision.id })
  }

  const answer: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'answerRevisions', 'answer revision requests')
    requireParticipant(c)
    const revision = findRevision(c, params.revisionId)
    const body = await jsonObject(req)
    const id = newId()
    participation.revisions.insertAnswer({ id, revisionId: revision.id, text: text(body, 'text', REVISION_TEXT_MAX, true, true), author: c.actor, at: Date.now() })
    answerChanged(res, deps, c, 201, { id })
  }

  const setDone: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'answerRevisions', 'mark revision requests done')
    requireParticipant(c)
    const revision = findRevision(c, params.revisionId)
    const body = await jsonObject(req)
    if (body.done === undefined) throw new HttpError(400, 'invalid_done', '"done" is required: true or false.')
    const done = optionalBoolean(body, 'done', false)
    participation.revisions.setDone(revision.id, done ? c.actor : null, done ? Date.now() : null)
    answerChanged(res, deps, c)
  }

  return [
    { pattern: '/api/projects/:id/options', methods: { POST: create } },
    { pattern: '/api/projects/:id/options/:optionId', methods: { PATCH: update } },
    { pattern: '/api/projects/:id/options/:optionId/revisions', methods: { POST: raise } },
    { pattern: '/api/projects/:id/revisions/:revisionId/answers', methods: { POST: answer } },
    { pattern: '/api/projects/:id/revisions/:revisionId/done', methods: { PUT: setDone } },
  ]
}
