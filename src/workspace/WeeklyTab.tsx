/** The weekly check-in (每周对接): what changed in each project since a chosen day (a week ago by default). */
import { useEffect, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import type { ProjectChanges } from '../shared/workspaceApi'
import { CsvButton } from './CsvButton'
import type { TabProps } from './WorkspacePage'
import { workspaceErrorText } from './workspaceErrors'
import { getWeekly } from './workspaceClient'
import { dateInputValue, fromDateInput, shortDate } from './workspaceTime'

const WEEK_MS = 7 * 86_400_000

export function WeeklyTab({ workspaceId, token, workspace }: TabProps) {
  const { t, lang } = useI18n()
  const w = t.workspace.weekly
  const [day, setDay] = useState(() => dateInputValue(Date.now() - WEEK_MS))
  const [changes, setChanges] = useState<ProjectChanges[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const since = Math.min(fromDateInput(day) ?? Date.now() - WEEK_MS, Date.now())

  useEffect(() => {
    const ctrl = new AbortController()
    setError(null)
    getWeekly(workspaceId, token, since, { t, lang, signal: ctrl.signal }).then(
      (answer) => setChanges(answer.projects),
      (err: unknown) => { if (!ctrl.signal.aborted) setError(workspaceErrorText(err, t)) },
    )
    return () => ctrl.abort()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workspaceId, token, since])

  const lines = (c: ProjectChanges): string[] => [
    ...c.stageMoves.map((m) => format(w.moved, { from: t.workflow.stages[m.from], to: t.workflow.stages[m.to], date: shortDate(m.at, lang) })),
    ...([
      [c.newNeeds, w.newNeeds], [c.needsAddressed, w.addressed], [c.votesOpened, w.votesOpened], [c.votesClosed, w.votesClosed],
      [c.ballots, w.ballots], [c.approvals, w.approvals], [c.tasksDone, w.tasksDone],
    ] as const).filter(([n]) => n > 0).map(([n, text]) => format(text, { count: n })),
  ]

  return (
    <section aria-label={t.workspace.tabs.weekly}>
      <div className="ws-toolbar">
        <label className="ws-field ws-field--inline">
          <span>{w.since}</span>
          <input type="date" className="text-input" data-testid="workspace-since" value={day} max={dateInputValue(Date.now())}
            onChange={(e) => { if (fromDateInput(e.target.value) !== null) setDay(e.target.value) }} />
        </label>
        <button type="button" className="button" onClick={() => setDay(dateInputValue(Date.now() - WEEK_MS))}>{w.lastWeek}</button>
        <CsvButton workspaceId={workspaceId} token={token} kind="weekly" query={`since=${since}`} label={w.download}
          fileName={`${workspace.name}-${dateInputValue(Date.now())}-${t.workspace.files.weekly}`} />
      </div>
      <p className="ws-hint">{w.intro}</p>
      {error && <p className="field-error" role="alert">{error}</p>}
      {!changes ? <p className="loading-text">{t.workspace.loading}</p> : changes.length === 0 ? <p className="ws-empty">{t.workspace.overview.empty}</p> : (
        <ul className="ws-cards" data-testid="workspace-weekly">
          {changes.map((c) => {
            const said = lines(c)
            return (
              <li key={c.projectId} className={`card ws-card${said.length === 0 && !c.active ? ' ws-card--quiet' : ''}`} data-testid="workspace-weekly-project" data-project={c.projectId}>
                <h3 className="ws-card__title">{c.name} <span className="ws-stage">{t.workflow.stages[c.stage]}</span></h3>
                {said.length > 0 ? <ul className="ws-lines">{said.map((l) => <li key={l}>{l}</li>)}</ul>
                  : <p className="ws-quiet">{c.active ? w.otherActivity : w.noChange}</p>}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
