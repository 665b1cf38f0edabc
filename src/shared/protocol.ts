/**
 * Wire-level constants shared by the browser app and the Node server.
 * Runtime-neutral: no DOM and no Node imports here. docs/protocol.md describes each one.
 */

/** y-websocket message types (first varUint of every binary frame). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const

/** The sync endpoint: a y-websocket client uses `new WebsocketProvider(origin + SYNC_PATH, boardId, doc)`. */
export const SYNC_PATH = '/sync'

/**
 * WebSocket close codes the server uses. 4000–4999 is the range RFC 6455 leaves to applications;
 * we mirror HTTP statuses in the last three digits so the meaning is guessable.
 */
export const CloseCode = {
  /** Server shutting down (SIGTERM/SIGINT); clients reconnect to the next instance. */
  goingAway: 1001,
  /** A frame that could not be decoded, an unknown message type, or an invalid Yjs update. */
  badMessage: 4400,
  /** No or invalid credentials (used by the workflow layer). */
  unauthorized: 4401,
  /** Credentials valid but the link was revoked or expired (used by the workflow layer). */
  forbidden: 4403,
  /** The board id in the URL does not exist on this server. */
  notFound: 4404,
  /** The client did not answer pings in time. */
  timeout: 4408,
  /** A single frame exceeded the configured size limit. */
  tooLarge: 4413,
  /** Too many messages in too short a time from one connection. */
  rateLimited: 4429,
  /** The board could not be loaded from storage; the client should retry later. */
  loadFailed: 4500,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]
