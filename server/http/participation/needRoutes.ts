/** Needs over HTTP (docs/api.md, "Needs"); the rules are NeedActions' (server/participation/needActions.ts). */
import type { Handler, Route } from '../router.js'
import { answer, bodyOf, caller, type ParticipationRouteDeps } from './participationRequest.js'

export function needRoutes({ workflow, actions }: ParticipationRouteDeps): Route[] {
  const needs = actions.needs

  const create: Handler = async ({ req, res, params }) => {
    answer(res, 201, await needs.raise(caller(req, workflow, params.id), bodyOf(req)))
  }
  const update: Handler = async ({ req, res, params }) => {
    answer(res, 200, await needs.edit(caller(req, workflow, params.id), params.needId, bodyOf(req)))
  }
  const remove: Handler = ({ req, res, params }) => {
    answer(res, 200, needs.remove(caller(req, workflow, params.id), params.needId))
  }
  const tick: Handler = ({ req, res, params }) => {
    answer(res, 200, needs.tick(caller(req, workflow, params.id), params.needId))
  }
  const untick: Handler = ({ req, res, params }) => {
    answer(res, 200, needs.untick(caller(req, workflow, params.id), params.needId))
  }
  const merge: Handler = async ({ req, res, params }) => {
    answer(res, 200, await needs.merge(caller(req, workflow, params.id), params.needId, bodyOf(req)))
  }
  const address: Handler = async ({ req, res, params }) => {
    answer(res, 200, await needs.address(caller(req, workflow, params.id), params.needId, bodyOf(req)))
  }
  const unaddress: Handler = ({ req, res, params }) => {
    answer(res, 200, needs.unaddress(caller(req, workflow, params.id), params.needId, params.optionId))
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
