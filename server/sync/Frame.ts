/**
 * A binary message framed once, as a complete unmasked WebSocket frame (RFC 6455 §5.2), so that
 * relaying it to 200 connections writes the same bytes 200 times instead of building a frame header,
 * an options object and a Buffer view per connection (docs/performance.md, "Fan-out").
 * Connection.sendFrame writes `bytes` straight to the socket when ws would do exactly that itself,
 * and otherwise hands `payload` to ws.send.
 */
// FIN set, RSV1-3 clear (never a compressed message, even where permessage-deflate was negotiated), binary.
const FIN_BINARY = 0x82

export class Frame {
  /** The whole frame: header + payload. */
  readonly bytes: Buffer
  /** The payload alone (a view into `bytes`), for ws.send. */
  readonly payload: Buffer

  constructor(message: Uint8Array) {
    const n = message.byteLength
    // Server-to-client frames are never masked; the length takes 7, 7+16 or 7+64 bits.
    const header = n < 126 ? 2 : n < 65_536 ? 4 : 10
    const bytes = Buffer.allocUnsafe(header + n)
    bytes[0] = FIN_BINARY
    if (n < 126) {
      bytes[1] = n
    } else if (n < 65_536) {
      bytes[1] = 126
      bytes.writeUInt16BE(n, 2)
    } else {
      bytes[1] = 127
      bytes.writeUInt32BE(0, 2)
      bytes.writeUInt32BE(n, 6)
    }
    bytes.set(message, header)
    this.bytes = bytes
    this.payload = bytes.subarray(header)
  }
}
