import type { ApiErrorCode } from '../net/api'

/** Why this device may not (or no longer) open a project, from the server's answer to its link. */
export type AccessProblem =
  | { kind: 'revoked' }
  | { kind: 'expired' }
  /** 401: a token the server does not know for this project. */
  | { kind: 'invalid' }
  | { kind: 'notFound' }

/** The refusal behind an HTTP status and error code (server/workflow/Workflow.ts); null if none. */
export function problemFromCode(status: number, code: ApiErrorCode | null | undefined): AccessProblem | null {
  if (code === 'link_revoked') return { kind: 'revoked' }
  if (code === 'link_expired') return { kind: 'expired' }
  if (status === 404) return { kind: 'notFound' }
  if (status === 401) return { kind: 'invalid' }
  // A 403 without a known code: the link no longer opens this project; say so like a withdrawn link.
  if (status === 403) return { kind: 'revoked' }
  return null
}
