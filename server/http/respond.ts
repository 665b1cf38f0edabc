/**
 * Writing answers: JSON bodies (with the API's policy headers), plain text, and errors in the
 * `ApiError` shape of src/shared/api.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ApiError } from '../../src/shared/api.js'
import { API_CSP } from './securityHeaders.js'

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': API_CSP,
    ...headers,
  })
  res.end(text)
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body: ApiError = { error: message, code }
  sendJson(res, status, body, headers)
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': API_CSP,
    ...headers,
  })
  res.end(text)
}

/** True for a browser navigation (a person looking at the page), false for fetch() and tools. */
export function wantsHtml(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes('text/html')
}
