/**
 * The project side of the town's workspace (docs/api.md, "Workspaces"), from inside a project board:
 * what its needs were matched to (every link of the project), and, for its organizer, the workspace's
 * resources to match them to, matching, unmatching and leaving the workspace.
 */
import type { Strings } from '../i18n/lang'
import { ApiRequestError, requestJson, requestOk, type RequestOptions } from '../net/api'
import { isMatchedResources, isProjectWorkspaceSide, type MatchedResources, type ProjectWorkspaceSide } from '../shared/workspaceApi'

const path = (projectId: string, rest: string) => `/api/projects/${encodeURIComponent(projectId)}${rest}`
const seg = encodeURIComponent
const init = (token: string, method: string, body?: unknown): RequestInit => ({
  method,
  headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
  ...(body !== undefined && { body: JSON.stringify(body) }),
})

/** Any link of the project: the resources matched to the needs this person sees. */
export function getMatchedResources(projectId: string, token: string, opts: RequestOptions): Promise<MatchedResources> {
  return requestJson(path(projectId, '/matched-resources'), init(token, 'GET'), isMatchedResources, opts)
}

/** The organizer: the project's workspace (null when in none) with its resources and the matches. */
export function getProjectWorkspace(projectId: string, token: string, opts: RequestOptions): Promise<ProjectWorkspaceSide> {
  return requestJson(path(projectId, '/workspace'), init(token, 'GET'), isProjectWorkspaceSide, opts)
}

export async function matchResource(projectId: string, token: string, needId: string, resourceId: string, opts: RequestOptions): Promise<void> {
  await requestOk(path(projectId, `/needs/${seg(needId)}/resources`), init(token, 'POST', { resourceId }), opts)
}

export async function unmatchResource(projectId: string, token: string, needId: string, resourceId: string, opts: RequestOptions): Promise<void> {
  await requestOk(path(projectId, `/needs/${seg(needId)}/resources/${seg(resourceId)}`), init(token, 'DELETE'), opts)
}

export async function leaveWorkspace(projectId: string, token: string, opts: RequestOptions): Promise<void> {
  await requestOk(path(projectId, '/workspace'), init(token, 'DELETE'), opts)
}

/** A refused workspace call in plain words: the workspace's own codes worded in t.workspace.errors, anything else as the call said it. */
export function workspaceCallError(err: unknown, t: Strings): string {
  const words: Record<string, string> = t.workspace.errors
  if (err instanceof ApiRequestError && err.code && Object.prototype.hasOwnProperty.call(words, err.code)) return words[err.code]
  return err instanceof Error ? err.message : t.errors.network
}
