/**
 * Limits of what a person types on the project pages: the same as the server's (server/http/
 * projectRoutes.ts), so a too-long field is refused here, in words, before anything is sent.
 */
import { ApiRequestError } from '../net/api'
import { format, type Strings } from '../i18n/lang'
import { BOARD_NAME_MAX } from '../shared/boardId'
import { PARTICIPANT_NAME_MAX } from '../board'

export const PROJECT_NAME_MAX = BOARD_NAME_MAX
export const PROJECT_SITE_MAX = 200
export const PROJECT_AREA_MAX = 200
export const PROJECT_BRIEF_MAX = 2000
export const JOIN_NAME_MAX = PARTICIPANT_NAME_MAX
export const JOIN_UNIT_MAX = 40

/** Worded at render time, so switching language also re-words a message already shown. */
export type ErrorText = (t: Strings, lang: string) => string

/** The server counts characters (code points), not UTF-16 units: an emoji is one character. */
export function charCount(value: string): number {
  return [...value].length
}

/** What is wrong with a field's (trimmed) value, or null when it is fine. */
export function fieldProblem(value: string, max: number, required: boolean, requiredText?: (t: Strings) => string): ErrorText | null {
  const trimmed = value.trim()
  if (required && !trimmed) return (t) => (requiredText ? requiredText(t) : t.projects.required)
  if (charCount(trimmed) > max) return (t) => format(t.projects.tooLong, { max })
  return null
}

/** A failed request, worded by the server's status (and its English sentence for English readers). */
export function apiFailureText(err: unknown): ErrorText {
  const failure = err instanceof ApiRequestError ? err : null
  return (t, lang) => (failure ? failure.describe(t, lang) : t.errors.network)
}
