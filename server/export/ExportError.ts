/**
 * An export or import refused what it was given, or cannot take it now. It carries the status an
 * HTTP answer gives it (a hint for any other caller), a stable code, a sentence a person can act on,
 * and — for "busy, try later" — how many seconds to wait. server/http/exportRoutes.ts answers it as
 * the HttpError of the same status, code and message (and a Retry-After header).
 */
import type { ErrorCode } from '../../src/shared/errorCodes.js'

export type ExportRefusalStatus = 400 | 409 | 413 | 503

export class ExportError extends Error {
  readonly status: ExportRefusalStatus
  readonly code: ErrorCode
  readonly retryAfterSeconds: number | null

  constructor(status: ExportRefusalStatus, code: ErrorCode, message: string, retryAfterSeconds: number | null = null) {
    super(message)
    this.name = 'ExportError'
    this.status = status
    this.code = code
    this.retryAfterSeconds = retryAfterSeconds
  }
}
