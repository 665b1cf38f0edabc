/**
 * Writing answers: JSON bodies (with the API's policy headers), plain text, and errors in the
 * `ApiError` shape of src/shared/api.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import zlib from 'node:zlib'
import type { ApiError } from '../../src/shared/api.js'
import type { ErrorCode } from '../../src/shared/errorCodes.js'
import { acceptedEncodings, type Encoding } from './contentEncoding.js'
import { API_CSP } from './securityHeaders.js'

/**
 * JSON answers at least this big are compressed for a client that accepts it (a project's
 * participation with many needs and comments: tens of KB, ~5× smaller). Smaller ones are not worth
 * the CPU: they fit in a few packets either way.
 */
const COMPRESS_JSON_MIN_BYTES = 4096
/** Above this an answer goes uncompressed: compressing it in the same tick would hold up every board. */
const COMPRESS_JSON_MAX_BYTES = 256 * 1024

/**
 * Compressed synchronously, at a fast level: an answer of our size takes ~1 ms, and doing it in the
 * same tick keeps sendJson's promise that the answer is complete when it returns (callers and
 * error handlers rely on `res.headersSent` being true afterwards).
 */
function compress(bytes: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'br') {
    return zlib.brotliCompressSync(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    })
  }
  return zlib.gzipSync(bytes, { level: 6 })
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  let bytes: Buffer = Buffer.from(JSON.stringify(body))
  const encoding = bytes.length >= COMPRESS_JSON_MIN_BYTES && bytes.length <= COMPRESS_JSON_MAX_BYTES ? acceptedEncodings(res.req?.headers['accept-encoding'])[0] : undefined
  if (encoding) bytes = compress(bytes, encoding)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(bytes.length),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': API_CSP,
    // Whether an answer is compressed depends on the request's Accept-Encoding as well as its size.
    Vary: 'Accept-Encoding',
    ...(encoding && { 'Content-Encoding': encoding }),
    ...headers,
  })
  res.end(bytes)
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
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
