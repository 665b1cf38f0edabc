/** Comment threads on a need, a design option or any shape of the board: start, reply, resolve / reopen. */
import { COMMENT_TARGET_KINDS, COMMENT_TEXT_MAX, SHAPE_ID_PATTERN, type CommentTarget } from '../../../src/shared/participation.js'
import type { ThreadRecord } from '../../participation/commentStore.js'
import { newId } from '../../workflow/Workflow.js'
import { HttpError } from '../HttpError.js'
import { jsonObject, text } from '../projectRequest.js'
import type { Handler, Route } from '../router.js'
import {
  answerChanged, caller, isId, mentions, notFound, object, oneOf, optionalBoolean, pathId, requireAction, requireParticipant,
  type Caller, type ParticipationDeps,
} from './participationRequest.js'

const threadNotFound = notFound('thread_not_found', 'comment thread')

export function commentRoutes(deps: ParticipationDeps): Route[] {
  const { workflow, participation } = deps

  const findThread = (c: Caller, id: string | undefined): ThreadRecord => {
    const thread = participation.comments.getThread(c.project.id, pathId(id, threadNotFound))
    if (!thread) throw threadNotFound()
    return thread
  }

  /** What the thread is about must exist: a need or option of this project, or a shape id. */
  const target = (c: Caller, raw: Record<string, unknown>): CommentTarget => {
    const kind = oneOf(raw, 'kind', COMMENT_TARGET_KINDS)
    const id = raw.id
    const exists = kind === 'shape' ? typeof id === 'string' && SHAPE_ID_PATTERN.test(id)
      : isId(id) && (kind === 'need' ? participation.needs.get(c.project.id, id) : participation.options.get(c.project.id, id)) !== undefined
    if (!exists) {
      throw new HttpError(400, 'invalid_target', kind === 'shape'
        ? '"target.id" must be the id of a shape on the board ("shape:…").'
        : `"target.id" must be the id of one of this project's ${kind === 'need' ? 'needs' : 'design options'}; reload and try again.`)
    }
    return { kind, id: id as string }
  }

  const start: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'comment', 'comment')
    requireParticipant(c)
    const body = await jsonObject(req)
    const now = Date.now()
    const thread: ThreadRecord = {
      id: newId(), projectId: c.project.id, target: target(c, object(body, 'target')), stage: c.stage, createdAt: now, resolvedAt: null, resolvedBy: null,
    }
    participation.comments.insertThread(thread, {
      id: newId(), threadId: thread.id, author: c.actor, text: text(body, 'text', COMMENT_TEXT_MAX, true, true), mentions: mentions(body), createdAt: now,
    })
    workflow.recordContribution(c.link, 'comment', now)
    answerChanged(res, deps, c, 201, { id: thread.id })
  }

  const reply: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'comment', 'comment')
    requireParticipant(c)
    const thread = findThread(c, params.threadId)
    const body = await jsonObject(req)
    const now = Date.now()
    const id = newId()
    participation.comments.insertComment({
      id, threadId: thread.id, author: c.actor, text: text(body, 'text', COMMENT_TEXT_MAX, true, true), mentions: mentions(body), createdAt: now,
    })
    workflow.recordContribution(c.link, 'comment', now)
    answerChanged(res, deps, c, 201, { id })
  }

  /** Whoever started the thread, an expert or the organizer, while comments are open to their role. */
  const resolve: Handler = async ({ req, res, params }) => {
    const c = caller(req, workflow, params.id)
    requireAction(c, 'comment', 'resolve comments')
    const thread = findThread(c, params.threadId)
    const starter = participation.comments.firstComment(thread.id)?.author.participantId
    const mayResolve = c.link.role === 'organizer' || c.link.role === 'expert' || (c.participant !== null && starter === c.participant.id)
    if (!mayResolve) throw new HttpError(403, 'not_allowed', 'Only whoever started this thread, an expert or the organizer can resolve or reopen it.')
    const body = await jsonObject(req)
    if (body.resolved === undefined) throw new HttpError(400, 'invalid_resolved', '"resolved" is required: true or false.')
    const resolved = optionalBoolean(body, 'resolved', false)
    participation.comments.setResolved(thread.id, resolved ? c.actor : null, resolved ? Date.now() : null)
    answerChanged(res, deps, c)
  }

  return [
    { pattern: '/api/projects/:id/comments', methods: { POST: start } },
    { pattern: '/api/projects/:id/comments/:threadId/replies', methods: { POST: reply } },
    { pattern: '/api/projects/:id/comments/:threadId/resolved', methods: { PUT: resolve } },
  ]
}
