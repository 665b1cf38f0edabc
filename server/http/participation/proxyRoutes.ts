/** Entering for a resident (代录) and paper ballots over HTTP (docs/api.md); the rules are ProxyActions' (server/participation/proxyActions.ts). */
import { sendJson } from '../respond.js'
import type { Handler, Route } from '../router.js'
import { answer, bodyOf, caller, type ParticipationRouteDeps } from './participationRequest.js'

export function proxyRoutes({ workflow, actions }: ParticipationRouteDeps): Route[] {
  const proxy = actions.proxy

  const record: Handler = ({ req, res, params }) => {
    sendJson(res, 200, proxy.record(caller(req, workflow, params.id)))
  }
  const addResident: Handler = async ({ req, res, params }) => {
    answer(res, 201, await proxy.addResident(caller(req, workflow, params.id), bodyOf(req)))
  }
  const need: Handler = async ({ req, res, params }) => {
    answer(res, 201, await proxy.need(caller(req, workflow, params.id), bodyOf(req)))
  }
  const tick: Handler = async ({ req, res, params }) => {
    answer(res, 200, await proxy.tick(caller(req, workflow, params.id), params.needId, bodyOf(req)))
  }
  const untick: Handler = async ({ req, res, params }) => {
    answer(res, 200, await proxy.untick(caller(req, workflow, params.id), params.needId, bodyOf(req)))
  }
  const ballot: Handler = async ({ req, res, params }) => {
    answer(res, 201, await proxy.ballot(caller(req, workflow, params.id), params.voteId, bodyOf(req)))
  }
  const addPaper: Handler = async ({ req, res, params }) => {
    answer(res, 201, await proxy.addPaper(caller(req, workflow, params.id), params.voteId, bodyOf(req)))
  }
  const correctPaper: Handler = async ({ req, res, params }) => {
    answer(res, 200, await proxy.correctPaper(caller(req, workflow, params.id), params.voteId, params.batchId, bodyOf(req)))
  }
  const removePaper: Handler = ({ req, res, params }) => {
    answer(res, 200, proxy.removePaper(caller(req, workflow, params.id), params.voteId, params.batchId))
  }
  const resolve: Handler = async ({ req, res, params }) => {
    answer(res, 200, await proxy.resolve(caller(req, workflow, params.id), params.clashId, bodyOf(req)))
  }

  return [
    { pattern: '/api/projects/:id/proxy', methods: { GET: record } },
    { pattern: '/api/projects/:id/proxy/residents', methods: { POST: addResident } },
    { pattern: '/api/projects/:id/proxy/needs', methods: { POST: need } },
    { pattern: '/api/projects/:id/proxy/needs/:needId/tick', methods: { POST: tick, DELETE: untick } },
    { pattern: '/api/projects/:id/proxy/votes/:voteId/ballots', methods: { POST: ballot } },
    { pattern: '/api/projects/:id/proxy/votes/:voteId/paper', methods: { POST: addPaper } },
    { pattern: '/api/projects/:id/proxy/votes/:voteId/paper/:batchId', methods: { PUT: correctPaper, DELETE: removePaper } },
    { pattern: '/api/projects/:id/proxy/clashes/:clashId', methods: { POST: resolve } },
  ]
}
