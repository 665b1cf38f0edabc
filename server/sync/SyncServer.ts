/**
 * The sync endpoint: `ws(s)://<host>/sync/<boardId>`, speaking the standard y-websocket protocol
 * (docs/protocol.md). Checks the board and the caller before the upgrade, keeps connections alive
 * with pings, and on close() says goodbye to every client and flushes every board.
 */
import type { IncomingMessage } from 'node:http'
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import * as Y from 'yjs'
import { isValidBoardId } from '../../src/shared/boardId.js'
import { CloseCode, SYNC_PATH } from '../../src/shared/protocol.js'
import type { Config } from '../config.js'
import { loadBoardState } from '../storage/loadBoard.js'
import type { HistorySink, Storage, UpdateAuthor } from '../storage/Storage.js'
import { AuthorizationError, allowEveryone, type Authorize, type ConnectionGrant } from './authorize.js'
import { ServerEdit } from './Board.js'
import { BoardRegistry } from './BoardRegistry.js'
import type { PresenceStats } from './BoardPresence.js'
import { Connection } from './Connection.js'
import { MessageBudget } from './MessageBudget.js'
import { syncStep1Message } from './messages.js'
import { SYNC_DEFLATE } from './syncDeflate.js'
import type { StorageHealth } from './StorageHealth.js'
import type { Relay } from './relay/Relay.js'
import { LocalAddressCap, type AddressCap } from '../cluster/AddressCap.js'
import type { ErrorCode } from '../../src/shared/errorCodes.js'

export interface SyncServerOptions {
  storage: Storage
  config: Config
  log?: (line: string) => void
  /** Who may open a board and whether they may change it. Default: everyone may write. */
  authorize?: Authorize
  /** The address a connection counts against for MAX_CONNECTIONS_PER_IP (RequestLimits.clientKey). Default: the socket's address. */
  clientKey?: (req: IncomingMessage) => string
  /** Where periodic history snapshots go (SNAPSHOT_INTERVAL_MS). */
  history?: HistorySink
  /** The server's storage state (healthz, client notices, MAX_UNSAVED_BYTES); absent: not tracked. */
  storageHealth?: StorageHealth
  /** Other instances serving the same boards (REDIS_URL, server/sync/relay/); absent: this process is the only one. */
  relay?: Relay
  /** Counts open connections per client address against MAX_CONNECTIONS_PER_IP (across instances with REDIS_URL); default: in memory. */
  connectionCap?: AddressCap
}

export interface SyncStats {
  boardsLoaded: number
  connections: number
}

/** How long close() waits for clients to acknowledge the close frame before cutting them off. */
const CLOSE_GRACE_MS = 2_000

/** The board id of a sync URL (`/sync/<id>?anything`), or undefined if the path has another shape. */
export function boardIdFromUrl(url: string | undefined): string | undefined {
  const pathname = (url ?? '').split('?')[0]
  const prefix = `${SYNC_PATH}/`
  if (!pathname.startsWith(prefix)) return undefined
  const id = pathname.slice(prefix.length)
  return isValidBoardId(id) ? id : undefined
}

export class SyncServer {
  private readonly wss: WebSocketServer
  private readonly registry: BoardRegistry
  private readonly connections = new Set<Connection>()
  /** Open connections per client address (MAX_CONNECTIONS_PER_IP). */
  private readonly cap: AddressCap
  private readonly pingTimer: NodeJS.Timeout
  private readonly expiryTimer: NodeJS.Timeout
  private readonly log: (line: string) => void
  private readonly authorize: Authorize
  private closing: Promise<void> | undefined

  constructor(private readonly opts: SyncServerOptions) {
    const { config } = opts
    this.log = opts.log ?? ((line) => console.log(line))
    this.authorize = opts.authorize ?? allowEveryone
    this.cap = opts.connectionCap ?? new LocalAddressCap(config.maxConnectionsPerIp)
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      // The hard limit at which ws itself cuts a frame off (close code 1009) without buffering
      // it. Frames between maxMessageBytes and this get our own 4413 (see accept()), which
      // y-websocket treats as final instead of reconnecting and resending the same frame forever.
      maxPayload: config.maxMessageBytes * 2,
      // Offered, and used for large messages only (syncDeflate.ts). Security: a compressed frame
      // from a client is inflated no further than maxPayload either (ws stops and closes with 1009).
      perMessageDeflate: SYNC_DEFLATE,
    })
    this.registry = new BoardRegistry({
      storage: opts.storage,
      compactAfterUpdates: config.compactAfterUpdates,
      unloadDelayMs: config.unloadDelayMs,
      maxBufferedBytes: config.maxMessageBytes * 4,
      maxAwarenessBytes: config.maxAwarenessBytes,
      presence: { maxStates: config.maxPresencePerBoard, relayMs: config.presenceRelayMs, takeoverMs: config.presenceTakeoverMs, bytesPerSecond: config.presenceBytesPerSecond },
      gateLimits: { maxBoardBytes: config.maxBoardBytes, writeBytesPerMinute: config.writeBytesPerMinute },
      log: this.log,
      history: opts.history,
      snapshotIntervalMs: config.snapshotIntervalMs,
      storageHealth: opts.storageHealth,
      relay: opts.relay,
    })
    this.pingTimer = setInterval(() => this.pingAll(), config.pingIntervalMs)
    // Security: a link that expires while its holder is connected must not keep the connection;
    // the grant says so, and a 1 s sweep keeps the close within the 2 s the workflow promises.
    this.expiryTimer = setInterval(() => this.closeLapsed(), 1000)
    this.expiryTimer.unref()
  }

  private closeLapsed(): void {
    for (const conn of this.connections) {
      // A connection already closing was found by an earlier sweep; its terminate timer is set.
      if (conn.ws.readyState !== conn.ws.OPEN) continue
      if (conn.grant.isLive && !conn.grant.isLive()) {
        this.closeConnections(conn.boardId, (g) => g === conn.grant, CloseCode.forbidden, 'This link has expired; ask the organizer for a new link.')
      }
    }
  }

  stats(): SyncStats {
    return { boardsLoaded: this.registry.loadedCount, connections: this.connections.size }
  }

  /** What a loaded board's presence holds: states, the bytes a newcomer receives, take-overs waiting. */
  presenceStats(boardId: string): PresenceStats | undefined {
    return this.registry.presenceStats(boardId)
  }

  /** Re-evaluate every open connection's grant on a board (after a stage move) without reconnecting. */
  refreshGrants(boardId: string): void {
    const doc = this.registry.loadedDoc(boardId)
    for (const conn of this.connections) {
      if (conn.boardId !== boardId || !conn.refreshGrant() || !doc) continue
      // Why: a sync step 1 makes the client send everything the server lacks, so the connection
      // writes again without reconnecting. Edits it made while read-only were refused and their
      // client id remembered (UpdateGate), so sending them again now does not make them land.
      // (A board still loading greets every connection with step 1 when it is ready anyway.)
      conn.send(syncStep1Message(doc))
    }
  }

  /** Close the connections on a board whose grant matches (a revoked link's), with `code`. */
  closeConnections(boardId: string, match: (grant: ConnectionGrant) => boolean, code: number, reason: string): number {
    let n = 0
    for (const conn of this.connections) {
      if (conn.boardId !== boardId || !match(conn.grant)) continue
      conn.close(code, reason)
      // Security: a client that ignores the close frame must not keep its socket past the 2 s bound.
      setTimeout(() => conn.ws.terminate(), CLOSE_GRACE_MS).unref()
      n++
    }
    return n
  }

  /**
   * Change a board as the server (a restore), whether or not anyone has it open: `change` runs in
   * one transaction on the live doc, so every client receives it as an ordinary update and
   * converges. Resolves once it is stored (with `author` in the audit log).
   */
  serverEdit(boardId: string, author: UpdateAuthor, change: (doc: Y.Doc) => void): Promise<void> {
    if (this.closing) return Promise.reject(new Error('Server is shutting down'))
    return this.registry.serverEdit(boardId, new ServerEdit(author), change)
  }

  /**
   * The board's full state as one Yjs update: from memory when loaded (it includes edits still being
   * written), otherwise from storage.
   */
  async boardState(boardId: string): Promise<Uint8Array> {
    const loaded = this.registry.loadedDoc(boardId)
    if (loaded) return Y.encodeStateAsUpdate(loaded)
    return loadBoardState(this.opts.storage, boardId)
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A client that resets during the async checks below must not crash the process.
    socket.on('error', () => socket.destroy())
    this.upgrade(req, socket, head).catch((err) => {
      this.log(`sync: upgrade failed: ${String(err)}`)
      refuse(socket, 500, 'Internal error')
    })
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (this.closing) return refuse(socket, 503, 'Server is shutting down')
    const boardId = boardIdFromUrl(req.url)
    if (!boardId) return refuse(socket, 400, `Expected ${SYNC_PATH}/<boardId> with a valid board id`)
    if (!(await this.opts.storage.getBoard(boardId))) return refuse(socket, 404, 'No such board')
    let grant: ConnectionGrant
    try {
      grant = await this.authorize(req, boardId)
    } catch (err) {
      // Security: anything but an explicit AuthorizationError still denies (fail closed).
      if (err instanceof AuthorizationError) return refuse(socket, err.status, err.message)
      this.log(`sync: authorize failed for board ${boardId}: ${String(err)}`)
      return refuse(socket, 403, 'Access denied')
    }
    // Lifecycle edge: the checks above awaited; the client may have gone or shutdown begun.
    if (socket.destroyed) return
    if (this.closing) return refuse(socket, 503, 'Server is shutting down')
    // Counted here, after the checks above: the cap takes a place in one step (in memory, or one
    // Redis script for all instances), so many upgrades of one address racing through the checks
    // cannot all slip in; the place is given back when the socket closes, accepted or not.
    const address = this.opts.clientKey ? this.opts.clientKey(req) : (req.socket.remoteAddress ?? '')
    const release = await this.cap.acquire(address)
    if (!release) {
      const limit = this.opts.config.maxConnectionsPerIp
      return refuse(socket, 429, `Too many open connections from your network (at most ${limit}); close some tabs or devices and try again.`, 'too_many_connections')
    }
    // Lifecycle edge: the count may have been asked of Redis; the client may have gone or shutdown begun.
    if (socket.destroyed) return release()
    if (this.closing) {
      release()
      return refuse(socket, 503, 'Server is shutting down')
    }
    let accepted = false
    socket.once('close', () => { if (!accepted) release() })
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      accepted = true
      this.accept(ws, boardId, grant, release)
    })
  }

  private accept(ws: WebSocket, boardId: string, grant: ConnectionGrant, release: () => void): void {
    if (this.closing) {
      ws.once('close', release)
      ws.close(CloseCode.goingAway, 'Server is shutting down')
      return
    }
    const conn = new Connection(ws, boardId, grant)
    this.connections.add(conn)
    const board = this.registry.attach(conn)
    const { maxMessageBytes: maxBytes, syncMessagesPerSecond, syncMessageBurst } = this.opts.config
    const budget = new MessageBudget(syncMessagesPerSecond, syncMessageBurst)
    // Why a bucket of its own: stock y-websocket clients send back every presence change they
    // receive (docs/protocol.md, Presence). Such echoes carry nothing newer than the server holds,
    // are dropped after reading their clocks, and must not use up what the connection may send
    // itself; still bounded, so a flood of them is cut off like any other.
    const echoBudget = new MessageBudget(syncMessagesPerSecond, syncMessageBurst)
    ws.on('message', (data, isBinary) => {
      // A closing connection's remaining frames are not looked at (Board.receive checks too).
      if (!conn.isOpen) return
      const echo = isBinary && board.isPresenceEcho(toBytes(data))
      if (!(echo ? echoBudget : budget).take()) {
        this.log(`sync: closing a connection on board ${boardId} that sent messages too fast`)
        return conn.close(CloseCode.rateLimited, 'Too many messages too fast; reload the page to continue')
      }
      // An echo changes nothing, so it is dropped here; it may be as large as everyone's presence
      // together (a stock client echoes a newcomer's greeting), which MAX_AWARENESS_BYTES is not for.
      if (echo) return
      if (!isBinary) return conn.close(CloseCode.badMessage, 'Expected binary frames')
      const bytes = toBytes(data)
      if (bytes.byteLength > maxBytes) {
        return conn.close(CloseCode.tooLarge, `Message larger than ${maxBytes} bytes`)
      }
      board.receive(conn, bytes)
    })
    ws.on('pong', () => { conn.alive = true })
    ws.on('error', (err) => this.log(`sync: connection error on board ${boardId}: ${err.message}`))
    ws.on('close', () => {
      this.connections.delete(conn)
      release()
      this.registry.detach(conn, board)
    })
  }

  private pingAll(): void {
    for (const conn of this.connections) {
      if (!conn.alive) {
        // No close frame: a client that missed a pong cannot be reached anyway, and the
        // resulting 1006 makes y-websocket reconnect (a 44xx code would make it give up).
        conn.ws.terminate()
        continue
      }
      conn.alive = false
      try {
        conn.ws.ping()
      } catch {
        conn.ws.terminate()
      }
    }
  }

  /** Stop accepting, close every connection with 1001, flush every board. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutdown()
    return this.closing
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.pingTimer)
    clearInterval(this.expiryTimer)
    this.registry.stopUnloading()
    const closed = [...this.connections].map((conn) => new Promise<void>((resolve) => {
      if (conn.ws.readyState === conn.ws.CLOSED) return resolve()
      conn.ws.once('close', () => resolve())
      conn.close(CloseCode.goingAway, 'Server is shutting down')
      // Why: a client that never answers the close frame must not hold up the shutdown.
      setTimeout(() => conn.ws.terminate(), CLOSE_GRACE_MS).unref()
    }))
    // Nothing a client sends from here on is handled (Board.receive checks isOpen), so what is
    // flushed below is everything that was accepted; clients resend the rest on reconnect.
    await Promise.all(closed)
    await this.registry.closeAll()
    this.wss.close()
  }
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data
}

/** Stable `code`s of the JSON body (the ApiError shape) sent with a refused upgrade. */
const REFUSAL_CODES: Record<number, ErrorCode> = {
  400: 'invalid_board_id', 401: 'unauthorized', 403: 'forbidden', 404: 'board_not_found',
  429: 'too_many_connections', 500: 'internal_error', 503: 'shutting_down',
}

/** Answer an upgrade request with a plain HTTP error and drop the socket. */
function refuse(socket: Duplex, status: number, message: string, code: ErrorCode = REFUSAL_CODES[status] ?? 'error'): void {
  if (socket.destroyed) return
  const body = JSON.stringify({ error: message, code })
  socket.once('finish', () => socket.destroy())
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}
