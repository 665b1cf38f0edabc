/** One client's WebSocket on one board: what it may do, what it announced, whether it is alive. */
import WebSocket from 'ws'
import type { ConnectionGrant } from './authorize.js'
import { permissionDeniedMessage } from './messages.js'

export class Connection {
  /** Awareness client ids this connection announced; removed for everyone when it closes. */
  readonly awarenessIds = new Set<number>()
  /** Cleared at each ping, set by the pong; still false at the next ping means the client is gone. */
  alive = true
  /** Bytes received while the board was loading and not yet handled. */
  bufferedBytes = 0
  private deniedSent = false
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
    if (!this.isOpen) return
    this.ws.send(data, (err) => {
      // The socket died under us; its 'close' handler cleans up.
      if (err) this.ws.terminate()
    })
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.CLOSED || this.ws.readyState === WebSocket.CLOSING) return
    // RFC 6455 limits the reason to 123 bytes.
    this.ws.close(code, Buffer.from(reason).subarray(0, 123).toString())
  }

  /**
   * Whether this connection may change the board now. When it may not, the client is told with a
   * y-protocols permission-denied message, once per change from allowed to denied.
   */
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

  mayWrite(): boolean {
    this.writable = this.grant.canWrite()
    if (this.writable) {
      this.deniedSent = false
      return true
    }
    if (!this.deniedSent) {
      this.deniedSent = true
      this.send(permissionDeniedMessage('You may view this board but not change it'))
    }
    return false
  }
}
