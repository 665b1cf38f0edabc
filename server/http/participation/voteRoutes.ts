/** Votes over HTTP; the rules are VoteActions' (server/participation/voteActions.ts). */
import type { Handler, Route } from '../router.js'
import { answer, bodyOf, caller, type ParticipationRouteDeps } from './participationRequest.js'

export function voteRoutes({ workflow, actions }: ParticipationRouteDeps): Route[] {
  const votes = actions.votes

  const open: Handler = async ({ req, res, params }) => {
    answer(res, 201, await votes.open(caller(req, workflow, params.id), bodyOf(req)))
  }
  const close: Handler = ({ req, res, params }) => {
    answer(res, 200, votes.close(caller(req, workflow, params.id), params.voteId))
  }
  const cast: Handler = async ({ req, res, params }) => {
    answer(res, 201, await votes.cast(caller(req, workflow, params.id), params.voteId, bodyOf(req)))
  }

  return [
    { pattern: '/api/projects/:id/votes', methods: { POST: open } },
    { pattern: '/api/projects/:id/votes/:voteId/close', methods: { POST: close } },
    { pattern: '/api/projects/:id/votes/:voteId/ballot', methods: { POST: cast } },
  ]
}
