/** Moderation over HTTP (docs/api.md, "Moderation"); the rules are ModerationActions' (server/participation/moderationActions.ts). */
import type { Handler, Route } from '../router.js'
import { answer, bodyOf, caller, type ParticipationRouteDeps } from './participationRequest.js'

export function moderationRoutes({ workflow, actions }: ParticipationRouteDeps): Route[] {
  const moderation = actions.moderation

  const hide: Handler = async ({ req, res, params }) => {
    answer(res, 200, await moderation.hide(caller(req, workflow, params.id), bodyOf(req)))
  }
  const restore: Handler = async ({ req, res, params }) => {
    answer(res, 200, await moderation.restore(caller(req, workflow, params.id), bodyOf(req)))
  }

  return [
    { pattern: '/api/projects/:id/moderation/hide', methods: { POST: hide } },
    { pattern: '/api/projects/:id/moderation/restore', methods: { POST: restore } },
  ]
}
