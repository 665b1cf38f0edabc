/**
 * The workspace links this device holds (localStorage): opened once from `/w/<id>#<token>`, the token
 * is kept here and the address bar shows `/w/<id>` only, so a projected or shared screen never shows
 * it. The manager's token is also what the new-project page sends to make a project inside
 * (createProjectIn). Here in src/projects, which src/workspace uses: the project pages need both.
 */
import { readJson, writeJson } from '../device/localStore'
import { requestJson, type RequestOptions } from '../net/api'
import { isCreateProjectResponse, type CreateProjectRequest, type CreateProjectResponse } from '../shared/projectApi'
import { isWorkspaceRole, type WorkspaceRole } from '../shared/workspaceApi'

const KEY = 'workspaces'

export interface WorkspaceAccess {
  token: string
  role: WorkspaceRole | null
  name: string
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/

function readAll(): Record<string, WorkspaceAccess> {
  const raw = readJson(KEY)
  if (typeof raw !== 'object' || raw === null) return {}
  const out: Record<string, WorkspaceAccess> = {}
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
    const e = v as Partial<WorkspaceAccess> | null
    if (e && typeof e.token === 'string' && TOKEN.test(e.token)) {
      out[id] = { token: e.token, role: isWorkspaceRole(e.role) ? e.role : null, name: typeof e.name === 'string' ? e.name : '' }
    }
  }
  return out
}

export function getWorkspaceAccess(workspaceId: string): WorkspaceAccess | undefined {
  return readAll()[workspaceId]
}

export function saveWorkspaceAccess(workspaceId: string, access: WorkspaceAccess): void {
  writeJson(KEY, { ...readAll(), [workspaceId]: access })
}

export function forgetWorkspaceAccess(workspaceId: string): void {
  const all = readAll()
  delete all[workspaceId]
  writeJson(KEY, all)
}

/** The token in `#<token>` of the address, if it looks like one. */
export function workspaceTokenFromHash(hash: string): string | null {
  let token: string
  try {
    token = decodeURIComponent(hash.replace(/^#/, ''))
  } catch {
    return null
  }
  return TOKEN.test(token) ? token : null
}

/** POST /api/workspaces/<id>/projects: a new project inside the workspace (its manager's token). */
export function createProjectIn(workspaceId: string, token: string, body: CreateProjectRequest, opts: RequestOptions): Promise<CreateProjectResponse> {
  return requestJson(`/api/workspaces/${encodeURIComponent(workspaceId)}/projects`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  }, isCreateProjectResponse, opts)
}
