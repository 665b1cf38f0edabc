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

/**
 * Sub-types of the auth message (type 2): y-protocols/auth defines 0 (permission denied) and its
 * reader ignores every other, so stock y-websocket clients tolerate the ones added here.
 */
export const AuthMessageType = {
  permissionDenied: 0,
  /** Server → client: whether the server can save edits now; varUint StorageState, then a varString reason. */
  storage: 1,
  /**
   * Server → client: the client's last update was refused and not applied (docs/protocol.md,
   * "Refused updates"); varString code (RefusalCode, src/shared/boardRules.ts), then a varString reason.
   */
  refused: 2,
} as const

/** Payload of an auth `storage` message (docs/protocol.md, "When a write fails"). */
export const StorageState = {
  /** Saving works (again): held edits have been saved and relayed. */
  saving: 0,
  /** The server cannot save: edits are held back (not relayed) until it can; senders keep theirs. */
  failing: 1,
} as const
export type StorageState = (typeof StorageState)[keyof typeof StorageState]

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
