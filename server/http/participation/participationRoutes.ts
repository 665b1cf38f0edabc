/** Every route of the participation model (docs/api.md, "Participation"). */
import { ParticipationActions } from '../../participation/ParticipationActions.js'
import { projectAssetProblem } from '../projectAsset.js'
import type { Route } from '../router.js'
import { agreementRoutes } from './agreementRoutes.js'
import { categoryRoutes } from './categoryRoutes.js'
import { commentRoutes } from './commentRoutes.js'
import { facilitationRoutes } from './facilitationRoutes.js'
import { moderationRoutes } from './moderationRoutes.js'
import { needRoutes } from './needRoutes.js'
import { optionRoutes } from './optionRoutes.js'
import { asHttp, type ParticipationDeps } from './participationRequest.js'
import { privateRoutes } from './privateRoutes.js'
import { proxyRoutes } from './proxyRoutes.js'
import { taskRoutes } from './taskRoutes.js'
import { voteRoutes } from './voteRoutes.js'

export function participationRoutes(deps: ParticipationDeps): Route[] {
  const { workflow, participation, facilitation, assets } = deps
  const actions = new ParticipationActions({
    workflow, participation, facilitation,
    // The uploaded images are this layer's files (assetFiles.ts); the service only asks.
    storedImage: (src, key, projectId) => projectAssetProblem(src, key, projectId, assets),
  })
  const routeDeps = { workflow, actions }
  return asHttp([
    ...categoryRoutes(routeDeps), ...needRoutes(routeDeps), ...optionRoutes(routeDeps), ...commentRoutes(routeDeps),
    ...voteRoutes(routeDeps), ...agreementRoutes(routeDeps), ...facilitationRoutes(routeDeps),
    ...moderationRoutes(routeDeps),
    ...privateRoutes(routeDeps),
    ...proxyRoutes(routeDeps),
    ...taskRoutes(routeDeps),
  ])
}
