/**
 * The export dialog (organizer and committee, every stage): the PDF report, pictures of the option
 * and of the whole board, the spreadsheets and the full archive. One export at a time; its
 * progress shows once it takes more than a second, and a failure says what failed at which step.
 * Loaded on demand (LazyExportDialog), with the drawing code loaded only when a drawing is made.
 */
import { useMemo, useState } from 'react'
import { isShapeId, useValue } from 'tldraw'
import { ApiRequestError } from '../net/api'
import { literal } from '../shared/guards'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { participationErrorText, useParticipationState } from '../participation'
import { DEFAULT_REPORT_PAPER, EXPORT_LANGS, REPORT_PAPERS, type ExportLang, type ReportPaper } from '../shared/exportApi'
import type { ProjectState } from '../shared/projectApi'
import { can } from '../shared/workflow'
import { Dialog } from '../ui/Dialog'
import { useExportEditor } from './exportEditor'
import { ExportProblem, formatSize } from './exportProblem'
import { exportTarget, isFinal, scoreOptions } from './exportTarget'
import { runArchive, runCsv, runPdf, runPicture, type ExportSetup, type ExportTaskId } from './exportTasks'
import { useExportRunner } from './useExportRunner'
import './export.css'

interface ExportDialogProps {
  projectId: string
  token: string
  state: ProjectState
  onClose: () => void
}

const TEST_ID: Record<ExportTaskId, string> = {
  pdf: 'export-pdf',
  pngOption: 'export-png-option',
  svgOption: 'export-svg-option',
  pngBoard: 'export-png-board',
  svgBoard: 'export-svg-board',
  csvNeeds: 'export-csv-needs',
  csvVotes: 'export-csv-votes',
  csvComments: 'export-csv-comments',
  csvTasks: 'export-csv-tasks',
  archive: 'export-archive',
}

const isExportLang = literal(EXPORT_LANGS)
const isReportPaper = literal(REPORT_PAPERS)

export function ExportDialog({ projectId, token, state, onClose }: ExportDialogProps) {
  const { t, lang } = useI18n()
  const x = t.export
  const { participation } = useParticipationState()
  const editor = useExportEditor()
  const [paper, setPaper] = useState<ReportPaper>(DEFAULT_REPORT_PAPER)
  const [fileLang, setFileLang] = useState<ExportLang>(isExportLang(lang) ? lang : 'zh-CN')
  const [pickedId, setPickedId] = useState<string | null>(null)

  const final = isFinal(state.stage)
  const target = exportTarget(state.stage, participation, pickedId)
  const scores = useMemo(() => scoreOptions(participation), [participation])
  // The server stores only ids that look like one (SHAPE_ID_PATTERN), so the check never drops one.
  const optionFrameId = target.option?.frameShapeId ?? null
  const frameId = optionFrameId !== null && isShapeId(optionFrameId) ? optionFrameId : null
  // Live: the frame may be drawn or deleted while the dialog is open.
  const frameOnBoard = useValue('export option frame', () => Boolean(editor && frameId && editor.getShape(frameId)), [editor, frameId])
  const boardHasShapes = useValue('export board shapes', () => Boolean(editor && editor.getCurrentPageShapeIds().size > 0), [editor])

  const describe = (task: ExportTaskId, step: string, err: unknown): string => {
    let reason: string
    // A refusal with words of its own (the archive during 各自先想: private_period) says why, not just "check what you entered".
    if (err instanceof ApiRequestError) reason = (err.code && participationErrorText(err.code, t, lang)) || err.message
    else if (err instanceof ExportProblem) {
      // instanceof on a generic class gives ExportProblem<any>; the annotation keeps the key typed.
      const problem: ExportProblem = err
      reason = format(x.problems[problem.key], problem.values)
    }
    else reason = format(x.problems.unexpected, { detail: err instanceof Error ? err.message : String(err) })
    return format(x.failed, { what: x.what[task], step, reason })
  }
  const { state: run, run: start, cancel } = useExportRunner<ExportTaskId>(describe)

  const setup: ExportSetup = {
    caller: { projectId, token },
    projectName: state.project.name,
    editor,
    option: target.option,
    final,
    metresPerUnit: state.project.scale?.metresPerUnit ?? null,
    paper,
    fileLang,
    t,
    lang,
  }

  const launch = (task: ExportTaskId) => {
    const jobs: Record<ExportTaskId, Parameters<typeof start>[2]> = {
      pdf: (ctx) => runPdf(setup, ctx),
      pngOption: (ctx) => runPicture(setup, ctx, 'option', 'png'),
      svgOption: (ctx) => runPicture(setup, ctx, 'option', 'svg'),
      pngBoard: (ctx) => runPicture(setup, ctx, 'board', 'png'),
      svgBoard: (ctx) => runPicture(setup, ctx, 'board', 'svg'),
      csvNeeds: (ctx) => runCsv(setup, ctx, 'needs'),
      csvVotes: (ctx) => runCsv(setup, ctx, 'votes'),
      csvComments: (ctx) => runCsv(setup, ctx, 'comments'),
      csvTasks: (ctx) => runCsv(setup, ctx, 'tasks'),
      archive: (ctx) => runArchive(setup, ctx),
    }
    void start(task, x.steps.start, jobs[task])
  }

  if (!can(state.role, state.stage, 'export')) {
    return (
      <Dialog title={x.title} testId="export-dialog" onClose={onClose}>
        <p className="field-error" role="alert" data-testid="export-error">{x.notAllowed}</p>
      </Dialog>
    )
  }

  const busy = run.busy !== null
  const button = (task: ExportTaskId, label: string, opts: { primary?: boolean; disabled?: boolean } = {}) => (
    <button
      type="button"
      className={`button export-button${opts.primary ? ' button--primary' : ''}`}
      data-testid={TEST_ID[task]}
      disabled={busy || opts.disabled}
      aria-busy={run.busy?.task === task}
      onClick={() => launch(task)}
    >
      {label}
    </button>
  )
  const noEditor = editor === null
  const optionPictureOff = noEditor || !frameOnBoard

  return (
    <Dialog title={x.title} testId="export-dialog" onClose={onClose}>
      <div className="export">
        <p className="wf-muted export__intro">{x.intro}</p>
        {!final && <p className="export__draft" data-testid="export-draft-note">{x.draftNote}</p>}

        <div className="export__settings">
          <label className="export__field">
            <span className="wf-field__label">{x.paper}</span>
            <select className="text-input wf-select" data-testid="export-paper" value={paper} disabled={busy} onChange={(e) => isReportPaper(e.target.value) && setPaper(e.target.value)}>
              {REPORT_PAPERS.map((p) => (
                <option key={p} value={p}>{p === 'a4-portrait' ? x.paperA4 : x.paperA3}</option>
              ))}
            </select>
          </label>
          <label className="export__field">
            <span className="wf-field__label">{x.lang}</span>
            <select className="text-input wf-select" data-testid="export-lang" value={fileLang} disabled={busy} onChange={(e) => isExportLang(e.target.value) && setFileLang(e.target.value)}>
              {EXPORT_LANGS.map((l) => (
                <option key={l} value={l}>{l === 'zh-CN' ? x.langZh : x.langEn}</option>
              ))}
            </select>
          </label>
        </div>

        <section className="export__section" aria-label={x.optionTitle}>
          <h3 className="wf-section-title">{x.optionTitle}</h3>
          {target.agreed && target.option ? (
            <p className="export__agreed" data-testid="export-agreed-option" data-option-id={target.option.id}>
              {format(x.agreedOption, { title: target.option.title })}
            </p>
          ) : scores.length > 0 ? (
            <label className="export__field">
              <span className="wf-field__label">{x.pickOption}</span>
              <select
                className="text-input wf-select"
                data-testid="export-option"
                value={target.option?.id ?? ''}
                disabled={busy}
                onChange={(e) => setPickedId(e.target.value)}
              >
                {scores.map((s) => (
                  <option key={s.option.id} value={s.option.id}>
                    {format(x.optionChoice, { title: s.option.title, approvals: s.approvals, votes: s.votes })}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p className="wf-muted" data-testid="export-no-options">{x.noOptions}</p>
          )}
          {target.option && !noEditor && !frameOnBoard && <p className="export__note" data-testid="export-no-frame">{x.noFrame}</p>}
        </section>

        {noEditor && <p className="export__note" data-testid="export-board-not-ready">{x.boardNotReady}</p>}

        <section className="export__section">
          <h3 className="wf-section-title">{x.pdfTitle}</h3>
          <p className="wf-muted export__hint">{x.pdfHint}</p>
          {button('pdf', x.pdf, { primary: true, disabled: noEditor })}
        </section>

        <section className="export__section">
          <h3 className="wf-section-title">{x.imagesTitle}</h3>
          <p className="wf-muted export__hint">{x.imagesHint}</p>
          <div className="export__grid">
            {button('pngOption', x.pngOption, { disabled: optionPictureOff })}
            {button('svgOption', x.svgOption, { disabled: optionPictureOff })}
            {button('pngBoard', x.pngBoard, { disabled: noEditor || !boardHasShapes })}
            {button('svgBoard', x.svgBoard, { disabled: noEditor || !boardHasShapes })}
          </div>
        </section>

        <section className="export__section">
          <h3 className="wf-section-title">{x.tablesTitle}</h3>
          <p className="wf-muted export__hint">{x.tablesHint}</p>
          <div className="export__grid">
            {button('csvNeeds', x.csvNeeds)}
            {button('csvVotes', x.csvVotes)}
            {button('csvComments', x.csvComments)}
            {button('csvTasks', x.csvTasks)}
          </div>
        </section>

        <section className="export__section">
          <h3 className="wf-section-title">{x.archiveTitle}</h3>
          <p className="wf-muted export__hint">{x.archiveHint}</p>
          {button('archive', x.archive)}
        </section>

        <ExportStatus run={run} onCancel={cancel} />
      </div>
    </Dialog>
  )
}

function ExportStatus({ run, onCancel }: { run: ReturnType<typeof useExportRunner<ExportTaskId>>['state']; onCancel: () => void }) {
  const { t } = useI18n()
  const x = t.export
  const { busy } = run
  return (
    <div className="export__status" aria-live="polite">
      {busy && run.slow && (
        <div className="export__progress" data-testid="export-progress" data-task={busy.task}>
          <p className="export__progress-text">
            {format(x.working, { step: busy.step })}
            {busy.received !== null && (
              <span className="export__bytes">
                {' '}
                {busy.total
                  ? format(x.receivedOf, { done: formatSize(busy.received), total: formatSize(busy.total) })
                  : format(x.received, { done: formatSize(busy.received) })}
              </span>
            )}
          </p>
          {busy.received !== null && busy.total ? <progress className="export__bar" max={busy.total} value={busy.received} /> : <progress className="export__bar" />}
          <button type="button" className="button" data-testid="export-cancel" onClick={onCancel}>{x.cancel}</button>
        </div>
      )}
      {run.error && (
        <p className="field-error" role="alert" data-testid="export-error" data-task={run.error.task}>{run.error.message}</p>
      )}
      {run.cancelled && <p className="export__note" data-testid="export-cancelled">{x.cancelled}</p>}
      {run.done && (
        <div className="export__done" data-testid="export-done" data-task={run.done.task}>
          <p className="export__done-text">{format(x.done, { file: run.done.fileName })}</p>
          {run.done.note && <p className="export__note">{run.done.note}</p>}
          <p className="wf-muted export__hint">{x.doneHint}</p>
        </div>
      )}
    </div>
  )
}

