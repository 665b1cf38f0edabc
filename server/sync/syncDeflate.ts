/**
 * permessage-deflate (RFC 7692) on the sync endpoint, for the few large messages one connection
 * receives alone: the first sync step 2 (a 300-shape board: 130 KB raw, 10 KB deflated; 5,000
 * shapes: 2.2 MB, 150 KB), a catch-up after being away, everyone's presence for a newcomer. On slow
 * 3G that decides whether a board arrives within y-websocket's 30 s messageReconnectTimeout.
 * Everything smaller, and every pre-built fan-out Frame whatever its size (Connection.sendFrame),
 * goes uncompressed (RSV1 clear), which RFC 7692 allows message by message: deflating one relayed
 * update once per connection would cost CPU per delivery. A client that does not offer the extension
 * gets plain frames (docs/protocol.md, "Compression").
 */
import type { PerMessageDeflateOptions, WebSocket } from 'ws'

export const SYNC_DEFLATE = {
  // ws honours `threshold` only without server context takeover (sender.js); with it, ws would
  // deflate every message. Neither side keeping a context also means no window is carried from one
  // message to the next, so nothing is lost when releaseDeflate drops the stream.
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  threshold: 16 * 1024,
  // Memory while a message is deflated: zlib's defaults (window 2^15, memLevel 8) take ~256 KB;
  // 2^13 and 6 take ~64 KB and deflate a mixed tldraw board to within 2 % of the same size (2^12
  // loses 25 %). ws answers a client that itself asked for a server window below 2^13 (browsers do
  // not) with a 400; clientMaxWindowBits stays unset because a number there would make ws refuse
  // every client that offers no client_max_window_bits at all.
  serverMaxWindowBits: 13,
  zlibDeflateOptions: { memLevel: 6 },
  // ws's default, said out loud: at most 10 deflate/inflate jobs at once in libuv's pool, the rest
  // queued (a reconnect storm after a restart waits its turn instead of taking every thread).
  concurrencyLimit: 10,
} satisfies PerMessageDeflateOptions

/** The parts of a ws@8 WebSocket that hold its compression stream. */
interface DeflateInternals {
  _sender?: { _state?: number }
  _extensions?: Record<string, { _deflate?: { close(): void } | null } | undefined>
}

/**
 * Free a connection's deflate stream after a large message has gone out. ws creates it for the
 * first compressed message and otherwise keeps it for the connection's life, only resetting it;
 * 200 people on a board would hold 200 of them (~115 KB each in Node) for a catch-up that may never
 * come. ws makes a new one if another large message is sent. Only while ws's sender is idle (state
 * 0): a stream that is deflating the next message must not be closed under it. If a ws upgrade
 * renames these internals, this does nothing: more memory, never wrong (and silently so: the
 * canary in test/shared/privateApis.test.ts fails instead).
 */
export function releaseDeflate(ws: WebSocket): void {
  // ws's types do not declare its private fields; these are read as ws@8 names them (see above).
  const w = ws as unknown as DeflateInternals
  const deflate = w._extensions?.['permessage-deflate']
  if (!deflate?._deflate || w._sender?._state !== 0) return
  deflate._deflate.close()
  deflate._deflate = null
}
