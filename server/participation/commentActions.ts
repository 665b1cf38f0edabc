/** Comment threads on a need, a design option or any shape of the board: start, reply, resolve / reopen. */
import {
  COMMENT_TARGET_KINDS, COMMENT_TEXT_MAX, SHAPE_ID_PATTERN, type CommentTarget, type ParticipationResponse,
} from '../../src/shared/participation.js'
import { newId } from '../workflow/Workflow.js'
import { changed, type ActionDeps } from './actionDeps.js'
import { requireAction, requireParticipant, type Caller } from './caller.js'
import type { ThreadRecord } from './commentStore.js'
import { withheldFrom } from './moderationActions.js'
import { isId, mentions, object, oneOf, optionalBoolean, pathId, text, type Body, type BodyReader } from './participationInput.js'
import { notFound, ParticipationError } from './ParticipationError.js'
import { seesThread, visibleNeed } from './privateActions.js'

const threadNotFound = notFound('thread_not_found', 'comment thread')

export class CommentActions {
  constructor(private readonly deps: ActionDeps) {}

  private findThread(c: Caller, id: string | undefined): ThreadRecord {
    const { participation } = this.deps
    const thread = participation.comments.getThread(c.project.id, pathId(id, threadNotFound))
    // Security: a thread on a hidden need, or one a private period keeps from the caller, is not found.
    if (!thread || this.onWithheldNeed(c, thread.target) || !seesThread(participation, c, thread.id)) throw threadNotFound()
    return thread
  }

  /** A need hidden from this caller is, to them, no need at all (moderationActions.ts withheldFrom). */
  private onWithheldNeed(c: Caller, target: CommentTarget): boolean {
    if (target.kind !== 'need') return false
    const need = this.deps.participation.needs.get(c.project.id, target.id)
    return need !== undefined && withheldFrom(this.deps.participation, c, { kind: 'need', id: need.id }, need.author.participantId)
  }

  /** What the thread is about must exist: a need or option of this project, or a shape id. */
  private target(c: Caller, raw: Body): CommentTarget {
    const { participation } = this.deps
    const kind = oneOf(raw, 'kind', COMMENT_TARGET_KINDS)
    const id = raw.id
    const exists = typeof id === 'string' && (kind === 'shape' ? SHAPE_ID_PATTERN.test(id)
      : isId(id) && (kind === 'need' ? visibleNeed(participation, c, participation.needs.get(c.project.id, id)) : participation.options.get(c.project.id, id)) !== undefined)
    if (!exists || (typeof id === 'string' && this.onWithheldNeed(c, { kind, id }))) {
      throw new ParticipationError(400, 'invalid_target', kind === 'shape'
        ? '"target.id" must be the id of a shape on the board ("shape:…").'
        : `"target.id" must be the id of one of this project's ${kind === 'need' ? 'needs' : 'design options'}; reload and try again.`)
    }
    return { kind, id }
  }

  async start(c: Caller, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'comment', 'comment')
    requireParticipant(c)
    const body = await input()
    const now = Date.now()
    const thread: ThreadRecord = {
      id: newId(), projectId: c.project.id, target: this.target(c, object(body, 'target')), stage: c.stage, createdAt: now, resolvedAt: null, resolvedBy: null,
    }
    this.deps.participation.comments.insertThread(thread, {
      id: newId(), threadId: thread.id, author: c.actor, text: text(body, 'text', COMMENT_TEXT_MAX, true, true), mentions: mentions(body), createdAt: now,
    })
    this.deps.workflow.recordContribution(c.link, 'comment', now)
    return changed(this.deps.participation, c, { id: thread.id })
  }

  async reply(c: Caller, threadId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'comment', 'comment')
    requireParticipant(c)
    const thread = this.findThread(c, threadId)
    const body = await input()
    const now = Date.now()
    const id = newId()
    this.deps.participation.comments.insertComment({
      id, threadId: thread.id, author: c.actor, text: text(body, 'text', COMMENT_TEXT_MAX, true, true), mentions: mentions(body), createdAt: now,
    })
    this.deps.workflow.recordContribution(c.link, 'comment', now)
    return changed(this.deps.participation, c, { id })
  }

  /** Whoever started the thread, an expert or the organizer, while comments are open to their role. */
  async setResolved(c: Caller, threadId: string | undefined, input: BodyReader): Promise<ParticipationResponse> {
    requireAction(c, 'comment', 'resolve comments')
    const thread = this.findThread(c, threadId)
    const starter = this.deps.participation.comments.firstComment(thread.id)?.author.participantId
    const mayResolve = c.link.role === 'organizer' || c.link.role === 'expert' || (c.participant !== null && starter === c.participant.id)
    if (!mayResolve) throw new ParticipationError(403, 'not_allowed', 'Only whoever started this thread, an expert or the organizer can resolve or reopen it.')
    const body = await input()
    if (body.resolved === undefined) throw new ParticipationError(400, 'invalid_resolved', '"resolved" is required: true or false.')
    const resolved = optionalBoolean(body, 'resolved', false)
    this.deps.participation.comments.setResolved(thread.id, resolved ? c.actor : null, resolved ? Date.now() : null)
    return changed(this.deps.participation, c)
  }
}
