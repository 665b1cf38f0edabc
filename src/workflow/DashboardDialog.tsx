import { useCallback, useEffect } from 'react'
import { useLatestRequest } from '../net/useLatestRequest'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { getDashboard } from '../projects'
import type { ProjectState } from '../shared/projectApi'
import { ROLES, STAGES } from '../shared/workflow'
import { AuditSection } from './AuditSection'
import { WorkspaceSection } from './WorkspaceSection'
import { Dialog } from '../ui/Dialog'
import { byNameText } from '../i18n/stageText'

const REFRESH_MS = 15_000

interface DashboardDialogProps {
  projectId: string
  token: string
  state: ProjectState
  onClose: () => void
}

/** The organizer's overview: who joined (by role), what was contributed per stage, the stage moves. */
export function DashboardDialog({ projectId, token, state, onClose }: DashboardDialogProps) {
  const { t, lang } = useI18n()
  const d = t.workflow.dashboard
  const time = (ms: number) => new Date(ms).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'short' })

  // The time is taken with the answer, so "updated" tells when the shown figures were read.
  const request = useCallback(
    async (signal: AbortSignal) => ({ dashboard: await getDashboard(projectId, token, { t, lang, signal }), at: Date.now() }),
    [projectId, token, t, lang],
  )
  // Refreshed by the timer and the button: only the newest read may land.
  const { data: read, error, loading, load } = useLatestRequest(request)
  const data = read ? read.dashboard : null
  const updatedAt = read ? read.at : null

  useEffect(() => {
    void load()
    const timer = window.setInterval(() => void load(), REFRESH_MS)
    return () => window.clearInterval(timer)
  }, [load])

  const participants = data ? [...data.participants].sort((a, b) => a.joinedAt - b.joinedAt) : []

  return (
    <Dialog title={d.title} testId="dashboard" onClose={onClose}>
      <div className="wf-dash__bar">
        <button type="button" className="button" onClick={() => void load()} disabled={loading}>
          {loading ? d.refreshing : d.refresh}
        </button>
        {updatedAt !== null && <span className="wf-muted">{format(d.updated, { time: time(updatedAt) })}</span>}
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
      <WorkspaceSection projectId={projectId} token={token} />

      {data && (
        <>
          <h3 className="wf-section-title">{d.byRole}</h3>
          <ul className="wf-dash__roles">
            {ROLES.map((role) => (
              <li key={role} className="wf-dash__role" data-testid="dashboard-role-count" data-role={role}>
                <span className="wf-dash__count">{data.participantsByRole[role] ?? 0}</span>
                <span>{t.workflow.roles[role]}</span>
              </li>
            ))}
          </ul>

          <h3 className="wf-section-title">{d.perStage}</h3>
          <div className="wf-table-wrap">
            <table className="wf-table">
              <thead>
                <tr>
                  <th scope="col">{d.stage}</th>
                  <th scope="col">{d.needs}</th>
                  <th scope="col">{d.comments}</th>
                  <th scope="col">{d.votes}</th>
                </tr>
              </thead>
              <tbody>
                {STAGES.map((stage) => {
                  const c = data.countsByStage[stage] ?? { needs: 0, comments: 0, votes: 0 }
                  return (
                    <tr key={stage} data-testid="dashboard-stage-row" data-stage={stage} className={stage === state.stage ? 'wf-table__current' : undefined}>
                      <th scope="row">{t.workflow.stages[stage]}</th>
                      <td>{c.needs}</td>
                      <td>{c.comments}</td>
                      <td>{c.votes}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>

          <h3 className="wf-section-title">{d.people}</h3>
          {participants.length === 0 ? (
            <p className="wf-muted">{d.noPeople}</p>
          ) : (
            <div className="wf-table-wrap">
              <table className="wf-table">
                <thead>
                  <tr>
                    <th scope="col">{d.name}</th>
                    <th scope="col">{d.role}</th>
                    <th scope="col">{d.unit}</th>
                    <th scope="col">{d.joined}</th>
                  </tr>
                </thead>
                <tbody>
                  {participants.map((p) => (
                    <tr key={p.id} data-testid="dashboard-person" data-role={p.role}>
                      <td>{p.label ?? p.name}</td>
                      <td>{t.workflow.roles[p.role]}</td>
                      <td>{p.unit || '—'}</td>
                      <td>{time(p.joinedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}

      <AuditSection projectId={projectId} token={token} ownLinkId={state.linkId} refreshSignal={updatedAt} />

      <h3 className="wf-section-title">{d.moves}</h3>
      {state.moves.length === 0 ? (
        <p className="wf-muted">{d.noMoves}</p>
      ) : (
        <ol className="wf-timeline">
          {[...state.moves].reverse().map((m) => (
            <li key={m.id} className="wf-timeline__item">
              <span className="wf-timeline__time">{time(m.at)}</span>
              <span>
                {format(d.move, {
                  name: byNameText(t, m.byName),
                  from: t.workflow.stages[m.from],
                  to: t.workflow.stages[m.to],
                })}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  )
}
