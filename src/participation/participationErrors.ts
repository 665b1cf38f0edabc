/**
 * A participation call the server refused, said plainly. The server answers a stable code with an
 * English sentence; Chinese readers would otherwise get one generic "check what you entered" for
 * every 4xx (src/net/api.ts), which is wrong for "you have already voted" or "the stage moved on".
 * English readers keep the server's own sentence (it names stages and counts), except where that
 * sentence speaks to developers.
 */
import { ApiRequestError, type ApiErrorCode } from '../net/api'
import type { Strings } from '../i18n/lang'

type Code = keyof Strings['participation']['errors']

/** English server sentences not fit for a person (they name API paths). */
const REWORD_IN_ENGLISH: ReadonlySet<ApiErrorCode> = new Set<Code>(['join_first'])

function isWordedCode(errors: Strings['participation']['errors'], code: string): code is Code {
  // Not Object.hasOwn: older phones' browsers lack it.
  return Object.prototype.hasOwnProperty.call(errors, code)
}

export function participationErrorText(code: ApiErrorCode, t: Strings, lang: string): string | null {
  if (lang === 'en' && !REWORD_IN_ENGLISH.has(code)) return null
  const errors = t.participation.errors
  if (isWordedCode(errors, code)) return errors[code]
  if (code.endsWith('_not_found')) return errors.not_found
  return null
}

/** The same error with a plain message when its code is known; anything else unchanged. */
export function plainError(err: unknown, t: Strings, lang: string): unknown {
  if (!(err instanceof ApiRequestError) || !err.code) return err
  const text = participationErrorText(err.code, t, lang)
  if (!text) return err
  return new ApiRequestError(text, err.status, { code: err.code, ...(err.serverMessage !== null && { error: err.serverMessage }) })
}
