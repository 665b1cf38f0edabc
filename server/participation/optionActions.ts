/**
 * Design options (方案 A / B / C), made by experts (and the organizer): title, description, the
 * frame on the board, the needs they address; and the revision requests raised on them, which the
 * experts answer (all answers kept) and mark done.
 */
import {
  OPTION_DESCRIPTION_MAX, OPTION_TITLE_MAX, REVISION_TEXT_MAX, SHAPE_ID_PATTERN, type ParticipationResponse,
} from '../../src/shared/participation.js'
import { newId } from '../workflow/Workflow.js'
import { changed, type ActionDeps } from './actionDeps.js'
import { requireAction, requireParticipant, type Caller } from './caller.js'
import { withheldFrom } from './moderationActions.js'
import type { NeedRecord } from './needStore.js'
import type { OptionRecord } from './optionStore.js'
import { optionalBoolean, pathId, text, type Body, type BodyReader } from './participationInput.js'
import { notFound, ParticipationError } from './ParticipationError.js'
import { hidesRevision } from './privateStore.js'
import type { RevisionRecord } from './revisionStore.js'

const NEEDS_PER_OPTION_MAX = 500
const optionNotFound = notFound('option_not_found', 'design option')
const revisionNotFound = notFound('revision_not_found', 'revision request')

export class OptionActions {
  constructor(private readonly deps: ActionDeps) {}

  private findOption(c: Caller, id: string | undefined): OptionRecord {
    const option = this.deps.participation.options.get(c.project.id, pathId(id, optionNotFound))
    if (!option) throw optionNotFound()
    return option
  }

  private findRevision(c: Caller, id: string | undefined): RevisionRecord {
    const revision = this.deps.participation.revisions.get(c.project.id, pathId(id, revisionNotFound))
    // Security: one a private period keeps from the caller is not found, as in their view.
    if (!revision || hidesRevision(this.deps.participation.privates.running(c.project.id), c.link.role, c.participant?.id ?? null, revision)) throw revisionNotFound()
    return revision
  }

  private frame(body: Body): string | null {
    const v = body.frameShapeId
    if (v === undefined || v === null) return null
    if (typeof v !== 'string' || !SHAPE_ID_PATTERN.test(v)) {
      throw new ParticipationError(400, 'invalid_frameShapeId', '"frameShapeId" must be the id of a shape on the board ("shape:…"), or null.')
    }
    return v
  }

  /** Needs an option addresses: live needs of this project, not merged away. */
  private needIds(c: Caller, body: Body): string[] {
    const v = body.addressedNeedIds
    if (v === undefined || v === null) return []
    if (!Array.isArray(v) || v.length > NEEDS_PER_OPTION_MAX) {
      throw new ParticipationError(400, 'invalid_addressedNeedIds', `"addressedNeedIds" must be a list of at most ${NEEDS_PER_OPTION_MAX} need ids.`)
    }
    const live = new Map(this.deps.participation.needs.list(c.project.id).map((n) => [n.id, n]))
    const ids = new Set<string>()
    for (const id of v) {
      const need = typeof id === 'string' ? live.get(id) : undefined
      if (!need || need.mergedInto !== null || this.withheld(c, need)) {
        throw new ParticipationError(400, 'invalid_addressedNeedIds', `"${String(id)}" is not a need of this project (or it was merged into another); reload and pick again.`)
      }
      ids.add(need.id)
    }
    return [...ids]
  }

  private withheld(c: Caller, need: NeedRecord): boolean {
    return withheldFrom(this.deps.participation, c, { kind: 'need', id: need.id }, need.author.participantId)
  }

  /**
   * Nothing lost: the option's links to needs hidden from this caller. They never saw them, so the
   * list they send cannot hold them; without this, an expert's edit would drop them for good and a
   * restore would bring the need back unanswered.
   */
  private withheldLinks(c: Caller, optionId: string): string[] {
    const { participation } = this.deps
    const linked = new Set(participation.options.links(c.project.id).filter((l) => l.optionId === optionId).map((l) => l.needId))
    return participation.needs.list(c.project.id).filter((n) => linked.has(n.id) && this.withheld(c, n)).map((n) => n.id)
  }

  async create(c: Caller, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'editOptions', 'make design options')
    requireParticipant(c)
    const body = await input()
    const now = Date.now()
    const option: OptionRecord = {
      id: newId(), projectId: c.project.id, title: text(body, 'title', OPTION_TITLE_MAX, true),
      description: text(body, 'description', OPTION_DESCRIPTION_MAX, false, true), frameShapeId: this.frame(body),
      author: c.actor, createdAt: now, updatedAt: now,
    }
    this.deps.participation.options.insert(option, this.needIds(c, body))
    return changed(this.deps.participation, c, { id: option.id })
  }

  async update(c: Caller, optionId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'editOptions', 'change design options')
    requireParticipant(c)
    const option = this.findOption(c, optionId)
    const body = await input()
    const edited: OptionRecord = {
      ...option,
      title: body.title === undefined ? option.title : text(body, 'title', OPTION_TITLE_MAX, true),
      description: body.description === undefined ? option.description : text(body, 'description', OPTION_DESCRIPTION_MAX, false, true),
      frameShapeId: body.frameShapeId === undefined ? option.frameShapeId : this.frame(body),
    }
    const needIds = body.addressedNeedIds === undefined ? undefined : [...new Set([...this.needIds(c, body), ...this.withheldLinks(c, option.id)])]
    this.deps.participation.options.update(edited, needIds, Date.now())
    return changed(this.deps.participation, c)
  }

  async raiseRevision(c: Caller, optionId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'comment', 'raise a revision request')
    requireParticipant(c)
    const option = this.findOption(c, optionId)
    const body = await input()
    const revision: RevisionRecord = {
      id: newId(), projectId: c.project.id, optionId: option.id, text: text(body, 'text', REVISION_TEXT_MAX, true, true),
      author: c.actor, stage: c.stage, createdAt: Date.now(), doneAt: null, doneBy: null,
    }
    this.deps.participation.revisions.insert(revision)
    return changed(this.deps.participation, c, { id: revision.id })
  }

  async answerRevision(c: Caller, revisionId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'answerRevisions', 'answer revision requests')
    requireParticipant(c)
    const revision = this.findRevision(c, revisionId)
    const body = await input()
    const id = newId()
    this.deps.participation.revisions.insertAnswer({ id, revisionId: revision.id, text: text(body, 'text', REVISION_TEXT_MAX, true, true), author: c.actor, at: Date.now() })
    return changed(this.deps.participation, c, { id })
  }

  async setRevisionDone(c: Caller, revisionId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'answerRevisions', 'mark revision requests done')
    requireParticipant(c)
    const revision = this.findRevision(c, revisionId)
    const body = await input()
    if (body.done === undefined) throw new ParticipationError(400, 'invalid_done', '"done" is required: true or false.')
    const done = optionalBoolean(body, 'done', false)
    this.deps.participation.revisions.setDone(revision.id, done ? c.actor : null, done ? Date.now() : null)
    return changed(this.deps.participation, c)
  }
}
