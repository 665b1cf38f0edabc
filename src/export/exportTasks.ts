/**
 * What each button of the export dialog does, step by step (each step named for progress and for
 * a failure). The drawing code (tldraw export, the PDF conversion) is loaded only when used.
 */
import { isShapeId, type Editor, type TLShapeId } from 'tldraw'
import { format, loadStrings, type Lang, type Strings } from '../i18n/lang'
import { formatLength } from '../measure'
import type { DesignOption } from '../shared/participation'
import { exportFileName, REPORT_PAPER_SIZE, REPORT_SVG_MAX_BYTES, type CsvKind, type ExportLang, type PageBounds, type ReportPaper } from '../shared/exportApi'
import { safeFileName } from './contentDisposition'
import { downloadArchive, downloadCsv, requestReport, type DownloadedFile, type DownloadOptions, type ExportCaller } from './exportClient'
import { ExportProblem, formatSize } from './exportProblem'
import type { OptionLegend } from './optionLegend'
import type { PictureFormat } from './pictureExport'
import { saveBlob } from './saveBlob'
import type { TaskContext, TaskResult } from './useExportRunner'

export const EXPORT_TASKS = ['pdf', 'pngOption', 'svgOption', 'pngBoard', 'svgBoard', 'csvNeeds', 'csvVotes', 'csvComments', 'csvTasks', 'archive'] as const
export type ExportTaskId = (typeof EXPORT_TASKS)[number]

export interface ExportSetup {
  caller: ExportCaller
  projectName: string
  editor: Editor | null
  /** The option to show (agreed, or picked before Agreed); null when there is none. */
  option: DesignOption | null
  /** Agreed: no draft mark. */
  final: boolean
  /** The project's scale (metres per canvas unit), for the option picture's scale bar; null: not set. */
  metresPerUnit: number | null
  paper: ReportPaper
  /** Language written into the report and the spreadsheets' headers. */
  fileLang: ExportLang
  /** The interface's strings and language (progress, errors, picture file names). */
  t: Strings
  lang: Lang
}

/** Every shape on the board's page (the base plan too). */
export function boardShapeIds(editor: Editor): TLShapeId[] {
  return [...editor.getCurrentPageShapeIds()]
}

/** The option's frame, if it is still on the board. */
export function optionShapeIds(editor: Editor | null, option: DesignOption | null): TLShapeId[] | null {
  // The server stores only ids that look like one (SHAPE_ID_PATTERN), so the check never drops one.
  const id = option?.frameShapeId
  if (!editor || !id || !isShapeId(id) || !editor.getShape(id)) return null
  return [id]
}

/**
 * Where the option's frame is on the board — the box tldraw cuts its picture to (a frame inside
 * another is masked by it) — so the report can put the needs' pins on the drawing.
 */
function frameBounds(editor: Editor, ids: TLShapeId[]): PageBounds | undefined {
  const box = editor.getShapeMaskedPageBounds(ids[0]) ?? editor.getShapePageBounds(ids[0])
  return box ? { x: box.x, y: box.y, width: box.w, height: box.h } : undefined
}

/** The option picture's caption (title, scale bar), with lengths in `strings`' language. */
function legendFor(setup: ExportSetup, strings: Strings, lang: Lang): OptionLegend | null {
  if (!setup.option) return null
  return {
    title: setup.option.title,
    metresPerUnit: setup.metresPerUnit,
    lengthLabel: (metres) => formatLength(metres, strings.measure, lang),
  }
}

function requireEditor(setup: ExportSetup): Editor {
  if (!setup.editor) throw new ExportProblem('boardNotReady')
  return setup.editor
}

function downloadOptions(setup: ExportSetup, ctx: TaskContext): DownloadOptions {
  let started = false
  return {
    t: setup.t,
    lang: setup.lang,
    signal: ctx.signal,
    onProgress(received, total) {
      if (!started) {
        started = true
        ctx.step(setup.t.export.steps.download)
      }
      ctx.progress(received, total)
    },
  }
}

function save(file: Pick<DownloadedFile, 'blob' | 'fileName'>, ctx: TaskContext, setup: ExportSetup): TaskResult {
  ctx.step(setup.t.export.steps.save)
  if (ctx.signal.aborted) throw new DOMException('Aborted', 'AbortError')
  saveBlob(file.blob, file.fileName)
  return { fileName: file.fileName }
}

/** The report: both drawings converted in the browser, then the server writes the PDF. */
export async function runPdf(setup: ExportSetup, ctx: TaskContext): Promise<TaskResult> {
  const x = setup.t.export
  const editor = requireEditor(setup)
  const [{ svgForPdf }, { withOptionLegend }, { utf8Bytes }] = await Promise.all([import('./svgForPdf'), import('./optionLegend'), import('./svgText')])

  const drawing = async (ids: TLShapeId[], what: string, legend: OptionLegend | null = null): Promise<string | undefined> => {
    const label = { draw: x.steps.draw, text: x.steps.text, images: x.steps.images }
    const result = await svgForPdf(editor, ids, {
      boardId: setup.caller.projectId,
      signal: ctx.signal,
      onStep: (step) => ctx.step(format(label[step], { what })),
    })
    if (!result) return undefined
    const svg = legend ? withOptionLegend(result.svg, legend).svg : result.svg
    const bytes = legend ? utf8Bytes(svg) : result.bytes
    if (bytes > REPORT_SVG_MAX_BYTES) {
      throw new ExportProblem('tooLarge', { what, size: formatSize(bytes), max: formatSize(REPORT_SVG_MAX_BYTES) })
    }
    return svg
  }

  let note: string | undefined
  let optionSvg: string | undefined
  let optionBounds: PageBounds | undefined
  const optionIds = optionShapeIds(editor, setup.option)
  // The report is written in its own language (fileLang): so are the scale bar's length under the
  // option and the file's name (the server's, when its answer names none).
  const fileStrings = await loadStrings(setup.fileLang)
  if (optionIds) {
    optionSvg = await drawing(optionIds, x.optionPicture, legendFor(setup, fileStrings, setup.fileLang))
    optionBounds = frameBounds(editor, optionIds)
  } else if (setup.option) {
    note = format(x.noOptionPicture, { reason: x.problems.frameMissing })
  }
  const boardIds = boardShapeIds(editor)
  const boardSvg = boardIds.length > 0 ? await drawing(boardIds, x.boardPicture) : undefined

  ctx.step(x.steps.report)
  const file = await requestReport(
    setup.caller,
    {
      lang: setup.fileLang,
      paper: setup.paper,
      ...(optionSvg && { optionSvg }),
      ...(optionSvg && optionBounds && { optionBounds }),
      ...(boardSvg && { boardSvg }),
      ...(setup.option && { optionId: setup.option.id }),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    },
    exportFileName(setup.projectName, format(fileStrings.export.files.report, { paper: REPORT_PAPER_SIZE[setup.paper] })),
    downloadOptions(setup, ctx),
  )
  const missing = missingCharacters(file.headers)
  if (missing.length > 0) {
    // With its code point: a character no font has shows as a box on this screen too.
    const named = missing.map((c) => `${c} U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}`)
    const line = format(x.missingCharacters, { count: missing.length, chars: named.join(', ') })
    note = note ? `${note}\n${line}` : line
  }
  return { ...save(file, ctx, setup), ...(note && { note }) }
}

/** The characters the server said it could not print (X-Missing-Characters, percent-encoded UTF-8). */
function missingCharacters(headers: Headers): string[] {
  try {
    return Array.from(decodeURIComponent(headers.get('x-missing-characters') ?? ''))
  } catch {
    // A header that does not decode says nothing we could show.
    return []
  }
}

/** A PNG or SVG of the option's frame or of the whole board, made in the browser. */
export async function runPicture(setup: ExportSetup, ctx: TaskContext, which: 'option' | 'board', fmt: PictureFormat): Promise<TaskResult> {
  const x = setup.t.export
  const editor = requireEditor(setup)
  const what = which === 'option' ? x.optionPicture : x.boardPicture
  ctx.step(format(x.steps.picture, { what }))
  const ids = which === 'option' ? optionShapeIds(editor, setup.option) : boardShapeIds(editor)
  if (!ids) throw new ExportProblem('frameMissing')
  const { exportPicture } = await import('./pictureExport')
  const blob = await exportPicture(editor, ids, fmt, setup.final ? null : x.draftMark, which === 'option' ? legendFor(setup, setup.t, setup.lang) : null)
  const name = which === 'option' ? format(x.files.option, { title: setup.option?.title ?? '' }) : x.files.board
  const suffix = `${name}${setup.final ? '' : `-${x.files.draft}`}.${fmt}`
  const fileName = safeFileName(exportFileName(setup.projectName, suffix), `export.${fmt}`)
  return save({ blob, fileName }, ctx, setup)
}

const CSV_FILE: Record<CsvKind, keyof Strings['export']['files']> = { needs: 'needs', votes: 'votes', comments: 'comments', tasks: 'tasks' }

export async function runCsv(setup: ExportSetup, ctx: TaskContext, kind: CsvKind): Promise<TaskResult> {
  const x = setup.t.export
  ctx.step(x.steps.table)
  const file = await downloadCsv(setup.caller, kind, setup.fileLang, exportFileName(setup.projectName, x.files[CSV_FILE[kind]]), downloadOptions(setup, ctx))
  return save(file, ctx, setup)
}

export async function runArchive(setup: ExportSetup, ctx: TaskContext): Promise<TaskResult> {
  const x = setup.t.export
  ctx.step(x.steps.archive)
  const file = await downloadArchive(setup.caller, exportFileName(setup.projectName, x.files.archive), downloadOptions(setup, ctx))
  return save(file, ctx, setup)
}
