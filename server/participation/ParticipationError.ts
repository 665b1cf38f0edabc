/**
 * A participation rule refused an action. It carries the status an HTTP answer gives it (a hint:
 * another entry point may map it as it likes), a stable code clients branch on, and a sentence a
 * person can act on. server/http maps it to its HttpError unchanged, so the codes, statuses and
 * messages on the wire are exactly these.
 */
import type { ErrorCode } from '../../src/shared/errorCodes.js'

export type RefusalStatus = 400 | 403 | 404 | 409

export class ParticipationError extends Error {
  readonly status: RefusalStatus
  readonly code: ErrorCode

  constructor(status: RefusalStatus, code: ErrorCode, message: string) {
    super(message)
    this.name = 'ParticipationError'
    this.status = status
    this.code = code
  }
}

/** The 404 for a record id this project does not have; `what` completes "has no …". */
export function notFound(code: ErrorCode, what: string): () => ParticipationError {
  return () => new ParticipationError(404, code, `This project has no ${what} with that id; reload to see the current list.`)
}
