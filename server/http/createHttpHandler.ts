/**
 * The HTTP layer: the JSON API (/api/…), /healthz, uploaded images, and the built client with its
 * single-page routes. node:http only. docs/api.md documents every route.
 *
 * Every error is answered as `ApiError` JSON with a sentence a person can act on; an unexpected
 * failure in a handler becomes a 500 (details in the server log, never in the response) and the
 * server goes on serving.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Config } from '../config.js'
import type { Storage } from '../storage/Storage.js'
import type { AssetStore } from '../storage/AssetStore.js'
import { FileAssetStore } from '../storage/assetFiles.js'
import type { Facilitation } from '../participation/Facilitation.js'
import type { Participation } from '../participation/Participation.js'
import type { Workflow } from '../workflow/Workflow.js'
import type { ProjectEvents } from './projectEvents.js'
import type { RequestLimits } from './rateLimit.js'
import type { OriginPolicy } from './originPolicy.js'
import type { StorageStatus } from '../sync/StorageHealth.js'
import { SYNC_PATH } from '../../src/shared/protocol.js'
import { serveAssetHandler, uploadAssetHandler } from './assetRoutes.js'
import { PlanRenditions, serveRenditionHandler } from './planRendition.js'
import { createBoardHandler, getBoardHandler } from './boardRoutes.js'
import { exportRoutes, type ExportDeps } from './exportRoutes.js'
import { fontRoutes } from './fontRoutes.js'
import { configHandler } from './configRoute.js'
import { healthzHandler } from './healthz.js'
import { HttpError } from './HttpError.js'
import { ClientGoneError } from './readBody.js'
import { historyRoutes, type HistoryDeps } from './historyRoutes.js'
import { noticeRoutes } from './noticeRoutes.js'
import { addressKey } from './rateLimit.js'
import { projectRoutes } from './projectRoutes.js'
import { workspaceRoutes } from './workspaceRoutes.js'
import type { Workspaces } from '../workspace/Workspaces.js'
import { parseRequestPath, type RequestPath } from './requestPath.js'
import { sendError } from './respond.js'
import { methodNotAllowed, Router } from './router.js'
import { setBaseHeaders } from './securityHeaders.js'
import { serveStatic } from './staticFiles.js'

export interface HttpDeps {
  config: Config
  storage: Storage
  /** Live figures for GET /healthz. */
  stats: () => { boardsLoaded: number; connections: number }
  /**
   * The workflow (projects, role links, stages), the participation model (needs, votes…), the
   * meeting's facilitation and the live event streams; without them the
   * /api/projects routes are absent and every board is open.
   */
  workflow?: { workflow: Workflow; events: ProjectEvents; participation: Participation; facilitation: Facilitation }
  /** What the export/import routes need beyond the workflow (database, live board state, this server's report queue and imports in progress); absent: no such routes. */
  exports?: Pick<ExportDeps, 'db' | 'boardState' | 'reports' | 'importing'>
  /** What the history and audit routes need beyond the workflow; absent: no such routes. */
  history?: Omit<HistoryDeps, 'workflow'>
  /** Workspaces above projects (server/http/workspaceRoutes.ts); absent: no /api/workspaces routes. */
  workspaces?: Workspaces
  /** Per-client rate limits of the API (429); without it nothing is limited. */
  limits?: RequestLimits
  /** Which browser origins may make state-changing calls (403 foreign_origin); without it any may. */
  origins?: OriginPolicy
  /** Whether boards can be saved (GET /healthz answers 503 while not); without it healthz only reports figures. */
  storageStatus?: () => StorageStatus
  /** Where uploaded images are kept (default: files under config.dataDir). */
  assets?: AssetStore
  /** Several instances only: whether Redis is reachable now (GET /healthz reports it). */
  relayConnected?: () => boolean
  /** Where unexpected failures are logged (default: console.error). */
  log?: (line: string) => void
}

export function createHttpHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { config, storage, limits, origins } = deps
  const workflow = deps.workflow?.workflow
  const log = deps.log ?? ((line: string) => console.error(line))
  const assets = deps.assets ?? new FileAssetStore(config.dataDir)
  const renditions = new PlanRenditions(config.dataDir, assets)
  const api = new Router([
    { pattern: '/healthz', methods: { GET: healthzHandler(deps.stats, Date.now(), deps.storageStatus, deps.relayConnected) } },
    { pattern: '/api/config', methods: { GET: configHandler(config) } },
    ...fontRoutes(),
    { pattern: '/api/boards', methods: { POST: createBoardHandler(storage, config.maxBoards) } },
    { pattern: '/api/boards/:id', methods: { GET: getBoardHandler(storage) } },
    { pattern: '/api/boards/:id/assets', methods: { POST: uploadAssetHandler(config, storage, assets, workflow) } },
    { pattern: '/api/boards/:id/assets/:file', methods: { GET: serveAssetHandler(assets) } },
    { pattern: '/api/boards/:id/assets/:file/small', methods: { GET: serveRenditionHandler(assets, renditions) } },
    // Before projectRoutes: POST /api/projects/import would otherwise meet /api/projects/:id (a 405).
    ...(deps.workflow && deps.exports ? exportRoutes({ config, assets, ...deps.workflow, ...deps.exports }) : []),
    ...(deps.workflow && deps.history ? historyRoutes({ ...deps.history, workflow: deps.workflow.workflow }) : []),
    ...(deps.workflow && deps.workspaces ? workspaceRoutes({ config, storage, ...deps.workflow, workspaces: deps.workspaces }) : []),
    ...(deps.workflow ? noticeRoutes({
      config, renditions, assets, ...deps.workflow, clientKey: (req) => limits?.clientKey(req) ?? addressKey(req.socket.remoteAddress ?? ''),
      rate: limits && ((name, perMinute) => limits.rate(name, perMinute)),
    }) : []),
    ...(deps.workflow ? projectRoutes({ config, storage, renditions, assets, ...deps.workflow }) : []),
  ])

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET'
    const path = parseRequestPath(req.url)
    // Security: CSRF defence, before anything is counted or read (originPolicy.ts says why a
    // request without Origin passes). Reading (GET/HEAD) changes nothing and stays open.
    if (origins && STATE_CHANGING.has(method) && !origins.allows(req)) {
      throw new HttpError(403, 'foreign_origin',
        'This request came from a page on another site; open CommonGround from its own address and try again.')
    }
    if (limits && path.segments[0] === 'api') await limits.admit(req, path)
    const match = api.match(method, path)
    if (match) return match.handler({ req, res, path, params: match.params })
    if (isApiPath(path)) {
      throw new HttpError(404, 'not_found', `There is no API route ${path.raw}; docs/api.md lists the routes.`)
    }
    if (path.segments[0] === SYNC_PATH.slice(1)) {
      throw new HttpError(426, 'upgrade_required',
        `${SYNC_PATH}/<boardId> is the WebSocket sync endpoint; connect to it with a WebSocket (y-websocket), not plain HTTP.`,
        { Upgrade: 'websocket' })
    }
    if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(['GET', 'HEAD'])
    return serveStatic(req, res, config.clientDir, path)
  }

  return (req, res) => {
    setBaseHeaders(res)
    dispatch(req, res).catch(async (err: unknown) => {
      // Security: every wrong token counts against the sender's address (rateLimit.ts), whichever
      // route it was tried on; past the budget a wrong one is answered 429 (a right one still passes).
      if (err instanceof HttpError && err.status === 401 && err.code === 'invalid_token' && limits) {
        err = (await limits.recordAuthFailure(req).catch(() => undefined)) ?? err
      }
      try {
        answerFailure(req, res, err, log)
      } catch {
        // Answering failed too (socket already torn down): an unhandled rejection here would end
        // the whole process, so this request is simply dropped.
        res.destroy()
      }
    })
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function isApiPath(path: RequestPath): boolean {
  return path.segments[0] === 'api' || path.segments[0] === 'healthz'
}

function answerFailure(req: IncomingMessage, res: ServerResponse, err: unknown, log: (line: string) => void): void {
  // Nobody is listening any more: free the socket and move on.
  if (err instanceof ClientGoneError) {
    res.destroy()
    return
  }
  if (!(err instanceof HttpError)) {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err)
    // Security: the event stream carries a link token in its query; logs must never hold one.
    const url = (req.url ?? '').replace(/([?&]token=)[^&#]*/g, '$1…')
    log(`HTTP ${req.method} ${url} failed: ${detail}`)
  }
  // Headers already out (a download failed midway): the only honest signal left is a cut connection.
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (err instanceof HttpError) {
    sendError(res, err.status, err.code, err.message, err.headers)
  } else {
    sendError(res, 500, 'internal_error',
      'Something went wrong on the server while handling this request; it has been logged. Please try again in a moment.')
  }
}
