/**
 * The sync endpoint's authorisation for project boards: the role link's token (or a participant's
 * personal token) comes as the `token` query parameter (y-websocket `params: { token }`). Boards that belong to no project stay open to
 * everyone who knows their id, as before the workflow existed.
 */
import type { IncomingMessage } from 'node:http'
import { AuthorizationError, fullAccess, type Authorize } from '../sync/authorize.js'
import { LinkGrant, type Workflow } from './Workflow.js'

/** Where wrong tokens are counted (server/http/rateLimit.ts RequestLimits). */
export interface AuthFailureCounter {
  recordAuthFailure(req: IncomingMessage): unknown
}

export function authorizeProject(workflow: Workflow, failures?: AuthFailureCounter): Authorize {
  return async (req, boardId) => {
    if (!workflow.isProject(boardId)) return fullAccess
    const query = (req.url ?? '').split('?')[1] ?? ''
    const token = new URLSearchParams(query).get('token') ?? undefined
    const access = workflow.authenticate(boardId, token)
    if (!access.ok) {
      if (access.code === 'invalid_token') await failures?.recordAuthFailure(req)
      // 404 cannot happen here (the project exists); treat anything else as a refusal.
      throw new AuthorizationError(access.status === 401 ? 401 : 403, access.message)
    }
    // Security: the grant is re-evaluated for every incoming edit, against the stage held in
    // memory and the link's revocation/expiry, so a stage move or revoke takes effect at once.
    return new LinkGrant(access.link, workflow, access.participant)
  }
}
