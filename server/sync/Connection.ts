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

  constructor(
    readonly ws: WebSocket,
    readonly boardId: string,
    private readonly grant: ConnectionGrant,
  ) {}

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
  mayWrite(): boolean {
    if (this.grant.canWrite()) {
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
