import type { ErrorCode } from '../../src/shared/errorCodes.js'

/**
 * An error that already knows how it is answered: status, stable code and a sentence a person can
 * act on. Handlers throw it; createHttpHandler turns it into an `ApiError` JSON body. Anything else
 * that is thrown becomes a 500 whose details stay in the server log.
 */
export class HttpError extends Error {
  readonly status: number
  readonly code: ErrorCode
  readonly headers: Record<string, string>

  constructor(status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message)
    this.name = 'HttpError'
    this.status = status
    this.code = code
    this.headers = headers
  }
}

/** The limit as a person reads it: "10 MB", "1.5 MB", "0.2 MB". */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  const shown = mb >= 1 ? Math.round(mb * 10) / 10 : Number(mb.toPrecision(2))
  return `${shown} MB`
}
