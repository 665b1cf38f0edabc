/** Comment threads over HTTP; the rules are CommentActions' (server/participation/commentActions.ts). */
import type { Handler, Route } from '../router.js'
import { answer, bodyOf, caller, type ParticipationRouteDeps } from './participationRequest.js'

export function commentRoutes({ workflow, actions }: ParticipationRouteDeps): Route[] {
  const comments = actions.comments

  const start: Handler = async ({ req, res, params }) => {
    answer(res, 201, await comments.start(caller(req, workflow, params.id), bodyOf(req)))
  }
  const reply: Handler = async ({ req, res, params }) => {
    answer(res, 201, await comments.reply(caller(req, workflow, params.id), params.threadId, bodyOf(req)))
  }
  const resolve: Handler = async ({ req, res, params }) => {
    answer(res, 200, await comments.setResolved(caller(req, workflow, params.id), params.threadId, bodyOf(req)))
  }

  return [
    { pattern: '/api/projects/:id/comments', methods: { POST: start } },
    { pattern: '/api/projects/:id/comments/:threadId/replies', methods: { POST: reply } },
    { pattern: '/api/projects/:id/comments/:threadId/resolved', methods: { PUT: resolve } },
  ]
}
