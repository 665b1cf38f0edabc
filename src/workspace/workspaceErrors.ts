import { ApiRequestError } from '../net/api'
import type { Strings } from '../i18n/lang'

/** A refused workspace call in plain words: the workspace's own codes worded here, anything else as described. */
export function workspaceErrorText(err: unknown, t: Strings): string {
  if (!(err instanceof ApiRequestError)) return t.errors.network
  const words: Record<string, string> = t.workspace.errors
  return (err.code && Object.prototype.hasOwnProperty.call(words, err.code) ? words[err.code] : null) ?? err.message
}
