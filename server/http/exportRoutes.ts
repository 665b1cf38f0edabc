/**
 * Export and import (docs/api.md, "Export and import"; shapes in src/shared/exportApi.ts):
 * - GET  /api/projects/:id/export/needs.csv | votes.csv | comments.csv   spreadsheets
 * - POST /api/projects/:id/export/report                                  PDF report
 * - GET  /api/projects/:id/export/archive                                 whole project as a ZIP
 * - POST /api/projects/import                                             restore an archive (no token)
 * Exports need a Bearer token of a role that may 'export' now (organizer and committee, every stage).
 */
import type { IncomingMessage } from 'node:http'
import path from 'node:path'
import type { SqlDb } from '../storage/sql/SqlDb.js'
import { isObject, literal } from '../../src/shared/guards.js'
import { format } from '../../src/shared/i18n/messages.js'
import {
  CSV_KINDS, DEFAULT_EXPORT_LANG, DEFAULT_REPORT_PAPER, EXPORT_LANGS, exportFileName, PAGE_COORDINATE_MAX, REPORT_PAPER_SIZE,
  REPORT_PAPERS, REPORT_SVG_MAX_BYTES, type CsvKind, type ExportLang, type ImportProjectResponse, type PageBounds, type ReportPaper,
} from '../../src/shared/exportApi.js'
import type { Config } from '../config.js'
import type { AssetStore } from '../storage/AssetStore.js'
import { buildCsv } from '../export/csvExports.js'
import { ExportError } from '../export/ExportError.js'
import { EXPORT_TEXT } from '../export/exportText.js'
import { DEFAULT_TIME_ZONE, validTimeZone } from '../export/exportTime.js'
import { importArchive, type ImportsInProgress } from '../export/importArchive.js'
import { gatherReportInput } from '../export/reportInput.js'
import { checkReportSvg } from '../export/reportSvg.js'
import type { ReportRunner } from '../export/runReport.js'
import { writeArchive } from '../export/writeArchive.js'
import { documentFor } from '../participation/moderatedView.js'
import type { Participation } from '../participation/Participation.js'
import { withholdsFrom } from '../participation/privateActions.js'
import type { Access, Workflow } from '../workflow/Workflow.js'
import { ensureBoardCapacity } from './boardCapacity.js'
import { formatMegabytes, HttpError } from './HttpError.js'
import { authenticate } from './projectRequest.js'
import { readBody } from './readBody.js'
import { sendJson } from './respond.js'
import type { Handler, Route } from './router.js'
import { API_CSP } from './securityHeaders.js'

export interface ExportDeps {
  config: Config
  workflow: Workflow
  participation: Participation
  /** The shared SQLite database (archive rows are read and restored table by table). */
  db: SqlDb
  /** The board's full state as one Yjs update (SyncServer.boardState). */
  boardState: (boardId: string) => Promise<Uint8Array>
  /** This server's report queue. */
  reports: ReportRunner
  /** This server's archive imports in progress. */
  importing: ImportsInProgress
  /** The uploaded images (reports show them, archives carry them). */
  assets: AssetStore
}

/** The body of a report request: two SVGs at their limit and a few small fields. */
const REPORT_BODY_MAX_BYTES = 2 * REPORT_SVG_MAX_BYTES + 64 * 1024
const OPTION_ID = /^[A-Za-z0-9_-]{1,64}$/

export function exportRoutes(deps: ExportDeps): Route[] {
  const { config, workflow, participation } = deps

  const csv = (kind: CsvKind): Handler => ({ req, res, params }) => {
    const { project, link, participant } = authorizeExport(req, workflow, params.id)
    const query = queryOf(req)
    const lang = readLang(query.get('lang'))
    const timeZone = readTimeZone(query.get('tz'))
    // Security: what the exporter's own screen shows, so a private period's items stay withheld; as a
    // public document (documentFor): no hidden item and every phone and ID-card number masked.
    const body = buildCsv(kind, participation.stateFor(project.id, documentFor({ participantId: participant?.id ?? null, role: link.role })), lang, timeZone)
    const bytes = Buffer.from(body, 'utf8')
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Length': String(bytes.length),
      'Content-Disposition': attachment(project.name, `${kind}.csv`),
      'Cache-Control': 'no-store',
      'Content-Security-Policy': API_CSP,
    })
    res.end(bytes)
  }

  const report: Handler = async ({ req, res, params }) => {
    const { project, link, participant } = authorizeExport(req, workflow, params.id)
    const mediaType = (req.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase()
    if (mediaType !== 'application/json') {
      throw new HttpError(415, 'unsupported_media_type', 'Send the report request as JSON with the header Content-Type: application/json.')
    }
    const raw = await readBody(req, REPORT_BODY_MAX_BYTES, () => new HttpError(413, 'report_request_too_large',
      `The report request is larger than ${formatMegabytes(REPORT_BODY_MAX_BYTES)}; each drawing may be at most ${formatMegabytes(REPORT_SVG_MAX_BYTES)}.`))
    let body: unknown
    try {
      body = raw.length === 0 ? {} : JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw))
    } catch {
      throw new HttpError(400, 'invalid_json', 'Send the report request as a JSON object: { "lang", "paper", "optionSvg"?, "boardSvg"? }.')
    }
    if (!isObject(body)) throw new HttpError(400, 'invalid_json', 'Send the report request as a JSON object.')
    const lang = readLang(body.lang)
    const paper = readPaper(body.paper)
    const timeZone = readTimeZone(body.timeZone)
    if (body.optionId !== undefined && body.optionId !== null && (typeof body.optionId !== 'string' || !OPTION_ID.test(body.optionId))) {
      throw new HttpError(400, 'invalid_optionId', '"optionId" must be the id of one of the project\'s design options, or left out.')
    }
    const optionSvg = checkReportSvg(body.optionSvg, 'optionSvg') ?? null
    const optionBounds = readPageBounds(body.optionBounds)
    const boardSvg = checkReportSvg(body.boardSvg, 'boardSvg') ?? null
    const input = gatherReportInput(workflow, participation, project.id, {
      lang, paper, timeZone, optionSvg, optionBounds, boardSvg, viewer: { participantId: participant?.id ?? null, role: link.role },
      optionId: typeof body.optionId === 'string' ? body.optionId : null,
      boardLink: boardLink(req, config, project.id),
      assets: { projectId: project.id, assetDir: await deps.assets.localDir(project.id), host: hostOf(req) },
      photoCacheDir: path.join(config.dataDir, 'report-cache', project.id),
    })
    const { pdf, droppedImages, missingCharacters } = await deps.reports.run(input)
    res.writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.byteLength),
      // What the file is, in its own language, with its paper: 学林苑-方案报告-A4.pdf, 学林苑-report-A3.pdf.
      'Content-Disposition': attachment(project.name, format(EXPORT_TEXT[lang].reportFile, { paper: REPORT_PAPER_SIZE[paper] }), `report-${REPORT_PAPER_SIZE[paper]}.pdf`),
      'Cache-Control': 'no-store',
      'Content-Security-Policy': API_CSP,
      // How many images of the drawings were left out (not this board's assets, or too big to inline).
      'X-Dropped-Images': String(droppedImages),
      // Characters no font we ship can draw (printed as empty boxes), percent-encoded UTF-8: the
      // browser tells the person which, so a name printed wrong does not go unnoticed.
      'X-Missing-Characters': encodeURIComponent(missingCharacters.join('')),
    })
    res.end(pdf)
  }

  const archive: Handler = async ({ req, res, params }) => {
    const { project, link } = authorizeExport(req, workflow, params.id)
    // Security: the archive carries every row as stored, so while a private period withholds items
    // from this exporter it is refused (a thinned archive would lose people's needs on import).
    if (withholdsFrom(participation, project.id, link.role)) {
      throw new HttpError(409, 'private_period', 'Private mode is on and hides people\'s items from you; reveal it first, then export the archive.')
    }
    await writeArchive({ db: deps.db, assets: deps.assets, boardState: deps.boardState }, project.id, res, {
      'Content-Disposition': attachment(project.name, 'archive.zip'),
      'Content-Security-Policy': API_CSP,
    })
  }

  const importProject: Handler = async ({ req, res }) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
    if (!['application/zip', 'application/x-zip-compressed', 'application/octet-stream'].includes(type)) {
      throw new HttpError(415, 'unsupported_media_type',
        'Send the archive file itself as the request body, with Content-Type: application/zip (the file GET …/export/archive gave you).')
    }
    const bytes = await readBody(req, config.importMaxBytes, () => new HttpError(413, 'archive_too_large',
      `This archive is larger than ${formatMegabytes(config.importMaxBytes)}, the most this server accepts (IMPORT_MAX_BYTES).`))
    if (bytes.length === 0) throw new HttpError(400, 'empty_upload', 'The request body was empty; send the archive file (.zip) as the body.')
    await ensureBoardCapacity(() => deps.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM boards').get()?.n ?? 0, config.maxBoards)
    const projectId = await importArchive({
      db: deps.db, assets: deps.assets, maxBytes: config.importMaxBytes, importing: deps.importing,
      readBack: (id) => {
        workflow.sharedState(id)
        workflow.listParticipants(id)
        participation.stateFor(id)
      },
    }, bytes)
    // A fresh organizer link, so whoever imports can get in without the old tokens.
    const { token } = workflow.createLink(projectId, 'organizer', { label: 'import', expiresAt: null })
    const answer: ImportProjectResponse = { projectId, organizerToken: token, organizerLink: `/join/${projectId}#${token}` }
    sendJson(res, 201, answer, { Location: `/api/projects/${projectId}` })
  }

  return [
    { pattern: '/api/projects/import', methods: { POST: importProject } },
    ...CSV_KINDS.map((kind): Route => ({ pattern: `/api/projects/:id/export/${kind}.csv`, methods: { GET: csv(kind) } })),
    { pattern: '/api/projects/:id/export/report', methods: { POST: report } },
    { pattern: '/api/projects/:id/export/archive', methods: { GET: archive } },
  ].map(answeringRefusals)
}

/** Export's refusals (ExportError) as the HttpError of the same status, code and message; "busy" with its Retry-After. */
function answeringRefusals(route: Route): Route {
  const methods = Object.fromEntries(Object.entries(route.methods).map(([method, handler]): [string, Handler] => [method, async (ctx) => {
    try {
      await handler(ctx)
    } catch (err) {
      if (!(err instanceof ExportError)) throw err
      throw new HttpError(err.status, err.code, err.message, err.retryAfterSeconds === null ? {} : { 'Retry-After': String(err.retryAfterSeconds) })
    }
  }]))
  return { ...route, methods }
}

function authorizeExport(req: IncomingMessage, workflow: Workflow, projectId: string): Access {
  const access = authenticate(req, workflow, projectId)
  if (!workflow.allows(access.link, 'export')) {
    throw new HttpError(403, 'not_allowed', 'Only the organizer and the residents\' committee can export this project; use an organizer or committee link.')
  }
  return access
}

function queryOf(req: IncomingMessage): URLSearchParams {
  return new URLSearchParams((req.url ?? '').split('#', 1)[0].split('?')[1] ?? '')
}

const isExportLang = literal(EXPORT_LANGS)
const isReportPaper = literal(REPORT_PAPERS)

export function readLang(value: unknown): ExportLang {
  if (value === undefined || value === null || value === '') return DEFAULT_EXPORT_LANG
  if (isExportLang(value)) return value
  throw new HttpError(400, 'invalid_lang', `"lang" must be one of ${EXPORT_LANGS.join(', ')}.`)
}

function readPaper(value: unknown): ReportPaper {
  if (value === undefined || value === null || value === '') return DEFAULT_REPORT_PAPER
  if (isReportPaper(value)) return value
  throw new HttpError(400, 'invalid_paper', `"paper" must be one of ${REPORT_PAPERS.join(', ')}.`)
}

export function readTimeZone(value: unknown): string {
  if (value === undefined || value === null || value === '') return DEFAULT_TIME_ZONE
  const zone = validTimeZone(value)
  if (!zone) throw new HttpError(400, 'invalid_timeZone', 'The time zone must be an IANA name such as "Asia/Shanghai", or left out.')
  return zone
}

/** ReportRequest.optionBounds: four finite numbers, a box of some size, within PAGE_COORDINATE_MAX. */
export function readPageBounds(value: unknown): PageBounds | null {
  if (value === undefined || value === null) return null
  const v = value as Record<string, unknown>
  const box = typeof value === 'object' && !Array.isArray(value) ? [v.x, v.y, v.width, v.height] : []
  const numbers = box.length === 4 && box.every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= PAGE_COORDINATE_MAX)
  if (!numbers || !((v.width as number) > 0) || !((v.height as number) > 0) || Object.keys(v).length !== 4) {
    throw new HttpError(400, 'invalid_optionBounds',
      `"optionBounds" must be the option frame's box on the board, { "x", "y", "width", "height" } in canvas units (width and height above 0, no value beyond ±${PAGE_COORDINATE_MAX}), or left out.`)
  }
  return { x: v.x as number, y: v.y as number, width: v.width as number, height: v.height as number }
}

/** The Host header if it is a plain host[:port] (it goes into the report as the board's address). */
export function hostOf(req: IncomingMessage): string | null {
  const host = req.headers.host ?? ''
  return /^([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(:\d{1,5})?$/.test(host) ? host : null
}

/**
 * The live board's address as the exporter reached this server: /p/<id> on the request's Host, with
 * https when our own proxy says so (TRUST_PROXY) or the socket is TLS. Without a usable Host header
 * only the path is printed. The QR code opens the board; the person still needs their project link.
 */
function boardLink(req: IncomingMessage, config: Config, projectId: string): string {
  const host = hostOf(req)
  if (!host) return `/p/${projectId}`
  const forwarded = config.trustProxy ? String(req.headers['x-forwarded-proto'] ?? '').split(',').pop()?.trim() : undefined
  // A TLS socket (https.createServer) has `encrypted: true`; node:http types req.socket as a plain Socket.
  const https = forwarded === 'https' || ('encrypted' in req.socket && req.socket.encrypted === true)
  return `${https ? 'https' : 'http'}://${host}/p/${projectId}`
}

/**
 * Content-Disposition for an export of `projectName` (exportFileName): an ASCII fallback name and
 * the real (Chinese) one in filename* (RFC 6266). `asciiSuffix` stands for a suffix that is not
 * ASCII itself in the fallback; a project name with no ASCII letter or digit is 'project' there.
 */
export function attachment(projectName: string, suffix: string, asciiSuffix = suffix): string {
  const fileName = exportFileName(projectName, suffix)
  const ascii = exportFileName(projectName, asciiSuffix).replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const fallback = /[A-Za-z0-9]/.test(ascii.slice(0, ascii.length - asciiSuffix.length - 1)) ? ascii : `project-${asciiSuffix}`
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`
}
