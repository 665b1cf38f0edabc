/** The browser's calls to the workspace API (src/shared/workspaceApi.ts, docs/api.md "Workspaces"). */
import { requestJson, requestOk, type RequestOptions } from '../net/api'
import { isObject } from '../shared/guards'
import {
  isBoardLinkResponse, isCreateWorkspaceResponse, isProjectWorkspaceSide, isWeeklyChanges, isWorkspaceLists, isWorkspaceOverview, isWorkspaceState,
  type BoardLinkResponse, type CreateWorkspaceResponse, type ListEntry, type WeeklyChanges, type WorkspaceLists,
  type ProjectWorkspaceSide, type WorkspaceOverview, type WorkspaceState,
} from '../shared/workspaceApi'

const json = (token: string | null, method: string, body?: unknown): RequestInit => ({
  method,
  headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
  body: body === undefined ? undefined : JSON.stringify(body),
})
const base = (id: string) => `/api/workspaces/${encodeURIComponent(id)}`
const isAny = (v: unknown): v is Record<string, unknown> => isObject(v)

export function createWorkspace(name: string, opts: RequestOptions): Promise<CreateWorkspaceResponse> {
  return requestJson('/api/workspaces', json(null, 'POST', { name }), isCreateWorkspaceResponse, opts)
}

export function getWorkspace(id: string, token: string, opts: RequestOptions): Promise<WorkspaceState> {
  return requestJson(base(id), json(token, 'GET'), isWorkspaceState, opts)
}

export function updateWorkspace(id: string, token: string, body: { name?: string; overdueDays?: number }, opts: RequestOptions): Promise<WorkspaceState> {
  return requestJson(base(id), json(token, 'PATCH', body), isWorkspaceState, opts)
}

export function renewBoardLink(id: string, token: string, opts: RequestOptions): Promise<BoardLinkResponse> {
  return requestJson(`${base(id)}/board-link`, json(token, 'POST'), isBoardLinkResponse, opts)
}

export function getOverview(id: string, token: string, opts: RequestOptions): Promise<WorkspaceOverview> {
  return requestJson(`${base(id)}/overview`, json(token, 'GET'), isWorkspaceOverview, opts)
}

export function getWeekly(id: string, token: string, since: number, opts: RequestOptions): Promise<WeeklyChanges> {
  return requestJson(`${base(id)}/weekly?since=${since}`, json(token, 'GET'), isWeeklyChanges, opts)
}

export function getLists(id: string, token: string, opts: RequestOptions): Promise<WorkspaceLists> {
  return requestJson(`${base(id)}/lists`, json(token, 'GET'), isWorkspaceLists, opts)
}

export type EntryBody = Pick<ListEntry, 'side' | 'kind' | 'name' | 'description' | 'amount' | 'contact' | 'community'>

export function addEntry(id: string, token: string, body: EntryBody, opts: RequestOptions): Promise<Record<string, unknown>> {
  return requestJson(`${base(id)}/lists`, json(token, 'POST', body), isAny, opts)
}

export function updateEntry(id: string, token: string, entryId: string, body: Omit<EntryBody, 'side'>, opts: RequestOptions): Promise<Record<string, unknown>> {
  return requestJson(`${base(id)}/lists/${encodeURIComponent(entryId)}`, json(token, 'PATCH', body), isAny, opts)
}

export async function removeEntry(id: string, token: string, entryId: string, opts: RequestOptions): Promise<void> {
  await requestOk(`${base(id)}/lists/${encodeURIComponent(entryId)}`, json(token, 'DELETE'), opts)
}

export async function attachProject(id: string, token: string, projectId: string, organizerToken: string, opts: RequestOptions): Promise<void> {
  await requestOk(`${base(id)}/attach`, json(token, 'POST', { projectId, organizerToken }), opts)
}

/** A CSV of the workspace as a Blob (fetched with the token: a plain link cannot carry it). */
export async function downloadCsv(id: string, token: string, kind: 'overview' | 'weekly' | 'lists', query: string, opts: RequestOptions): Promise<Blob> {
  const res = await requestOk(`${base(id)}/export/${kind}.csv?${query}`, json(token, 'GET'), opts)
  return res.blob()
}

export function getProjectSide(projectId: string, organizerToken: string, opts: RequestOptions): Promise<ProjectWorkspaceSide> {
  return requestJson(`/api/projects/${encodeURIComponent(projectId)}/workspace`, json(organizerToken, 'GET'), isProjectWorkspaceSide, opts)
}

export async function matchNeed(projectId: string, organizerToken: string, needId: string, resourceId: string, opts: RequestOptions): Promise<void> {
  await requestOk(`/api/projects/${encodeURIComponent(projectId)}/needs/${encodeURIComponent(needId)}/resources`, json(organizerToken, 'POST', { resourceId }), opts)
}
