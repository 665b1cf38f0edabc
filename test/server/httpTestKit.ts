/**
 * Shared pieces of the HTTP tests: a raw HTTP client that sends the path exactly as written (fetch
 * would normalise `..` away, which is the very thing the traversal tests must send), real image
 * bytes of each allowed type, and board creation through the API.
 */
import http from 'node:http'
import type { BoardInfo } from '../../src/shared/api.js'

export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
  text: string
  json<T = Record<string, unknown>>(): T
}

export interface RawRequest {
  method?: string
  headers?: Record<string, string>
  body?: Uint8Array | string
}

/** One request on its own connection, path sent byte for byte as given. */
export function request(baseUrl: string, path: string, init: RawRequest = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: hostname, port, path, method: init.method ?? 'GET', headers: init.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          const body = Buffer.concat(chunks)
          const text = body.toString('utf8')
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json: () => JSON.parse(text) })
        })
      },
    )
    req.on('error', reject)
    req.end(init.body)
  })
}

export function postJson(baseUrl: string, path: string, value: unknown): Promise<RawResponse> {
  return request(baseUrl, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
  })
}

export async function createBoardViaApi(baseUrl: string, name = 'Courtyard'): Promise<BoardInfo> {
  const res = await postJson(baseUrl, '/api/boards', { name })
  if (res.status !== 201) throw new Error(`board creation failed: ${res.status} ${res.text}`)
  return res.json<BoardInfo>()
}

export function upload(baseUrl: string, boardId: string, bytes: Uint8Array | string, contentType = 'application/octet-stream'): Promise<RawResponse> {
  return request(baseUrl, `/api/boards/${boardId}/assets`, { method: 'POST', headers: { 'content-type': contentType }, body: bytes })
}

/** Every error body is an ApiError: a sentence and a stable code, never a stack trace. */
export function expectApiError(res: RawResponse, status: number, code: string): string {
  if (res.status !== status) throw new Error(`expected ${status} ${code}, got ${res.status}: ${res.text}`)
  if (!String(res.headers['content-type']).startsWith('application/json')) {
    throw new Error(`expected a JSON error, got ${res.headers['content-type']}: ${res.text}`)
  }
  const body = res.json<{ error: unknown; code: unknown }>()
  if (body.code !== code) throw new Error(`expected code ${code}, got ${String(body.code)}: ${body.error as string}`)
  if (typeof body.error !== 'string' || body.error.length < 10) throw new Error(`unhelpful message: ${res.text}`)
  if (/\n\s+at |node:internal|\.ts:\d+/.test(res.text)) throw new Error(`stack trace leaked: ${res.text}`)
  return body.error
}

const b64 = (s: string) => Buffer.from(s, 'base64')

/** Tiny images that Chromium decodes (checked with createImageBitmap when they were made). */
export const IMAGES = {
  png: b64('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  jpg: b64(
    '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/' +
    '2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAFQAB' +
    'AQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAgT/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIR' +
    'AxEAPwCWAKF//9k=',
  ),
  webp: b64('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=='),
  gif: b64('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=='),
} as const

export const CONTENT_TYPE_BY_EXT = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' } as const

export const SVG = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>'
export const HTML = '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'
