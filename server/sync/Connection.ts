/** One client's WebSocket on one board: what it may do, what it announced, whether it is alive. */
import type { Duplex } from 'node:stream'
import WebSocket from 'ws'
import type { ConnectionGrant } from './authorize.js'
import type { BoardPeer } from './BoardPeer.js'
import type { Frame } from './Frame.js'
import { permissionDeniedMessage } from './messages.js'
import { releaseDeflate, SYNC_DEFLATE } from './syncDeflate.js'

/** The parts of a ws@8 WebSocket that say whether a pre-built frame may go straight to its socket. */
interface WsInternals {
  _socket?: Duplex
  _sender?: { _state?: number; _queue?: unknown[] }
  _extensions?: Record<string, unknown>
}

/** ws.send options for a fan-out payload: never compressed, like the pre-built frame it stands for. */
const UNCOMPRESSED = { compress: false } as const

/**
 * The socket under `ws`, when writing a frame to it is exactly what ws.send(…, UNCOMPRESSED) would
 * do: ws's sender is idle (state 0, nothing queued: it queues only while compressing a large message
 * or reading a Blob, and we use no Blobs). Why this is safe: ws.send in that state writes
 * synchronously to the same socket, so frames written either way go out in call order; while a
 * large message (a first sync) is being deflated, later frames go through ws.send and queue behind
 * it. A negotiated permessage-deflate (syncDeflate.ts) does not stand in the way: a frame with
 * RSV1 clear is an uncompressed message, which RFC 7692 lets a sender choose message by message,
 * and it touches no compression state on either side. If a ws upgrade renames these internals,
 * this answers undefined and every send goes through ws.send again: slower, never wrong — and
 * silently so, which is why test/shared/privateApis.test.ts checks these internals against the
 * installed ws (exported for that canary only).
 */
export function rawSocket(ws: WebSocket): Duplex | undefined {
  // ws's types do not declare its private fields; these are read as ws@8 names them (see above).
  const w = ws as unknown as WsInternals
  const sender = w._sender
  if (sender === undefined || sender._state !== 0 || sender._queue === undefined || sender._queue.length !== 0) return undefined
  if (w._extensions === undefined) return undefined
  const socket = w._socket
  return socket !== undefined && socket.writable ? socket : undefined
}

export class Connection implements BoardPeer {
  /** Awareness client ids this connection announced; removed for everyone when it closes. */
  readonly awarenessIds = new Set<number>()
  /** Cleared at each ping, set by the pong; still false at the next ping means the client is gone. */
  alive = true
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

  /**
   * Send a message to this connection alone. ws deflates it when the client negotiated
   * permessage-deflate and it is at least SYNC_DEFLATE.threshold bytes (a first sync step 2, a
   * catch-up, everyone's presence for a newcomer); anything smaller goes as it is.
   */
  send(data: Uint8Array): void {
    if (!this.isOpen) return
    // No per-send closure: a failed write makes the socket emit 'error', on which ws closes the
    // connection, and SyncServer's 'close' handler cleans up. A large message's callback (made once
    // per connection) frees the deflate stream once the message is written.
    if (data.byteLength >= SYNC_DEFLATE.threshold) this.ws.send(data, this.afterLargeSend)
    else this.ws.send(data)
  }

  private readonly afterLargeSend = (): void => releaseDeflate(this.ws)

  /**
   * Send a message framed once for many connections (a relayed update or awareness change). Never
   * compressed, whatever its size: deflating the same bytes once per connection is the per-delivery
   * cost the pre-built frame exists to avoid (docs/protocol.md, "Compression").
   */
  sendFrame(frame: Frame): void {
    if (!this.isOpen) return
    const socket = rawSocket(this.ws)
    if (socket) socket.write(frame.bytes)
    else this.ws.send(frame.payload, UNCOMPRESSED)
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

  probe(onAlive: () => void): void {
    this.ws.once('pong', onAlive)
    try {
      this.ws.ping()
    } catch {
      // A socket that cannot even be pinged is gone; whoever probes decides what silence means.
    }
  }

  cancelProbe(onAlive: () => void): void {
    this.ws.off('pong', onAlive)
  }

  terminate(): void {
    this.ws.terminate()
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
