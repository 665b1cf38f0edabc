/**
 * The browser's HTTP client for our server (routes in docs/protocol.md, shapes in src/shared/api.ts).
 * Every failure becomes an `ApiRequestError` whose message a person can read, in their language.
 */
import {
  isBoardInfo,
  isClientConfig,
  isUploadedAsset,
  type BoardInfo,
  type ClientConfig,
  type CreateBoardRequest,
  type UploadedAsset,
} from '../shared/api'
import { isErrorCode, type ErrorCode } from '../shared/errorCodes'
import { isObject, isString, type Guard } from '../shared/guards'
import { format, type Strings } from '../i18n/lang'
import { takeEarlyAnswer } from './earlyAnswers'

/**
 * The codes an `ApiRequestError` can carry: the server's, and the one this client gives an answer it
 * cannot use (a success whose body is not the shape the route promises, or not JSON at all).
 */
export type ApiErrorCode = ErrorCode | 'bad_response'

/** What an error answer said, as far as it is readable. */
export interface ErrorBody {
  code?: ApiErrorCode
  error?: string
}

export class ApiRequestError extends Error {
  /** HTTP status, or 0 when the server could not be reached at all. */
  readonly status: number
  /** The server's stable error code, when it sent one we know (or 'bad_response', see ApiErrorCode). */
  readonly code: ApiErrorCode | null
  /** The server's own (English) sentence, kept so the message can be re-worded in another language. */
  readonly serverMessage: string | null

  constructor(message: string, status: number, body: ErrorBody | null) {
    super(message)
    this.name = 'ApiRequestError'
    this.status = status
    this.code = body?.code ?? null
    this.serverMessage = body?.error ?? null
  }

  /** The same failure described for another language (after the language was switched). */
  describe(t: Strings, lang: string): string {
    return describeFailure(t, lang, this.status, this.serverMessage ? { error: this.serverMessage } : null)
  }

  get isNetworkError(): boolean {
    return this.status === 0
  }
}

/**
 * Turn a status (and the server's English message) into a sentence for this person. Chinese readers
 * get our wording for the status; English readers get the server's own sentence when it sent one,
 * since it is specific ("Board name must be at most 120 characters").
 */
export function describeFailure(t: Strings, lang: string, status: number, body: ErrorBody | null): string {
  if (status === 0) return t.errors.network
  if (lang === 'en' && typeof body?.error === 'string' && body.error.trim()) return body.error
  if (status === 404) return t.errors.notFound
  if (status === 413) return t.errors.tooLarge
  if (status === 415) return t.upload.wrongType
  if (status === 429) return t.errors.tooMany
  if (status >= 400 && status < 500) return t.errors.badRequest
  if (status >= 500) return t.errors.server
  return format(t.errors.unknown, { status })
}

/** An error answer's code and sentence; what is missing or not of its type is left out. */
async function readErrorBody(res: Response): Promise<ErrorBody | null> {
  let body: unknown
  try {
    body = await res.json()
  } catch {
    return null
  }
  if (!isObject(body)) return null
  return {
    // A code this client does not know (a newer server's) is read as none: the status words it.
    ...(isErrorCode(body.code) && { code: body.code }),
    ...(isString(body.error) && { error: body.error }),
  }
}

/**
 * The failure for an answer that came with success but cannot be used: worded like a server
 * error (there is nothing the person can fix), with the code `bad_response` for whoever looks.
 */
export function badResponse(opts: RequestOptions): ApiRequestError {
  return new ApiRequestError(opts.t.errors.server, 502, { code: 'bad_response' })
}

export interface RequestOptions {
  t: Strings
  lang: string
  signal?: AbortSignal
}

/** How long a prefetched answer stays usable; after that a request asks the server afresh. */
const PREFETCH_MAX_AGE_MS = 10_000

const prefetched = new Map<string, { response: Promise<Response>; at: number }>()

/** Prefetched answers are kept per path and credentials: an answer is only ever handed to a request with the same token. */
const prefetchKey = (path: string, authorization: string | null) => `${authorization ?? ''} ${path}`

/**
 * Start a GET of `path` now, before the code that will ask for it has even loaded (src/app/boot.ts:
 * a board page needs /api/config and /api/boards/<id>, and would otherwise only ask once tldraw's
 * chunk has arrived and run). The next GET request of that path with the same token takes this
 * answer, once. Returns the answer, for boot.ts to look into (read a clone: the body is the taker's).
 */
export function prefetch(path: string, token?: string): Promise<Response> {
  const authorization = token ? `Bearer ${token}` : null
  const key = prefetchKey(path, authorization)
  const known = prefetched.get(key)
  if (known) return known.response
  const headers: Record<string, string> = { accept: 'application/json' }
  if (authorization) headers.authorization = authorization
  // Asked for even earlier by the page preload script, with the same credentials (earlyAnswers.ts).
  const response = takeEarlyAnswer(key) ?? fetch(path, { headers })
  // Not a failure of its own: the request that takes this answer meets it (and words it).
  response.catch(() => undefined)
  prefetched.set(key, { response, at: performance.now() })
  return response
}

/** Whether a GET of `path` with `token` would be answered from a prefetch (one still fresh). */
export function hasPrefetched(path: string, token?: string): boolean {
  const entry = prefetched.get(prefetchKey(path, token ? `Bearer ${token}` : null))
  return !!entry && performance.now() - entry.at <= PREFETCH_MAX_AGE_MS
}

/** The prefetched answer for a GET of `path`, if one is fresh enough; it is handed out once. */
function takePrefetched(path: string, init: RequestInit): Promise<Response> | null {
  if ((init.method ?? 'GET') !== 'GET') return null
  // Security decision: the key holds the request's own Authorization, so an answer fetched with one
  // token never reaches a request made with another (or none).
  const key = prefetchKey(path, new Headers(init.headers).get('authorization'))
  const entry = prefetched.get(key)
  if (!entry) return null
  prefetched.delete(key)
  // A page reached much later (a client-side navigation back to the board) gets current data.
  return performance.now() - entry.at <= PREFETCH_MAX_AGE_MS ? entry.response : null
}

/** Resolves with `response`, or rejects as `fetch` would once `signal` aborts first. */
function untilAborted(response: Promise<Response>, signal: AbortSignal | undefined): Promise<Response> {
  if (!signal) return response
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    response.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/**
 * fetch with readable errors: resolves only with a successful response. `fetch` rejects only when
 * the network fails (status 0); an error status becomes the server's message, worded for this person.
 */
export async function requestOk(path: string, init: RequestInit, opts: RequestOptions): Promise<Response> {
  let res: Response
  try {
    const early = takePrefetched(path, init)
    res = await (early ? untilAborted(early, opts.signal) : fetch(path, { ...init, signal: opts.signal }))
  } catch (err) {
    // An abort is the caller's own decision, not a failure to report.
    if (opts.signal?.aborted) throw err
    throw new ApiRequestError(opts.t.errors.network, 0, null)
  }
  if (!res.ok) {
    const body = await readErrorBody(res)
    throw new ApiRequestError(describeFailure(opts.t, opts.lang, res.status, body), res.status, body)
  }
  return res
}

/**
 * requestOk + JSON, checked against the shape the route promises (`isAnswer`, defined next to the
 * shape in src/shared) before anyone reads it: an answer of another shape (a proxy's page, a server
 * of another version) fails here as `bad_response`, not deep in a component.
 */
export async function requestJson<T>(path: string, init: RequestInit, isAnswer: Guard<T>, opts: RequestOptions): Promise<T> {
  const res = await requestOk(path, { ...init, headers: { accept: 'application/json', ...init.headers } }, opts)
  let body: unknown
  try {
    body = await res.json()
  } catch (err) {
    // An abort while the body was still coming is the caller's own decision, as in requestOk.
    if (opts.signal?.aborted) throw err
    throw badResponse(opts)
  }
  if (!isAnswer(body)) throw badResponse(opts)
  return body
}

export function createBoard(name: string, opts: RequestOptions): Promise<BoardInfo> {
  const body: CreateBoardRequest = { name }
  return requestJson(
    '/api/boards',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    isBoardInfo,
    opts,
  )
}

/** The board's info, or null when the server says it does not exist. */
export async function getBoard(boardId: string, opts: RequestOptions): Promise<BoardInfo | null> {
  try {
    return await requestJson(`/api/boards/${encodeURIComponent(boardId)}`, { method: 'GET' }, isBoardInfo, opts)
  } catch (err) {
    if (err instanceof ApiRequestError && err.status === 404) return null
    throw err
  }
}

export function getClientConfig(opts: RequestOptions): Promise<ClientConfig> {
  return requestJson('/api/config', { method: 'GET' }, isClientConfig, opts)
}

/**
 * Upload raw image bytes; the server sniffs the type itself and answers with the asset's URL.
 * `token`: a project board's personal token, sent as `Authorization: Bearer …`; the server then
 * accepts the upload only from a role that may draw now.
 */
export function uploadAsset(boardId: string, file: Blob, opts: RequestOptions, token?: string): Promise<UploadedAsset> {
  const headers: Record<string, string> = { 'content-type': file.type || 'application/octet-stream' }
  if (token) headers.authorization = `Bearer ${token}`
  return requestJson(`/api/boards/${encodeURIComponent(boardId)}/assets`, { method: 'POST', headers, body: file }, isUploadedAsset, opts)
}
