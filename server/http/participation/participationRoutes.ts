/** Every route of the participation model (docs/api.md, "Participation"). */
import type { Route } from '../router.js'
import { agreementRoutes } from './agreementRoutes.js'
import { categoryRoutes } from './categoryRoutes.js'
import { commentRoutes } from './commentRoutes.js'
import { facilitationRoutes } from './facilitationRoutes.js'
import { needRoutes } from './needRoutes.js'
import { optionRoutes } from './optionRoutes.js'
import type { ParticipationDeps } from './participationRequest.js'
import { voteRoutes } from './voteRoutes.js'

export function participationRoutes(deps: ParticipationDeps): Route[] {
  return [
    ...categoryRoutes(deps), ...needRoutes(deps), ...optionRoutes(deps), ...commentRoutes(deps),
    ...voteRoutes(deps), ...agreementRoutes(deps), ...facilitationRoutes(deps),
  ]
}
