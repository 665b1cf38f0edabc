/**
 * Recording a task's progress (reportProgress, 实施落实): the status in one tap, 延期 with its
 * required reason and an optional new date, and a progress photo from the phone's camera, resized and
 * stripped of its EXIF block on the phone (resizePhoto.ts, as a need's photo), placed on the plan next
 * to the task's pin.
 */
import { useState, type ChangeEvent, type FormEvent } from 'react'
import { useEditor } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { uploadProjectAsset } from '../../projects'
import { isDueDate, TASK_REASON_MAX, TASK_STATUSES, type Task, type TaskStatus } from '../../shared/tasks'
import { useAction } from '../negotiate/useAction'
import { addTaskPhoto, setTaskStatus } from '../participationClient'
import { NEED_PHOTO, resizePhoto, UnreadablePhotoError } from '../resizePhoto'

/** Screen pixels between a task's pin and each of its photos' markers. */
const PHOTO_STEP_PX = 52

export function TaskProgress({ task }: { task: Task }) {
  const editor = useEditor()
  const { t } = useI18n()
  const s = t.tasks
  const status = useAction()
  const photo = useAction()
  const [delaying, setDelaying] = useState(false)
  const [reason, setReason] = useState('')
  const [due, setDue] = useState('')

  const choose = (next: TaskStatus) => {
    if (next === 'delayed') {
      setDelaying(true)
      return
    }
    setDelaying(false)
    void status.act((c, o) => setTaskStatus(c, task.id, { status: next }, o))
  }

  const delay = async (event: FormEvent) => {
    event.preventDefault()
    if (!reason.trim()) {
      status.setError(s.delayMissing)
      return
    }
    const done = await status.act((c, o) => setTaskStatus(c, task.id, { status: 'delayed', reason, ...(isDueDate(due) && { due }) }, o))
    if (done) {
      setDelaying(false)
      setReason('')
      setDue('')
    }
  }

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const file = input.files?.[0]
    input.value = ''
    if (!file) return
    const step = PHOTO_STEP_PX / editor.getZoomLevel()
    const k = task.photos.length + 1
    await photo.act(async (c, o) => {
      let blob: Blob
      try {
        blob = (await resizePhoto(file, NEED_PHOTO)).blob
      } catch (err) {
        throw err instanceof UnreadablePhotoError ? new Error(t.needs.errorPhotoRead) : err
      }
      const { src } = await uploadProjectAsset(c.projectId, c.token, blob, o)
      return addTaskPhoto(c, task.id, { src, x: task.x + step * k, y: task.y + step * 0.4 * (k % 3) }, o)
    })
  }

  return (
    <div className="ng-group" data-testid="task-progress">
      <span className="ng-field__label">{s.setStatus}</span>
      <div className="tk-buttons" role="group" aria-label={s.setStatus}>
        {TASK_STATUSES.map((st) => (
          <button
            key={st}
            type="button"
            className="button"
            data-testid={`task-status-${st}`}
            aria-pressed={task.status === st}
            disabled={status.busy || (task.status === st && st !== 'delayed')}
            onClick={() => choose(st)}
          >
            {s.status[st]}
          </button>
        ))}
      </div>
      {delaying && (
        <form className="ng-form" data-testid="task-delay-form" onSubmit={delay}>
          <label className="ng-field">
            <span className="ng-field__label">{s.delayReasonLabel}</span>
            <textarea className="ng-input ng-input--text" data-testid="task-delay-reason" rows={2} maxLength={TASK_REASON_MAX} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <label className="ng-field">
            <span className="ng-field__label">{s.delayDueLabel}</span>
            <input className="ng-input" type="date" data-testid="task-delay-due" value={due} onChange={(e) => setDue(e.target.value)} />
          </label>
          <div className="ng-actions">
            <button type="submit" className="button button--primary" data-testid="task-delay-save" disabled={status.busy}>{s.delaySave}</button>
            <button type="button" className="button" onClick={() => setDelaying(false)}>{s.cancel}</button>
          </div>
        </form>
      )}
      {status.error && <p className="ng-error" role="alert" data-testid="task-status-error">{status.error}</p>}
      <label className={`button${photo.busy ? ' cg-need-form__photo-button--off' : ''}`}>
        {photo.busy ? s.photoAdding : s.addPhoto}
        <input type="file" accept="image/*" capture="environment" className="visually-hidden" data-testid="task-photo" disabled={photo.busy} onChange={onFile} />
      </label>
      {photo.error && <p className="ng-error" role="alert">{photo.error}</p>}
    </div>
  )
}
