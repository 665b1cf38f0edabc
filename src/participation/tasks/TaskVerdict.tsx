/**
 * 居民打钩 for a finished task: two big buttons, 认可 and 不认可, and an optional comment. One answer
 * per person; pressing the other button changes it (the server keeps one row per person and task).
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { TASK_COMMENT_MAX, type Task } from '../../shared/tasks'
import { useAction } from '../negotiate/useAction'
import { answerTask } from '../participationClient'

export function TaskVerdict({ task }: { task: Task }) {
  const { t } = useI18n()
  const s = t.tasks
  const answer = useAction()
  const [comment, setComment] = useState(task.mine?.comment ?? '')
  const send = (accepted: boolean) => void answer.act((c, o) => answerTask(c, task.id, { accepted, comment }, o))
  return (
    <div className="ng-group" data-testid="task-verdict">
      <label className="ng-field">
        <span className="ng-field__label">{s.commentLabel}</span>
        <textarea className="ng-input ng-input--text" data-testid="task-comment" rows={2} maxLength={TASK_COMMENT_MAX} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <div className="tk-verdict">
        <button type="button" className="button tk-yes" data-testid="task-accept" aria-pressed={task.mine?.accepted === true} disabled={answer.busy} onClick={() => send(true)}>
          {s.accept}
        </button>
        <button type="button" className="button tk-no" data-testid="task-reject" aria-pressed={task.mine?.accepted === false} disabled={answer.busy} onClick={() => send(false)}>
          {s.reject}
        </button>
      </div>
      {task.mine && (
        <p className="ng-done" role="status" data-testid="task-my-answer">
          <strong>{format(s.myAnswer, { answer: task.mine.accepted ? s.accept : s.reject })}</strong>
          {task.mine.enteredBy && format(s.enteredBy, { name: task.mine.enteredBy })} {s.changeAnswer}
        </p>
      )}
      {answer.error && <p className="ng-error" role="alert" data-testid="task-verdict-error">{answer.error}</p>}
    </div>
  )
}
