/** One client's WebSocket on one board: what it may do, what it announced, whether it is alive. */
import type { Duplex } from 'node:stream'
import WebSocket from 'ws'
import type { ConnectionGrant } from './authorize.js'
import type { Frame } from './Frame.js'
import { permissionDeniedMessage } from './messages.js'

/** The parts of a ws@8 WebSocket that say whether a pre-built frame may go straight to its socket. */
interface WsInternals {
  _socket?: Duplex
  _sender?: { _state?: number; _queue?: unknown[] }
  _extensions?: Record<string, unknown>
}

/**
 * The socket under `ws`, when writing a frame to it is exactly what ws.send would do: ws's sender is
 * idle (state 0, nothing queued: it queues only while compressing or reading a Blob, and we use
 * neither) and no extension (permessage-deflate, off in SyncServer) rewrites frames. Why this is
 * safe: ws.send in that state writes synchronously to the same socket, so frames written either way
 * go out in call order. If a ws upgrade renames these internals, this answers undefined and every
 * send goes through ws.send again: slower, never wrong.
 */
function rawSocket(ws: WebSocket): Duplex | undefined {
  const w = ws as unknown as WsInternals
  const sender = w._sender
  if (sender === undefined || sender._state !== 0 || sender._queue === undefined || sender._queue.length !== 0) return undefined
  if (w._extensions === undefined || w._extensions['permessage-deflate'] !== undefined) return undefined
  const socket = w._socket
  return socket !== undefined && socket.writable ? socket : undefined
}

export class Connection {
  /** Awareness client ids this connection announced; removed for everyone when it closes. */
  readonly awarenessIds = new Set<number>()
  /** Cleared at each ping, set by the pong; still false at the next ping means the client is gone. */
  alive = true
  /** Bytes received while the board was loading and not yet handled. */
  bufferedBytes = 0
  private deniedSent = false
  private corkedSocket: Duplex | undefined
  /** Whether the grant allowed writing when last asked. */
  private writable: boolean

  constructor(
    readonly ws: WebSocket,
    readonly boardId: string,
    readonly grant: ConnectionGrant,
  ) {
    this.writable = grant.canWrite()
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN
  }

  send(data: Uint8Array): void {
    // No per-send callback: a failed write makes the socket emit 'error', on which ws closes the
    // connection, and SyncServer's 'close' handler cleans up; a closure per send would only cost.
    if (this.isOpen) this.ws.send(data)
  }

  /** Send a message framed once for many connections (a relayed update or awareness change). */
  sendFrame(frame: Frame): void {
    if (!this.isOpen) return
    const socket = rawSocket(this.ws)
    if (socket) socket.write(frame.bytes)
    else this.ws.send(frame.payload)
  }

  /** Hold what is sent until uncork(), then write it at once (node:stream cork; counts nest). */
  cork(): void {
    this.corkedSocket = rawSocket(this.ws)
    this.corkedSocket?.cork()
  }

  uncork(): void {
    // The same socket that was corked, even if the connection closed in between.
    this.corkedSocket?.uncork()
    this.corkedSocket = undefined
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.CLOSED || this.ws.readyState === WebSocket.CLOSING) return
    // RFC 6455 limits the reason to 123 bytes.
    this.ws.close(code, Buffer.from(reason).subarray(0, 123).toString())
  }

  /**
   * Re-evaluate the grant after a change (stage move, revocation) and tell the client at once if it
   * lost write access, rather than at its next attempted write. Returns true when the connection
   * has just gained write access (y-protocols has no "granted" message; the caller re-syncs it).
   */
  refreshGrant(): boolean {
    const was = this.writable
    this.writable = this.grant.canWrite()
    if (this.writable) {
      this.deniedSent = false
      return !was
    }
    if (!this.deniedSent) {
      this.deniedSent = true
      this.send(permissionDeniedMessage('You may view this board but not change it now'))
    }
    return false
  }
}
