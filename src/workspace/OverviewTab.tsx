/** Every project of the workspace with its stage and counts, filtered by stage and by overdue. */
import { useEffect, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { ROLES, STAGES, type Stage } from '../shared/workflow'
import type { ProjectSummary } from '../shared/workspaceApi'
import { CsvButton } from './CsvButton'
import type { TabProps } from './WorkspacePage'
import { workspaceErrorText } from './workspaceErrors'
import { getOverview } from './workspaceClient'
import { shortTime } from './workspaceTime'

const SORTS = ['added', 'days', 'activity', 'quiet'] as const
type Sort = (typeof SORTS)[number]
const ORDER: Record<Sort, ((a: ProjectSummary, b: ProjectSummary) => number) | null> = {
  added: null,
  days: (a, b) => b.daysInStage - a.daysInStage,
  activity: (a, b) => b.lastActivity - a.lastActivity,
  quiet: (a, b) => a.lastActivity - b.lastActivity,
}

export function OverviewTab({ workspaceId, token, workspace }: TabProps) {
  const { t, lang } = useI18n()
  const o = t.workspace.overview
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [stage, setStage] = useState<Stage | 'all'>('all')
  const [onlyOverdue, setOnlyOverdue] = useState(false)
  const [sort, setSort] = useState<Sort>('added')

  useEffect(() => {
    const ctrl = new AbortController()
    getOverview(workspaceId, token, { t, lang, signal: ctrl.signal }).then(
      (answer) => setProjects(answer.projects),
      (err: unknown) => { if (!ctrl.signal.aborted) setError(workspaceErrorText(err, t)) },
    )
    return () => ctrl.abort()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workspaceId, token])

  if (error) return <p className="field-error" role="alert">{error}</p>
  if (!projects) return <p className="loading-text">{t.workspace.loading}</p>
  if (projects.length === 0) return <p className="ws-empty" data-testid="workspace-empty">{o.empty}</p>

  const filtered = projects.filter((p) => (stage === 'all' || p.stage === stage) && (!onlyOverdue || p.overdue))
  const order = ORDER[sort]
  const shown = order ? [...filtered].sort(order) : filtered
  const overdue = projects.filter((p) => p.overdue).length
  return (
    <section aria-label={t.workspace.tabs.overview}>
      <div className="ws-toolbar">
        <label className="ws-field ws-field--inline">
          <span>{o.filterStage}</span>
          <select className="text-input" data-testid="workspace-filter-stage" value={stage} onChange={(e) => setStage(e.target.value as Stage | 'all')}>
            <option value="all">{o.allStages}</option>
            {STAGES.map((s) => <option key={s} value={s}>{t.workflow.stages[s]}</option>)}
          </select>
        </label>
        <label className="ws-field ws-field--inline">
          <span>{o.sort}</span>
          <select className="text-input" data-testid="workspace-sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            {SORTS.map((s) => <option key={s} value={s}>{o.sorts[s]}</option>)}
          </select>
        </label>
        <label className="ws-check">
          <input type="checkbox" data-testid="workspace-filter-overdue" checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.target.checked)} />
          <span>{o.onlyOverdue}</span>
        </label>
        <p className="ws-summary" data-testid="workspace-summary">
          {format(o.summary, { count: projects.length, overdue })}
          {shown.length !== projects.length && <> · {format(o.shown, { count: shown.length })}</>}
        </p>
        <CsvButton workspaceId={workspaceId} token={token} kind="overview" label={o.download} fileName={`${workspace.name}-${t.workspace.files.overview}`} />
      </div>
      <p className="ws-hint">{format(o.overdueRule, { days: workspace.overdueDays })}</p>
      {shown.length === 0 ? <p className="ws-empty">{o.noneMatch}</p> : (
        <table className="ws-table" data-testid="workspace-projects">
          <thead>
            <tr>
              <th scope="col">{o.project}</th>
              <th scope="col">{o.stage}</th>
              <th scope="col">{o.days}</th>
              <th scope="col">{o.needs}</th>
              <th scope="col">{o.matched}</th>
              <th scope="col">{o.people}</th>
              <th scope="col">{o.revisions}</th>
              <th scope="col">{o.tasks}</th>
              <th scope="col">{o.lastActivity}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.projectId} data-testid="workspace-project" data-project={p.projectId} data-stage={p.stage} data-overdue={p.overdue}
                className={p.overdue ? 'ws-row--overdue' : undefined}>
                <th scope="row" className="ws-cell-name">
                  <span className="ws-project-name">{p.name}</span>
                  {p.area && <span className="ws-project-area">{p.area}</span>}
                  {p.overdue && <span className="ws-overdue" data-testid="workspace-overdue">{o.overdue}</span>}
                </th>
                <td data-label={o.stage} data-testid="workspace-stage">{t.workflow.stages[p.stage]}</td>
                <td data-label={o.days}>{format(o.daysValue, { days: p.daysInStage })}</td>
                <td data-label={o.needs} data-testid="workspace-needs">{p.needsAddressed}/{p.needsRaised}</td>
                <td data-label={o.matched}>{p.needsMatched}</td>
                <td data-label={o.people} data-testid="workspace-people">
                  {ROLES.map((r) => `${t.workflow.roles[r]} ${p.participants[r]}`).join(' · ')}
                </td>
                <td data-label={o.revisions}>{p.openRevisions}</td>
                <td data-label={o.tasks}>{p.tasks.done}/{p.tasks.late}</td>
                <td data-label={o.lastActivity}>{shortTime(p.lastActivity, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
