/**
 * Shared pieces of the workflow tests: JSON calls to the projects API, a project with role links,
 * uploads with a link token, and a reader for the project event stream.
 */
import http from 'node:http'
import type { Role } from '../../src/shared/workflow.js'
import { waitFor } from './syncTestKit.js'

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

/** Upload image bytes to a board, with a link token if given. */
export async function uploadAsset(baseUrl: string, boardId: string, bytes: Uint8Array, token?: string): Promise<ApiAnswer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' }
  if (token) headers.Authorization = `Bearer ${token}`
  const res = await fetch(`${baseUrl}/api/boards/${boardId}/assets`, { method: 'POST', headers, body: new Uint8Array(bytes) })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) as Record<string, unknown> : {} }
}

export interface StreamEvent {
  event: string
  data: Record<string, unknown>
}

/** A project event stream read with a raw http.get, the way a proxy or EventSource sees it. */
export interface EventReader {
  status: number
  headers: http.IncomingHttpHeaders
  /** For a refused stream: the JSON error body. */
  body: Record<string, unknown>
  events: StreamEvent[]
  comments: string[]
  /** The server ended the response (or the connection went). */
  readonly ended: boolean
  /** The response ended properly (its last chunk arrived), rather than the connection being cut. */
  readonly endedCleanly: boolean
  /** The next event not yet returned by next() (waits for it). */
  next(what?: string): Promise<StreamEvent>
  close(): void
}

const readers = new Set<EventReader>()

export function openEvents(baseUrl: string, projectId: string, token?: string): Promise<EventReader> {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseUrl}/api/projects/${projectId}/events${query}`, { agent: false }, (res) => {
      let ended = false
      let endedCleanly = false
      let cursor = 0
      let buffer = ''
      const reader: EventReader = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: {},
        events: [],
        comments: [],
        get ended() { return ended },
        get endedCleanly() { return endedCleanly },
        async next(what = 'an event') {
          await waitFor(() => reader.events.length > cursor || ended, `stream: ${what}`)
          if (reader.events.length <= cursor) throw new Error(`stream ended while waiting for ${what}`)
          return reader.events[cursor++]
        },
        close() {
          readers.delete(reader)
          req.destroy()
        },
      }
      readers.add(reader)
      res.setEncoding('utf8')
      const finish = () => { ended = true }
      res.on('end', () => {
        endedCleanly = true
        finish()
      })
      res.on('close', finish)
      res.on('error', finish)
      if (reader.status !== 200) {
        res.on('data', (chunk: string) => { buffer += chunk })
        res.on('end', () => {
          reader.body = buffer ? JSON.parse(buffer) as Record<string, unknown> : {}
          resolve(reader)
        })
        return
      }
      res.on('data', (chunk: string) => {
        buffer += chunk
        let at: number
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at)
          buffer = buffer.slice(at + 2)
          const lines = block.split('\n')
          if (lines.every((l) => l.startsWith(':'))) {
            reader.comments.push(...lines.map((l) => l.slice(1).trim()))
            continue
          }
          const field = (name: string) => lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).trimStart())
          const data = field('data').join('\n')
          if (!data) continue
          reader.events.push({ event: field('event')[0] ?? 'message', data: JSON.parse(data) as Record<string, unknown> })
        }
      })
      resolve(reader)
    })
    req.on('error', reject)
  })
}

export function closeAllStreams(): void {
  for (const r of readers) r.close()
}
