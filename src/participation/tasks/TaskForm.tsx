/**
 * The organizer's form for a task (new or edited): what, details, who is responsible, due date, the
 * needs it answers, and its place — one tap on the plan (on a phone the sheet folds away for the tap
 * and comes back). What was typed stays if the server refuses (its reason shown above the buttons).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useEditor, type VecLike } from 'tldraw'
import { useI18n } from '../../i18n/I18nProvider'
import { liveNeeds } from '../needs/needsLogic'
import { FormFooter } from '../negotiate/FormFooter'
import { useAction } from '../negotiate/useAction'
import { pickPlace } from '../options/pickPlace'
import { foldPanelOnPhone, requestPanelOpen } from '../panelFold'
import { createTask, updateTask } from '../participationClient'
import { useParticipationState } from '../ParticipationContext'
import { isDueDate, TASK_DESCRIPTION_MAX, TASK_RESPONSIBLE_MAX, TASK_TITLE_MAX, type Task } from '../../shared/tasks'

export function TaskForm({ task, onDone }: { task: Task | null; onDone: () => void }) {
  const editor = useEditor()
  const { t } = useI18n()
  const s = t.tasks
  const { participation } = useParticipationState()
  const save = useAction()
  const [title, setTitle] = useState(task?.title ?? '')
  const [description, setDescription] = useState(task?.description ?? '')
  const [responsible, setResponsible] = useState(task?.responsible ?? '')
  const [due, setDue] = useState(task?.due ?? '')
  const [needIds, setNeedIds] = useState<string[]>(task?.needIds ?? [])
  const [place, setPlace] = useState<VecLike | null>(task ? { x: task.x, y: task.y } : null)
  const [picking, setPicking] = useState(false)
  const stopPicking = useRef<(() => void) | null>(null)
  useEffect(() => () => stopPicking.current?.(), [])
  const needs = participation ? liveNeeds(participation.needs) : []

  const pick = () => {
    stopPicking.current?.()
    setPicking(true)
    foldPanelOnPhone()
    stopPicking.current = pickPlace(editor, (p) => {
      stopPicking.current = null
      setPlace({ x: Math.round(p.x * 100) / 100, y: Math.round(p.y * 100) / 100 })
      setPicking(false)
      requestPanelOpen()
    })
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!title.trim() || !responsible.trim() || !isDueDate(due) || !place) {
      save.setError(s.missing)
      return
    }
    const body = { title, description, responsible, due, needIds, x: place.x, y: place.y }
    const done = await save.act((c, o) => (task ? updateTask(c, task.id, body, o) : createTask(c, body, o)))
    if (done) onDone()
  }

  return (
    <form className="ng-form ng-card" data-testid="task-form" onSubmit={submit}>
      <h3 className="ng-heading">{task ? s.editTitle : s.addTitle}</h3>
      <label className="ng-field">
        <span className="ng-field__label">{s.titleLabel}</span>
        <input className="ng-input" data-testid="task-title" value={title} maxLength={TASK_TITLE_MAX} placeholder={s.titlePlaceholder} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="ng-field">
        <span className="ng-field__label">{s.descriptionLabel}</span>
        <textarea className="ng-input ng-input--text" data-testid="task-description" value={description} maxLength={TASK_DESCRIPTION_MAX} rows={2} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label className="ng-field">
        <span className="ng-field__label">{s.responsibleLabel}</span>
        <input className="ng-input" data-testid="task-responsible" value={responsible} maxLength={TASK_RESPONSIBLE_MAX} placeholder={s.responsiblePlaceholder} onChange={(e) => setResponsible(e.target.value)} />
      </label>
      <label className="ng-field">
        <span className="ng-field__label">{s.dueLabel}</span>
        <input className="ng-input" type="date" data-testid="task-due" value={due} min="2000-01-01" max="2100-12-31" onChange={(e) => setDue(e.target.value)} />
      </label>
      {needs.length > 0 && (
        <fieldset className="ng-fieldset tk-needs">
          <legend className="ng-field__label">{s.needsLabel}</legend>
          {needs.map((n) => (
            <label key={n.id} className="ng-check">
              <input type="checkbox" checked={needIds.includes(n.id)} onChange={(e) => setNeedIds(e.target.checked ? [...needIds, n.id] : needIds.filter((id) => id !== n.id))} />
              <span>{n.text}</span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="ng-field">
        <span className="ng-field__label">{s.placeLabel}</span>
        <div className="ng-inline">
          <span data-testid="task-place" data-chosen={place !== null}>{picking ? s.pickingPlace : place ? s.placeChosen : s.placeNone}</span>
          <button type="button" className="button" data-testid="task-pick-place" onClick={pick}>{s.pickPlace}</button>
        </div>
      </div>
      <FormFooter
        error={save.error}
        errorTestId="task-form-error"
        busy={save.busy}
        submitLabel={s.save}
        busyLabel={s.save}
        submitTestId="task-save"
        cancelLabel={s.cancel}
        onCancel={onDone}
      />
    </form>
  )
}
