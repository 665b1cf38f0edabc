/** Private mode (各自先想) over HTTP; the rules are PrivateActions' (server/participation/privateActions.ts). */
import type { Handler, Route } from '../router.js'
import { answer, bodyOf, caller, type ParticipationRouteDeps } from './participationRequest.js'

export function privateRoutes({ workflow, actions }: ParticipationRouteDeps): Route[] {
  const start: Handler = async ({ req, res, params }) => {
    answer(res, 200, await actions.privates.start(caller(req, workflow, params.id), bodyOf(req)))
  }
  const reveal: Handler = ({ req, res, params }) => {
    answer(res, 200, actions.privates.reveal(caller(req, workflow, params.id)))
  }
  return [
    { pattern: '/api/projects/:id/private', methods: { POST: start } },
    { pattern: '/api/projects/:id/private/reveal', methods: { POST: reveal } },
  ]
}
