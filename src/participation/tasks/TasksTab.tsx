/**
 * The Tasks tab (任务, 方案定稿 and 实施落实): the task list of the agreed plan. The organizer makes
 * and edits tasks here; whoever follows the work records progress on each card; residents and the
 * committee answer 认可 / 不认可 for finished ones. A tap on a task's pin on the plan opens its card.
 */
import { useEffect, useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { ProxyButton } from '../proxy/ProxyButton'
import { TaskCard } from './TaskCard'
import { TaskForm } from './TaskForm'
import { useTaskFocus } from './taskFocus'
import '../negotiate/negotiate.css'
import './tasks.css'

export function TasksTab() {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t } = useI18n()
  const s = t.tasks
  // null: no form; 'new'; or the id of the task being edited.
  const [form, setForm] = useState<string | null>(null)
  const focus = useTaskFocus()
  const [highlight, setHighlight] = useState<string | null>(null)
  useEffect(() => {
    if (!focus) return
    setHighlight(focus.taskId)
    const timer = setTimeout(() => setHighlight(null), 4000)
    return () => clearTimeout(timer)
  }, [focus])
  if (!ui) return null
  if (!participation) return <p className="ng-muted">{t.negotiate.loading}</p>
  const tasks = participation.tasks ?? []
  const mayManage = ui.may('manageTasks')

  return (
    <section className="ng-tab" data-testid="tasks-tab" aria-label={t.participation.tabs.tasks}>
      <p className="ng-intro">{ui.role === 'resident' ? s.introResident : s.intro}</p>
      {mayManage && form === null && (
        <button type="button" className="button button--primary ng-big" data-testid="task-add" onClick={() => setForm('new')}>{s.add}</button>
      )}
      {form === 'new' && <TaskForm task={null} onDone={() => setForm(null)} />}
      {/* 代录: a resident without a phone says 认可 / 不认可 to a committee member (only where proxyEntry is allowed). */}
      <ProxyButton />
      {tasks.length === 0 && <p className="ng-muted">{s.none}</p>}
      {tasks.map((task, i) =>
        form === task.id ? (
          <TaskForm key={task.id} task={task} onDone={() => setForm(null)} />
        ) : (
          <TaskCard key={task.id} task={task} n={i + 1} highlighted={highlight === task.id} onEdit={() => setForm(task.id)} />
        ),
      )}
    </section>
  )
}
