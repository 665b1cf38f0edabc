/**
 * A task's pin and its progress photos' markers at screen positions, drawn the same by the editor's
 * layer (TaskPins.tsx) and the phone's light view (src/lightView/LightTaskPins.tsx). A pin says its
 * number and its status in words (未开始 / 进行中 / 已完成 / 延期), coloured by status.
 */
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { Task } from '../../shared/tasks'
import { taskPinStatus } from './taskPinLayout'

export function TaskPin({ task, n, x, y, onOpen }: { task: Task; n: number; x: number; y: number; onOpen: () => void }) {
  const { t } = useI18n()
  const { overdue, text: status } = taskPinStatus(task, t.tasks)
  return (
    <button
      type="button"
      className={`cg-task-pin cg-task-pin--${overdue ? 'delayed' : task.status}`}
      style={{ left: x, top: y }}
      data-testid="task-pin"
      data-task-id={task.id}
      data-status={task.status}
      aria-label={format(t.tasks.pinLabel, { n, title: task.title, status })}
      onClick={onOpen}
    >
      <span className="cg-task-pin__n" aria-hidden>{n}</span>
      <span aria-hidden>{status}</span>
    </button>
  )
}

export function TaskPhotoMarker({ x, y, onOpen }: { x: number; y: number; onOpen: () => void }) {
  const { t } = useI18n()
  return (
    <button type="button" className="cg-task-photo-pin" style={{ left: x, top: y }} data-testid="task-photo-pin" aria-label={t.tasks.photoPin} onClick={onOpen}>
      <span aria-hidden>📷</span>
    </button>
  )
}
