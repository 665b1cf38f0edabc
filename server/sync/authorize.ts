/**
 * The authorisation seam of the sync endpoint. The workflow layer (roles, invitation links) plugs
 * an `Authorize` into SyncServer; until then everyone who knows a board's id may read and write it.
 */
import type { IncomingMessage } from 'node:http'
import type { EditActor } from '../../src/shared/boardRules.js'

/**
 * What the server vouches for about the person on a connection. Every awareness state the
 * connection sends is rewritten to carry it (stampAwareness.ts), so nobody can show another name or
 * role. `name` is absent when the server does not know it (a shared role link without a join).
 */
export interface PresenceIdentity {
  role: string
  name?: string
  /**
   * The participant behind a personal token: stamped as `user.pid` so that the same person on two
   * devices is shown once (src/board/PeoplePanel.tsx). Absent for a bare role link; then any `pid`
   * the client sent is removed, so nobody can pass for another person's second device.
   */
  participantId?: string
}

/** What one connection may do. Asked again for every incoming message, so a role can change live. */
export interface ConnectionGrant {
  canWrite(): boolean
  /** Set for connections whose person the server knows; absent on plain boards. */
  readonly identity?: PresenceIdentity
  /**
   * False once the credential behind the connection has lapsed (an invitation link expired). The
   * server checks it every second and closes such connections with CloseCode.forbidden.
   */
  isLive?(): boolean
  /** Whom the audit log names for this connection's changes (project boards); absent: not audited. */
  readonly auditAs?: { linkId: string; participantId: string | null }
  /**
   * The person behind the connection on a project board: the server records them as the maker of
   * the records they create, and applies the ownership rules (src/shared/boardRules.ts) to their
   * edits. Absent on plain boards, where everyone may change everything.
   */
  readonly actor?: EditActor
}

/**
 * Decides, before the WebSocket upgrade, whether `req` may open `boardId`. Reject with an
 * AuthorizationError to answer 401 or 403; any other rejection is answered 403 as well.
 */
export type Authorize = (req: IncomingMessage, boardId: string) => Promise<ConnectionGrant>

export class AuthorizationError extends Error {
  constructor(readonly status: 401 | 403, message: string) {
    super(message)
    this.name = 'AuthorizationError'
  }
}

export const fullAccess: ConnectionGrant = { canWrite: () => true }

export const allowEveryone: Authorize = async () => fullAccess
