/**
 * One task as everyone sees it: what, who, by when, its status (and 已超期 when late), its place on
 * the plan, progress photos, the history of its status changes, and the residents' 认可 / 不认可 with
 * their comments; with the controls the person's role has in this stage.
 */
import { useEffect, useRef } from 'react'
import { useEditor } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { isLate, localDay, type Task } from '../../shared/tasks'
import { jumpToNeed } from '../needs/jumpToNeed'
import { when } from '../negotiate/when'
import { useAction } from '../negotiate/useAction'
import { foldPanelOnPhone } from '../panelFold'
import { deleteTask } from '../participationClient'
import { useParticipationUi } from '../ParticipationContext'
import { TaskProgress } from './TaskProgress'
import { TaskVerdict } from './TaskVerdict'

interface TaskCardProps {
  task: Task
  n: number
  highlighted: boolean
  onEdit: () => void
}

export function TaskCard({ task, n, highlighted, onEdit }: TaskCardProps) {
  const ui = useParticipationUi()
  const editor = useEditor()
  const { t, lang } = useI18n()
  const s = t.tasks
  const remove = useAction()
  const ref = useRef<HTMLElement>(null)
  useEffect(() => {
    if (highlighted) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
  }, [highlighted])
  if (!ui) return null
  const late = isLate(task, localDay())
  const done = task.status === 'done'
  const show = () => {
    foldPanelOnPhone()
    const panel = document.querySelector('.participation-panel--open')?.getBoundingClientRect()
    jumpToNeed(editor, { id: task.id, x: task.x, y: task.y }, panel ? { x: panel.x, y: panel.y, w: panel.width, h: panel.height } : null)
  }

  return (
    <article ref={ref} className={`ng-card${highlighted ? ' ng-card--highlight' : ''}`} data-testid="task-card" data-task-id={task.id} data-status={task.status}>
      <div className="ng-row">
        <h4 className="tk-title">{n}. {task.title}</h4>
        <span className={`tk-status tk-status--${task.status}`} data-testid="task-status">{s.status[task.status]}</span>
      </div>
      <p>{format(s.responsible, { who: task.responsible })}</p>
      <p>
        {format(s.due, { date: task.due })}
        {late && <span className="tk-late" data-testid="task-late"> · {s.late}</span>}
      </p>
      {task.description && <p className="ng-muted">{task.description}</p>}
      {(done || task.accepted + task.notAccepted > 0) && (
        <div className="ng-group" data-testid="task-result">
          <p className="tk-result" data-testid="task-result-count" data-yes={task.accepted} data-no={task.notAccepted}>
            {task.accepted + task.notAccepted > 0 ? format(s.result, { yes: task.accepted, no: task.notAccepted }) : s.resultNone}
          </p>
          {task.verdicts.filter((v) => v.comment || v.enteredBy).map((v, i) => (
            <p key={i} className="ng-muted" data-testid="task-verdict-comment">
              {v.accepted ? s.accept : s.reject} · {v.name ?? t.workflow.roles[v.role]}{v.enteredBy && format(s.enteredBy, { name: v.enteredBy })}：{v.comment}
            </p>
          ))}
        </div>
      )}
      {ui.may('acceptTask') && (done ? <TaskVerdict key={task.mine ? 'answered' : 'new'} task={task} /> : <p className="ng-hint">{s.acceptLater}</p>)}
      <button type="button" className="button" data-testid="task-show" onClick={show}>{s.showOnPlan}</button>
      {task.photos.length > 0 && (
        <div className="tk-photos" aria-label={format(s.photos, { count: task.photos.length })}>
          {task.photos.map((p) => <img key={p.id} src={p.src} alt={format(s.photoAlt, { title: task.title })} loading="lazy" data-testid="task-photo-thumb" />)}
        </div>
      )}
      {task.history.length > 0 && (
        <details className="tk-details">
          <summary>{format(s.historyTitle, { count: task.history.length })}</summary>
          <ul className="tk-history">
            {task.history.map((e) => (
              <li key={e.id}>
                {format(s.historyLine, { time: when(e.at, lang), name: e.by.name, status: s.status[e.status] })}
                {e.reason && <> · {format(s.historyReason, { reason: e.reason })}</>}
                {e.due && <> · {format(s.historyDue, { date: e.due })}</>}
              </li>
            ))}
          </ul>
        </details>
      )}
      {ui.may('reportProgress') && <TaskProgress task={task} />}
      {ui.may('manageTasks') && (
        <div className="ng-actions">
          <button type="button" className="button" data-testid="task-edit" onClick={onEdit}>{s.edit}</button>
          <button
            type="button"
            className="button"
            data-testid="task-remove"
            disabled={remove.busy}
            onClick={() => {
              if (window.confirm(s.confirmRemove)) void remove.act((c, o) => deleteTask(c, task.id, o))
            }}
          >
            {s.remove}
          </button>
        </div>
      )}
      {remove.error && <p className="ng-error" role="alert">{remove.error}</p>}
    </article>
  )
}
