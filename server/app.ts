/**
 * Assembles the server: SQLite storage under config.dataDir, one node:http server carrying the
 * HTTP API / static client and the sync endpoint, and an orderly close().
 */
import http from 'node:http'
import path from 'node:path'
import type { Duplex } from 'node:stream'
import type { ApiError } from '../src/shared/api.js'
import { SYNC_PATH } from '../src/shared/protocol.js'
import type { Config } from './config.js'
import { ReportRunner } from './export/runReport.js'
import { createHttpHandler } from './http/createHttpHandler.js'
import { ProjectEvents } from './http/projectEvents.js'
import { OriginPolicy } from './http/originPolicy.js'
import { RequestLimits, wrongTokensLimited } from './http/rateLimit.js'
import { queryToken } from './http/projectRequest.js'
import { Facilitation } from './participation/Facilitation.js'
import { Participation } from './participation/Participation.js'
import type { Storage } from './storage/Storage.js'
import type { AssetStore } from './storage/AssetStore.js'
import { FileAssetStore } from './storage/assetFiles.js'
import { openPgStorage } from './storage/PgStorage.js'
import { openSqliteStorage } from './storage/SqliteStorage.js'
import { BoardHistory } from './storage/BoardHistory.js'
import { PgSqlDb } from './storage/sql/PgSqlDb.js'
import type { SqlDb } from './storage/sql/SqlDb.js'
import type { Authorize } from './sync/authorize.js'
import { boardIdFromUrl, SyncServer } from './sync/SyncServer.js'
import { StorageHealth } from './sync/StorageHealth.js'
import { authorizeProject } from './workflow/authorizeProject.js'
import { SqliteProjectStore } from './workflow/SqliteProjectStore.js'
import { Workflow } from './workflow/Workflow.js'
import { Workspaces } from './workspace/Workspaces.js'
import { openCluster, type Cluster } from './cluster/openCluster.js'
import { ProjectBus } from './cluster/ProjectBus.js'
import { RedisAddressCap } from './cluster/AddressCap.js'

export interface RunningServer {
  /** http://127.0.0.1:<port> when listening on 0.0.0.0 / :: / 127.0.0.1, else http://<host>:<port>. */
  url: string
  port: number
  sync: SyncServer
  storage: Storage
  /** Stop accepting, close every connection, flush every board, close storage. */
  close(): Promise<void>
}

/** Seams for tests and for the next layers (workflow roles). Production passes none. */
export interface StartOptions {
  /** Wrap the storage (e.g. to slow it down or make it fail in a test). The workflow tables always use the unwrapped database. */
  wrapStorage?: (storage: Storage) => Storage
  /** Replaces the workflow's project-link authorisation of the sync endpoint (tests of the sync layer). */
  authorize?: Authorize
  log?: (line: string) => void
}

/** How long close() lets in-flight HTTP requests finish before cutting them off. */
const HTTP_CLOSE_GRACE_MS = 5_000

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line))
  // DATABASE_URL (issue 20): everything lives in PostgreSQL, so every instance serves what any
  // instance stored, and nothing is kept in DATA_DIR but a cache of image files. Boards and images
  // go through PgStorage's pool (async: the hot path); the synchronous stores (projects, links,
  // participation, workspaces, history, exports) through the PgSqlDb bridge (storage/sql/PgSqlDb.ts).
  // PgStorage opens first: its tables (boards) are what the stores' tables refer to.
  // Without DATABASE_URL: one SQLite file under DATA_DIR holds it all, as before.
  let boards: Storage
  let assets: AssetStore
  let db: SqlDb
  let pgDb: PgSqlDb | undefined
  let closeDatabases: () => Promise<void>
  if (config.databaseUrl) {
    const pg = await openPgStorage(config.databaseUrl)
    try {
      pgDb = new PgSqlDb(config.databaseUrl)
    } catch (err) {
      await pg.close()
      throw err
    }
    boards = pg
    db = pgDb
    assets = pg.assetStore(path.join(config.dataDir, 'asset-cache'))
    const bridge = pgDb
    // Last: flushing boards (sync.close) may still write history snapshots through the bridge.
    closeDatabases = async () => { bridge.close() }
  } else {
    const opened = openSqliteStorage(config.dataDir)
    if (opened.vacuumError) {
      log(`storage: could not convert the database to auto_vacuum (it works on as before, but freed space ` +
        `stays inside the file): ${String(opened.vacuumError)}`)
    }
    boards = opened
    db = opened.database
    assets = new FileAssetStore(config.dataDir)
    closeDatabases = async () => {}
  }
  const storage = options.wrapStorage ? options.wrapStorage(boards) : boards
  let workflow: Workflow
  let participation: Participation
  let history: BoardHistory
  let workspaces: Workspaces
  try {
    workflow = new Workflow(new SqliteProjectStore(db))
    participation = new Participation(db)
    history = new BoardHistory(db)
    workspaces = new Workspaces(db)
  } catch (err) {
    await storage.close()
    await closeDatabases()
    throw err
  }
  // Several instances (REDIS_URL): boards, presence, project events, limits and caps go through
  // Redis (server/cluster/). Without it: a LocalRelay that carries nothing, as one process needs.
  let cluster: Cluster
  try {
    cluster = await openCluster(config, log)
  } catch (err) {
    await storage.close()
    await closeDatabases()
    throw err
  }
  const limits = new RequestLimits(config, Date.now, cluster.redis ? { redis: cluster.redis, prefix: cluster.prefix } : undefined)
  // Connection caps per address hold across instances with REDIS_URL (server/cluster/AddressCap.ts);
  // without it SyncServer and ProjectEvents count in memory.
  const { redis, prefix } = cluster
  const caps = redis && {
    sync: new RedisAddressCap(redis, `${prefix}cap:sync:`, `${prefix}alive:`, cluster.relay.instanceId, config.maxConnectionsPerIp, log),
    streams: new RedisAddressCap(redis, `${prefix}cap:streams:`, `${prefix}alive:`, cluster.relay.instanceId, config.maxEventStreamsPerIp, log),
  }
  const storageHealth = new StorageHealth(config.maxUnsavedBytes)
  const sync = new SyncServer({
    storage, config, log, authorize: options.authorize ?? authorizeProject(workflow, limits),
    clientKey: (req) => limits.clientKey(req), history, storageHealth, relay: cluster.relay,
    connectionCap: caps?.sync,
  })
  workflow.attachSync(sync)
  const facilitation = new Facilitation()
  const bus = cluster.relay.shared ? new ProjectBus(cluster.relay, { workflow, participation, facilitation }, log) : undefined
  // Before serving: the meetings other instances hold in memory (RedisRelay.arrive says why).
  await cluster.relay.arrive()
  const events = new ProjectEvents({ workflow, participation, facilitation }, config.eventPingIntervalMs, log, {
    maxStreamsPerIp: config.maxEventStreamsPerIp, clientKey: (req) => limits.clientKey(req), counter: caps?.streams,
  })
  // Filled in once listening: with PORT=0 the port is only known then (LAN origins need it).
  let listeningPort = config.port
  const origins = new OriginPolicy(config, () => listeningPort)
  const server = http.createServer(createHttpHandler({
    config, storage, log, limits, origins, storageStatus: () => storageHealth.status(),
    relayConnected: cluster.relay.shared ? () => cluster.relay.connected : undefined,
    stats: () => sync.stats(), workflow: { workflow, events, participation, facilitation }, workspaces,
    exports: {
      db, boardState: (boardId) => sync.boardState(boardId),
      reports: new ReportRunner(), importing: new Set(),
    },
    history: { db, history, sync },
    assets,
  }))
  // Node cuts a request off after 300 s by default; a 10 MB photo from a phone on a weak venue
  // connection (~20 KB/s) needs longer. Slow-loris protection stays with headersTimeout.
  server.requestTimeout = 15 * 60_000

  server.on('upgrade', (req, socket, head) => {
    const pathname = (req.url ?? '').split('?')[0]
    if (!pathname.startsWith(`${SYNC_PATH}/`)) return refuseUpgrade(socket, '404 Not Found')
    // Security: cross-site WebSocket hijacking. A browser lets any page open a WebSocket anywhere,
    // with the page's Origin; only ours may open the sync endpoint (originPolicy.ts).
    if (!origins.allows(req)) {
      return refuseUpgrade(socket, '403 Forbidden', '', {
        error: 'This connection came from a page on another site; open CommonGround from its own address.', code: 'foreign_origin',
      })
    }
    // Security: an address past its wrong-token budget gets 429 for a wrong token here too, or the
    // sync endpoint would be an unlimited way to guess them (authorizeProject counts the failures
    // under the budget). A right token passes, as on every route (rateLimit.ts says why).
    // (Asked of Redis with several instances: a socket that resets meanwhile must not crash us.)
    socket.on('error', () => socket.destroy())
    void (async () => {
      const wait = await limits.authWait(req)
      if (wait && presentsWrongToken(workflow, req)) {
        const limited = (await limits.recordAuthFailure(req)) ?? wrongTokensLimited(wait)
        return refuseUpgrade(socket, '429 Too Many Requests', `Retry-After: ${limited.headers['Retry-After']}\r\n`,
          { error: limited.message, code: limited.code })
      }
      return sync.handleUpgrade(req, socket, head)
    })().catch((err: unknown) => {
      log(`sync: upgrade failed: ${String(err)}`)
      refuseUpgrade(socket, '500 Internal Server Error')
    })
  })
  // A client dropping its connection mid-request (common on phones) is not a server error.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.port, config.host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (err) {
    events.close()
    bus?.close()
    await sync.close().catch(() => {})
    caps?.sync.close()
    caps?.streams.close()
    await cluster.close()
    await storage.close()
    await closeDatabases()
    throw err
  }

  const address = server.address()
  // A listening TCP server has an AddressInfo: a string would be a pipe's path, null a server not listening.
  if (address === null || typeof address === 'string') throw new Error(`The server is not listening on a TCP port (${String(address)})`)
  const port = address.port
  listeningPort = port
  let closing: Promise<void> | undefined
  return {
    url: `http://${displayHost(config.host)}:${port}`,
    port,
    sync,
    storage,
    close() {
      closing ??= (async () => {
        // Order matters: stop new connections first, then say goodbye to the sockets and flush
        // the boards, and only then close the storage they write to.
        const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()))
        // Event streams never end by themselves: without this, server.close() would wait for them
        // until the grace timeout below cut them off.
        events.close()
        bus?.close()
        facilitation.close()
        let syncError: unknown
        await sync.close().catch((err) => { syncError = err })
        // After the boards' final saves: their channels are left, nothing more is published; the
        // caps' places are given back (the heartbeat key goes) once every connection has closed.
        caps?.sync.close()
        caps?.streams.close()
        await cluster.close()
        const cut = setTimeout(() => server.closeAllConnections(), HTTP_CLOSE_GRACE_MS)
        await httpClosed
        clearTimeout(cut)
        await storage.close()
        await closeDatabases()
        if (syncError) throw syncError
      })()
      return closing
    },
  }
}

function refuseUpgrade(socket: Duplex, status: string, headers = '', body?: ApiError): void {
  socket.on('error', () => socket.destroy())
  const text = body ? JSON.stringify(body) : ''
  const type = body ? 'Content-Type: application/json; charset=utf-8\r\n' : ''
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n${headers}${type}Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`)
  socket.once('finish', () => socket.destroy())
}

/** A sync upgrade to a project board whose `token` belongs to no link of it (what authorizeProject answers 401 invalid_token). */
function presentsWrongToken(workflow: Workflow, req: http.IncomingMessage): boolean {
  const boardId = boardIdFromUrl(req.url)
  if (!boardId || !workflow.isProject(boardId)) return false
  const access = workflow.authenticate(boardId, queryToken(req))
  return !access.ok && access.code === 'invalid_token'
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '' || host === '127.0.0.1') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}
