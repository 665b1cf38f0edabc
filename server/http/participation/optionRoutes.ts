/** Design options and their revision requests over HTTP; the rules are OptionActions' (server/participation/optionActions.ts). */
import type { Handler, Route } from '../router.js'
import { answer, bodyOf, caller, type ParticipationRouteDeps } from './participationRequest.js'

export function optionRoutes({ workflow, actions }: ParticipationRouteDeps): Route[] {
  const options = actions.options

  const create: Handler = async ({ req, res, params }) => {
    answer(res, 201, await options.create(caller(req, workflow, params.id), bodyOf(req)))
  }
  const update: Handler = async ({ req, res, params }) => {
    answer(res, 200, await options.update(caller(req, workflow, params.id), params.optionId, bodyOf(req)))
  }
  const raise: Handler = async ({ req, res, params }) => {
    answer(res, 201, await options.raiseRevision(caller(req, workflow, params.id), params.optionId, bodyOf(req)))
  }
  const answerRevision: Handler = async ({ req, res, params }) => {
    answer(res, 201, await options.answerRevision(caller(req, workflow, params.id), params.revisionId, bodyOf(req)))
  }
  const setDone: Handler = async ({ req, res, params }) => {
    answer(res, 200, await options.setRevisionDone(caller(req, workflow, params.id), params.revisionId, bodyOf(req)))
  }

  return [
    { pattern: '/api/projects/:id/options', methods: { POST: create } },
    { pattern: '/api/projects/:id/options/:optionId', methods: { PATCH: update } },
    { pattern: '/api/projects/:id/options/:optionId/revisions', methods: { POST: raise } },
    { pattern: '/api/projects/:id/revisions/:revisionId/answers', methods: { POST: answerRevision } },
    { pattern: '/api/projects/:id/revisions/:revisionId/done', methods: { PUT: setDone } },
  ]
}
