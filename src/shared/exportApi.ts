/**
 * The export and import API (docs/api.md, "Export and import"): the PDF report, the CSV
 * spreadsheets and the whole-project archive. Both sides import this: the server builds these
 * answers, the browser asks for them. Every export route needs `Authorization: Bearer <token>` of a
 * role that may 'export' in the project's current stage (organizer and committee, every stage);
 * import needs no token — like POST /api/projects it creates a new project.
 */
import { isString, record, type Guard } from './guards.js'

/** Languages a report or a CSV header row can be written in (the interface languages). */
export const EXPORT_LANGS = ['zh-CN', 'en'] as const
export type ExportLang = (typeof EXPORT_LANGS)[number]
export const DEFAULT_EXPORT_LANG: ExportLang = 'zh-CN'

/** Paper of the PDF report: A4 portrait (default) or A3 landscape. */
export const REPORT_PAPERS = ['a4-portrait', 'a3-landscape'] as const
export type ReportPaper = (typeof REPORT_PAPERS)[number]
export const DEFAULT_REPORT_PAPER: ReportPaper = 'a4-portrait'
/** The paper's name as the report's file name carries it (学林苑-方案报告-A4.pdf). */
export const REPORT_PAPER_SIZE: Record<ReportPaper, string> = { 'a4-portrait': 'A4', 'a3-landscape': 'A3' }

/** The spreadsheets: GET /api/projects/<id>/export/<kind>.csv?lang=zh-CN|en&tz=<IANA zone>. */
export const CSV_KINDS = ['needs', 'votes', 'comments', 'tasks'] as const
export type CsvKind = (typeof CSV_KINDS)[number]

/** Largest SVG (UTF-8 bytes) accepted for each of ReportRequest.optionSvg / boardSvg; beyond it → 413. */
export const REPORT_SVG_MAX_BYTES = 5 * 1024 * 1024
/** Most elements one report SVG may have; beyond it → 413 (a drawing that large would not print anyway). */
export const REPORT_SVG_MAX_ELEMENTS = 50_000
/** Largest `data:` image (decoded bytes) an SVG may inline; bigger ones are dropped (reference an asset instead). */
export const REPORT_SVG_DATA_IMAGE_MAX_BYTES = 256 * 1024

/** A rectangle on the board's page, in canvas units (tldraw page coordinates, as Need.x / Need.y). */
export interface PageBounds {
  x: number
  y: number
  width: number
  height: number
}

/** Largest coordinate (absolute) a PageBounds may have; beyond it the request is refused (400). */
export const PAGE_COORDINATE_MAX = 1e9

/**
 * POST /api/projects/<id>/export/report (JSON body) → 200 application/pdf, as an attachment.
 *
 * The SVGs come from the browser (tldraw `getSvgElement`), post-processed so the server can render
 * them: every `<foreignObject>` turned into `<text>` lines, `<style>` blocks removed, and every photo
 * referenced by its asset URL on THIS project's board — `/api/boards/<projectId>/assets/<file>` (an
 * absolute URL on the same host is accepted too) or `cg-asset:<file>`. Any other image reference
 * (file:, http(s): to anything else, a large data: URL) is dropped silently; the report still builds.
 * Omit an SVG and the report shows a note where the drawing would be.
 */
export interface ReportRequest {
  /** Default DEFAULT_EXPORT_LANG. */
  lang?: ExportLang
  /** Default DEFAULT_REPORT_PAPER. */
  paper?: ReportPaper
  /** The agreed option's frame (or, before Agreed, the option the exporter picked). */
  optionSvg?: string
  /**
   * Where that frame is on the board (tldraw `getShapePageBounds`): optionSvg shows exactly this box
   * (plus the caption strip below it), so the server can put the numbered pins of the needs the
   * option addresses on the drawing. Without it the report lists those needs with no markers.
   */
  optionBounds?: PageBounds
  /** The whole board. */
  boardSvg?: string
  /**
   * Which option optionSvg shows, before Agreed (after it, the agreed option is featured). Without
   * it, the option most committee members approved.
   */
  optionId?: string
  /** IANA time zone the report's times are written in (the browser's); default Asia/Shanghai. */
  timeZone?: string
}

/** The archive format this server writes (manifest.json `format` / `formatVersion`). */
export const ARCHIVE_FORMAT = 'commonground-project-archive'
export const ARCHIVE_FORMAT_VERSION = 1

/** Default limit of POST /api/projects/import (the server's IMPORT_MAX_BYTES overrides it). */
export const DEFAULT_IMPORT_MAX_BYTES = 200 * 1024 * 1024

/**
 * manifest.json, the first entry of the archive (GET /api/projects/<id>/export/archive →
 * application/zip). The other entries: project.json, board.bin (Y.encodeStateAsUpdate of the board),
 * snapshots/<moveId>.bin (the board at each stage move) and assets/<file> (every uploaded image).
 */
export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT
  formatVersion: number
  /** Milliseconds since the epoch. */
  exportedAt: number
  /** package.json version of the server that wrote it. */
  appVersion: string
  projectId: string
  /** Entry name → sha256 (hex) of its bytes; import checks every one. */
  files: Record<string, string>
}

/**
 * POST /api/projects/import — body: the archive's bytes, `Content-Type: application/zip` → 201.
 * The project keeps its id (409 `project_exists` if this server already has it). Everything is
 * restored as it was, including role links and participants' tokens (stored only as hashes), so old
 * links keep working on the new server — unless they were revoked or expired. The answer carries a
 * NEW organizer link as well, so whoever imports can get in without the old tokens.
 */
export interface ImportProjectResponse {
  projectId: string
  organizerToken: string
  /** '/join/<projectId>#<token>' */
  organizerLink: string
}

/** Checks POST /api/projects/import's answer, for the browser's client (src/shared/guards.ts). */
export const isImportProjectResponse: Guard<ImportProjectResponse> = record({ projectId: isString, organizerToken: isString, organizerLink: isString })

/** Filename the server suggests for an export (Content-Disposition filename*), from the project name. */
export function exportFileName(projectName: string, suffix: string): string {
  const safe = projectName.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_').trim().slice(0, 80) || 'project'
  return `${safe}-${suffix}`
}
