/**
 * The browser's calls to the export and import routes (src/shared/exportApi.ts, docs/api.md "Export
 * and import"). Files come back as a Blob with the name the server suggested; every failure is an
 * ApiRequestError a person can read, as in src/net/api.ts.
 */
import { ApiRequestError, requestJson, requestOk, type RequestOptions } from '../net/api'
import { isImportProjectResponse, type CsvKind, type ExportLang, type ImportProjectResponse, type ReportRequest } from '../shared/exportApi'
import { fileNameFromContentDisposition, safeFileName } from './contentDisposition'

export interface DownloadedFile {
  blob: Blob
  fileName: string
  /** The answer's headers (what the server says about the file besides its bytes). */
  headers: Headers
}

export interface DownloadOptions extends RequestOptions {
  /** Bytes received so far, and the total when the server said it. */
  onProgress?: (received: number, total: number | null) => void
}

export interface ExportCaller {
  projectId: string
  token: string
}

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/export`

async function readBlob(res: Response, opts: DownloadOptions): Promise<Blob> {
  const type = res.headers.get('content-type') ?? ''
  const total = Number(res.headers.get('content-length')) || null
  if (!res.body || !opts.onProgress) return res.blob()
  const reader = res.body.getReader()
  const chunks: BlobPart[] = []
  let received = 0
  opts.onProgress(0, total)
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    received += value.byteLength
    opts.onProgress(received, total)
  }
  return new Blob(chunks, { type })
}

/** GET/POST a file; `fallbackName` when the server suggests none. */
async function fetchFile(path: string, init: RequestInit, fallbackName: string, opts: DownloadOptions): Promise<DownloadedFile> {
  const res = await requestOk(path, init, opts)
  const suggested = fileNameFromContentDisposition(res.headers.get('content-disposition'))
  try {
    return { blob: await readBlob(res, opts), fileName: safeFileName(suggested ?? '', fallbackName), headers: res.headers }
  } catch (err) {
    // The connection broke half way through the file.
    if (opts.signal?.aborted) throw err
    throw new ApiRequestError(opts.t.errors.network, 0, null)
  }
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` })

export function csvUrl(projectId: string, kind: CsvKind, lang: ExportLang): string {
  return `${base(projectId)}/${kind}.csv?lang=${encodeURIComponent(lang)}`
}

export function downloadCsv(caller: ExportCaller, kind: CsvKind, lang: ExportLang, fallbackName: string, opts: DownloadOptions): Promise<DownloadedFile> {
  return fetchFile(csvUrl(caller.projectId, kind, lang), { headers: auth(caller.token) }, fallbackName, opts)
}

export function downloadArchive(caller: ExportCaller, fallbackName: string, opts: DownloadOptions): Promise<DownloadedFile> {
  return fetchFile(`${base(caller.projectId)}/archive`, { headers: auth(caller.token) }, fallbackName, opts)
}

export function requestReport(caller: ExportCaller, body: ReportRequest, fallbackName: string, opts: DownloadOptions): Promise<DownloadedFile> {
  return fetchFile(
    `${base(caller.projectId)}/report`,
    { method: 'POST', headers: { ...auth(caller.token), 'content-type': 'application/json', accept: 'application/pdf' }, body: JSON.stringify(body) },
    fallbackName,
    opts,
  )
}

/** POST a project archive (ZIP bytes) to make the project on this server; no token needed. */
export function importProject(archive: Blob, opts: RequestOptions): Promise<ImportProjectResponse> {
  return requestJson('/api/projects/import', { method: 'POST', headers: { 'content-type': 'application/zip' }, body: archive }, isImportProjectResponse, opts)
}
