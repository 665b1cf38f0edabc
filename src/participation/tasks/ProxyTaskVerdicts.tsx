/**
 * In the 代录 dialog (实施落实): for the chosen resident, 认可 / 不认可 of each finished task, as she
 * says it to the committee member. The server records it under her, with who entered it.
 */
import { useI18n } from '../../i18n/I18nProvider'
import type { Task } from '../../shared/tasks'
import { useAction } from '../negotiate/useAction'
import { answerTaskFor } from '../participationClient'
import { useParticipationState } from '../ParticipationContext'

export function ProxyTaskVerdicts({ residentId }: { residentId: string }) {
  const { participation } = useParticipationState()
  const { t } = useI18n()
  const done = (participation?.tasks ?? []).filter((task) => task.status === 'done')
  return (
    <section className="px-section" aria-label={t.tasks.proxyHeading}>
      <h4 className="px-heading">{t.tasks.proxyHeading}</h4>
      {done.length === 0 && <p className="px-muted">{t.tasks.proxyNone}</p>}
      <ul className="px-needs">
        {done.map((task) => <VerdictRow key={task.id} task={task} residentId={residentId} />)}
      </ul>
    </section>
  )
}

function VerdictRow({ task, residentId }: { task: Task; residentId: string }) {
  const { t } = useI18n()
  const { busy, error, act } = useAction()
  const send = (accepted: boolean) => void act((c, o) => answerTaskFor(c, task.id, { residentId, accepted }, o))
  return (
    <li className="px-need" data-testid="proxy-task" data-task-id={task.id}>
      <span className="px-need__text">{task.title}</span>
      <div className="tk-verdict">
        <button type="button" className="button tk-yes" data-testid="proxy-task-accept" disabled={busy} onClick={() => send(true)}>{t.tasks.accept}</button>
        <button type="button" className="button tk-no" data-testid="proxy-task-reject" disabled={busy} onClick={() => send(false)}>{t.tasks.reject}</button>
      </div>
      {error && <p className="ng-error" role="alert">{error}</p>}
    </li>
  )
}
