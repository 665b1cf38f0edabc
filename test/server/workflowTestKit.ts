/** Shared pieces of the workflow tests: JSON calls to the projects API and a project with role links. */
import type { Role } from '../../src/shared/workflow.js'

export interface ApiAnswer {
  status: number
  body: Record<string, unknown>
}

export async function api(baseUrl: string, method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = {}
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(baseUrl + path, {
    method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) as Record<string, unknown> : {} }
}

export interface TestProject {
  projectId: string
  organizerToken: string
}

export async function createProject(baseUrl: string): Promise<TestProject> {
  const res = await api(baseUrl, 'POST', '/api/projects', {
    body: { name: '学林苑中心花园改造', site: '学林苑 3 号楼南侧', area: '学林苑小区', brief: '把闲置的中心花园变成老人和孩子都能用的地方' },
  })
  if (res.status !== 201) throw new Error(`create project: ${res.status} ${JSON.stringify(res.body)}`)
  return { projectId: res.body.projectId as string, organizerToken: res.body.organizerToken as string }
}

export async function createLink(baseUrl: string, p: TestProject, role: Role, extra: Record<string, unknown> = {}): Promise<{ linkId: string; token: string }> {
  const res = await api(baseUrl, 'POST', `/api/projects/${p.projectId}/links`, { token: p.organizerToken, body: { role, ...extra } })
  if (res.status !== 201) throw new Error(`create link: ${res.status} ${JSON.stringify(res.body)}`)
  return { linkId: res.body.linkId as string, token: res.body.token as string }
}

export async function moveStage(baseUrl: string, p: TestProject, from: string, to: string): Promise<ApiAnswer> {
  return api(baseUrl, 'POST', `/api/projects/${p.projectId}/stage`, { token: p.organizerToken, body: { from, to } })
}
