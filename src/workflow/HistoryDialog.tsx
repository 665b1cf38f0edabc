import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import type { StageMove } from '../shared/projectApi'
import { Dialog } from '../ui/Dialog'
import { ModerationRecord } from '../participation'
import { SnapshotHistory } from './SnapshotHistory'
import { byNameText } from '../i18n/stageText'

interface HistoryDialogProps {
  moves: StageMove[]
  onView: (move: StageMove) => void
  onClose: () => void
  isOrganizer: boolean
  projectId: string
  token: string
  licenseKey: string | null
}

/**
 * The organizer gets every saved copy with restore (SnapshotHistory); everyone else the stage moves.
 * The server answers GET …/history to the organizer only, so the role decides which list to show.
 */
export function HistoryDialog(props: HistoryDialogProps) {
  if (props.isOrganizer) {
    return <SnapshotHistory projectId={props.projectId} token={props.token} licenseKey={props.licenseKey} onClose={props.onClose} />
  }
  return <StageMoveHistory moves={props.moves} onView={props.onView} onClose={props.onClose} />
}

/**
 * Every stage move (from → to, who, when), newest first. Each move's snapshot is the board as it
 * stood at the end of the stage it left, so "view" is offered as "the board at the end of <from>".
 */
function StageMoveHistory({ moves, onView, onClose }: Pick<HistoryDialogProps, 'moves' | 'onView' | 'onClose'>) {
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
                {format(h.by, { name: byNameText(t, m.byName), time: new Date(m.at).toLocaleString(lang) })}
              </span>
              <button type="button" className="button wf-history__view" data-testid="history-view" onClick={() => onView(m)}>
                {format(h.view, { stage: stages[m.from] })}
              </button>
            </li>
          ))}
        </ol>
      )}
      {/* The committee's own history: who hid what and when (nothing for residents and experts). */}
      <ModerationRecord folded={false} />
    </Dialog>
  )
}
