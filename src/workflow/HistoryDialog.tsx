import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/strings'
import type { StageMove } from '../shared/projectApi'
import { Dialog } from './Dialog'

interface HistoryDialogProps {
  moves: StageMove[]
  onView: (move: StageMove) => void
  onClose: () => void
}

/**
 * Every stage move (from → to, who, when), newest first. Each move's snapshot is the board as it
 * stood at the end of the stage it left, so "view" is offered as "the board at the end of <from>".
 */
export function HistoryDialog({ moves, onView, onClose }: HistoryDialogProps) {
  const { t, lang } = useI18n()
  const h = t.workflow.history
  const stages = t.workflow.stages

  return (
    <Dialog title={h.title} testId="history" onClose={onClose}>
      <p className="wf-muted">{h.intro}</p>
      {moves.length === 0 ? (
        <p className="wf-muted">{h.empty}</p>
      ) : (
        <ol className="wf-history">
          {[...moves].reverse().map((m) => (
            <li key={m.id} className="wf-history__item" data-testid="history-move" data-move-id={m.id}>
              <strong className="wf-history__move">{format(h.move, { from: stages[m.from], to: stages[m.to] })}</strong>
              <span className="wf-history__by">
                {format(h.by, { name: m.byName || h.unknownName, time: new Date(m.at).toLocaleString(lang) })}
              </span>
              <button type="button" className="button wf-history__view" data-testid="history-view" onClick={() => onView(m)}>
                {format(h.view, { stage: stages[m.from] })}
              </button>
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  )
}
