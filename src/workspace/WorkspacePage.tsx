/**
 * /w/<workspaceId>#<token> — the town's workspace: the overview of its projects, the weekly check-in,
 * the needs and resources lists and (manager link) its management. A light page: no board code.
 */
import { useEffect, useState } from 'react'
import { ApiRequestError } from '../net/api'
import { useI18n } from '../i18n/I18nProvider'
import { LangSwitch } from '../i18n/LangSwitch'
import { LargeTextToggle } from '../ui/LargeTextToggle'
import { LoadingPage } from '../ui/LoadingPage'
import { MessagePage } from '../ui/MessagePage'
import { navigate } from '../ui/router'
import { workspacePath, type WorkspaceInfo, type WorkspaceRole } from '../shared/workspaceApi'
import { ListsTab } from './ListsTab'
import { ManageTab } from './ManageTab'
import { OverviewTab } from './OverviewTab'
import { WeeklyTab } from './WeeklyTab'
import { getWorkspace } from './workspaceClient'
import { getWorkspaceAccess, saveWorkspaceAccess, workspaceTokenFromHash } from '../projects'
import './workspace.css'

type Tab = 'overview' | 'weekly' | 'lists' | 'manage'

/** The token from the address (then kept on this device and taken out of the address bar), or the kept one. */
function takeToken(workspaceId: string): string | null {
  const fromHash = workspaceTokenFromHash(window.location.hash)
  if (fromHash) {
    const known = getWorkspaceAccess(workspaceId)
    saveWorkspaceAccess(workspaceId, { token: fromHash, role: known?.token === fromHash ? known.role : null, name: known?.name ?? '' })
    // Security: a projected or shared screen must not show the token; the device keeps it.
    navigate(workspacePath(workspaceId), { replace: true })
    return fromHash
  }
  return getWorkspaceAccess(workspaceId)?.token ?? null
}

export function WorkspacePage({ workspaceId }: { workspaceId: string }) {
  const { t, lang } = useI18n()
  const [token] = useState(() => takeToken(workspaceId))
  const [info, setInfo] = useState<{ workspace: WorkspaceInfo; role: WorkspaceRole } | null>(null)
  const [failure, setFailure] = useState<'not_found' | 'revoked' | ApiRequestError | null>(token ? null : 'not_found')
  const [tab, setTab] = useState<Tab>('overview')
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    if (!token) return
    const ctrl = new AbortController()
    getWorkspace(workspaceId, token, { t, lang, signal: ctrl.signal }).then(
      (state) => {
        setInfo(state)
        setFailure(null)
        saveWorkspaceAccess(workspaceId, { token, role: state.role, name: state.workspace.name })
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return
        if (err instanceof ApiRequestError && err.code === 'link_revoked') setFailure('revoked')
        else if (err instanceof ApiRequestError && [401, 404].includes(err.status)) setFailure('not_found')
        else setFailure(err instanceof ApiRequestError ? err : null)
      },
    )
    return () => ctrl.abort()
    // t and lang only word errors: a language switch needs no new request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workspaceId, token, attempt])

  useEffect(() => {
    document.title = `${info?.workspace.name ?? t.workspace.homeTitle} · 共绘`
  }, [info, t])

  if (failure === 'not_found' || failure === 'revoked') {
    return <MessagePage title={t.workspace.homeTitle} body={failure === 'revoked' ? t.workspace.revoked : t.workspace.notFound} testId="workspace-refused" code={failure} alert />
  }
  if (failure) {
    return (
      <MessagePage title={t.workspace.homeTitle} body={failure.describe(t, lang)} testId="workspace-failed" alert
        actions={<button type="button" className="button button--primary" onClick={() => setAttempt((n) => n + 1)}>{t.workspace.retry}</button>} />
    )
  }
  if (!info || !token) return <LoadingPage />

  const tabs: Tab[] = info.role === 'manager' ? ['overview', 'weekly', 'lists', 'manage'] : ['overview', 'weekly', 'lists']
  const ctx = { workspaceId, token, workspace: info.workspace, role: info.role }
  return (
    <div className="ws-page" data-testid="workspace-page" data-role={info.role}>
      <header className="ws-header">
        <div className="ws-header__title">
          <h1 data-testid="workspace-name">{info.workspace.name}</h1>
          <span className={`ws-badge ws-badge--${info.role}`}>{info.role === 'manager' ? t.workspace.roleManager : t.workspace.roleBoard}</span>
        </div>
        <div className="ws-header__tools">
          <LargeTextToggle />
          <LangSwitch />
        </div>
      </header>
      <nav className="ws-tabs" role="tablist">
        {tabs.map((key) => (
          <button key={key} type="button" role="tab" aria-selected={tab === key} className="ws-tab" data-testid={`workspace-tab-${key}`} onClick={() => setTab(key)}>
            {t.workspace.tabs[key]}
          </button>
        ))}
      </nav>
      <main className="ws-main" role="tabpanel">
        {tab === 'overview' && <OverviewTab {...ctx} />}
        {tab === 'weekly' && <WeeklyTab {...ctx} />}
        {tab === 'lists' && <ListsTab {...ctx} />}
        {tab === 'manage' && <ManageTab {...ctx} onChanged={(workspace) => setInfo({ ...info, workspace })} />}
      </main>
    </div>
  )
}

export interface TabProps {
  workspaceId: string
  token: string
  workspace: WorkspaceInfo
  role: WorkspaceRole
}
