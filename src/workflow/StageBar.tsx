import { useState, type ReactNode } from 'react'
import { ApiRequestError } from '../net/api'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { moveStage } from '../projects'
import type { ProjectState } from '../shared/projectApi'
import { can, nextStage, previousStage, STAGES, type Stage } from '../shared/workflow'
import { Dialog } from '../ui/Dialog'
import { byNameText, guidanceFor, readonlyReason } from '../i18n/stageText'

interface StageBarProps {
  projectId: string
  token: string
  state: ProjectState
  /** The stream is reconnecting: what is shown may be out of date. */
  stale: boolean
  myName: string
  /** Ask the server for the state again (after a move, after a conflict). */
  refresh: () => Promise<void>
  /** The project tools (history, invite, overview), placed on the bar's first line. */
  tools: ReactNode
}

type Pending = { to: Stage; direction: 'forward' | 'back' }

/**
 * Where the project is (five steps, the current one marked), what MY role is asked to do now, what
 * comes next, and — for the organizer — the buttons that move the project, each after a confirmation.
 * On a phone: one line and the guidance; the steps and "what comes next" open on demand.
 */
export function StageBar({ projectId, token, state, stale, myName, refresh, tools }: StageBarProps) {
  const { t, lang } = useI18n()
  const w = t.workflow
  const { stage, role } = state
  const [expanded, setExpanded] = useState(false)
  const [pending, setPending] = useState<Pending | null>(null)
  const [moving, setMoving] = useState(false)
  const [reopenReason, setReopenReason] = useState('')
  const [reasonMissing, setReasonMissing] = useState(false)
  const [notice, setNotice] = useState<{ kind: 'conflict' | 'error'; text?: string } | null>(null)

  const index = STAGES.indexOf(stage)
  const mayMove = can(role, stage, 'moveStage')
  const next = nextStage(stage)
  const prev = previousStage(stage)
  const reason = readonlyReason(t, lang, role, stage)
  const lastMove = state.moves.length > 0 ? state.moves[state.moves.length - 1] : null

  const confirmMove = async () => {
    if (!pending) return
    const reopening = stage === 'agreed' && pending.direction === 'back'
    if (reopening && !reopenReason.trim()) {
      setReasonMissing(true)
      return
    }
    setMoving(true)
    setNotice(null)
    try {
      await moveStage(projectId, token, { from: stage, to: pending.to, byName: myName, ...(reopening && { reason: reopenReason.trim() }) }, { t, lang })
      setPending(null)
      setReopenReason('')
    } catch (err) {
      setPending(null)
      // 409: someone else (another organizer tab) moved it first; show where it is now.
      if (err instanceof ApiRequestError && err.status === 409) setNotice({ kind: 'conflict' })
      else setNotice({ kind: 'error', text: err instanceof Error ? err.message : String(err) })
    } finally {
      setMoving(false)
      void refresh()
    }
  }

  const noticeText =
    notice?.kind === 'conflict' ? format(w.stageBar.conflict, { stage: w.stages[stage] }) : notice?.text ?? null

  return (
    <section
      className={`stage-bar${expanded ? ' stage-bar--expanded' : ''}${stale ? ' stage-bar--stale' : ''}`}
      data-testid="stage-bar"
      data-stage={stage}
      aria-label={w.stageBar.label}
    >
      <div className="stage-bar__line">
        <button
          type="button"
          className="stage-bar__summary"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          <span className="stage-bar__num" aria-hidden="true">{index + 1}</span>
          <span className="stage-bar__current">{w.stages[stage]}</span>
          <span className="stage-bar__of">{format(w.stageBar.stepOf, { n: index + 1, total: STAGES.length })}</span>
          <span className="stage-bar__chevron" aria-hidden="true">{expanded ? '▴' : '▾'}</span>
          <span className="visually-hidden">{expanded ? w.stageBar.hideDetails : w.stageBar.details}</span>
        </button>
        <ol className="stage-steps" aria-label={w.stageBar.label}>
          {STAGES.map((s, i) => (
            <li
              key={s}
              className={`stage-step${i < index ? ' stage-step--done' : ''}${i === index ? ' stage-step--current' : ''}`}
              aria-current={i === index ? 'step' : undefined}
            >
              <span className="stage-step__num" aria-hidden="true">{i < index ? '✓' : i + 1}</span>
              <span className="stage-step__name">{w.stages[s]}</span>
              {i < index && <span className="visually-hidden">{w.stageBar.done}</span>}
            </li>
          ))}
        </ol>
        <div className="stage-bar__tools">{tools}</div>
      </div>

      <div className="stage-bar__now">
        <p className="stage-bar__guidance" data-testid="stage-guidance">
          <strong className="stage-bar__you">{format(w.stageBar.yourTaskAs, { role: w.roles[role] })}</strong>{' '}
          {guidanceFor(t, role, stage)}
        </p>
        {mayMove && (
          <div className="stage-bar__moves">
            {prev && (
              <button
                type="button"
                className="button stage-bar__move"
                data-testid="stage-back"
                aria-label={format(w.stageBar.backLabel, { stage: w.stages[prev] })}
                disabled={moving}
                onClick={() => setPending({ to: prev, direction: 'back' })}
              >
                {w.stageBar.back}
              </button>
            )}
            {next && (
              <button
                type="button"
                className="button button--primary stage-bar__move"
                data-testid="stage-forward"
                aria-label={format(w.stageBar.forwardLabel, { stage: w.stages[next] })}
                disabled={moving}
                onClick={() => setPending({ to: next, direction: 'forward' })}
              >
                {w.stageBar.forward}
              </button>
            )}
          </div>
        )}
      </div>

      {reason && (
        <p className="stage-bar__readonly" data-testid="readonly-reason" role="note">
          {reason}
        </p>
      )}
      {stale && <p className="stage-bar__stale" role="status">{w.stageBar.stale}</p>}
      {noticeText && (
        <p className="stage-bar__notice" role="alert">{noticeText}</p>
      )}

      <div className="stage-bar__details">
        <p className="stage-bar__next" data-testid="stage-next-info">
          {w.next[stage]}
          {!mayMove && `${lang === 'en' ? ' ' : ''}${w.stageBar.onlyOrganizer}`}
        </p>
        {lastMove && (
          <p className="stage-bar__moved">
            {format(w.stageBar.movedBy, {
              name: byNameText(t, lastMove.byName),
              time: new Date(lastMove.at).toLocaleString(lang),
            })}
          </p>
        )}
      </div>

      {pending && (
        <Dialog
          title={format(pending.direction === 'forward' ? w.stageBar.confirmForward : w.stageBar.confirmBack, {
            stage: w.stages[pending.to],
          })}
          testId="stage-dialog"
          size="alert"
          onClose={() => !moving && setPending(null)}
        >
          {pending.direction === 'forward' && <p className="wf-dialog__text">{w.next[stage]}</p>}
          {pending.direction === 'forward' && pending.to === 'agreed' && <p className="wf-dialog__text">{w.stageBar.agreeHint}</p>}
          {pending.direction === 'back' && stage === 'agreed' && (
            <label className="wf-dialog__text">
              {w.stageBar.reopenReason}
              <textarea
                className="text-input"
                data-testid="stage-reason"
                rows={3}
                value={reopenReason}
                onChange={(e) => {
                  setReopenReason(e.target.value)
                  setReasonMissing(false)
                }}
              />
              {reasonMissing && <span role="alert" className="field-error">{w.stageBar.reopenReasonMissing}</span>}
            </label>
          )}
          <div className="wf-dialog__actions">
            <button
              type="button"
              className="button button--primary"
              data-testid="stage-confirm"
              disabled={moving}
              onClick={() => void confirmMove()}
            >
              {moving ? w.stageBar.moving : w.stageBar.confirm}
            </button>
            <button type="button" className="button" data-testid="stage-cancel" disabled={moving} onClick={() => setPending(null)}>
              {w.stageBar.cancel}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  )
}
