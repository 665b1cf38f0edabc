import { useState } from 'react'
import { lazyPart } from '../ui/lazyPart'
import { PartLoading } from '../ui/PartLoading'
import { LazyExportDialog } from '../export'
import { NoticeTool } from '../notice'
import { useI18n } from '../i18n/I18nProvider'
import { ProjectorButton } from '../participation/negotiate/ProjectorButton'
import { PrivateModeBanner } from '../participation/private/PrivateModeBanner'
import { PrivateModeButton } from '../participation/private/PrivateModeButton'
import type { ProjectState, StageMove } from '../shared/projectApi'
import { can, type Role, type Stage } from '../shared/workflow'
import { LoadFailedDialog } from './LoadFailedDialog'
import type { Preload } from './PrefetchWhenIdle'
import { StageBar } from './StageBar'

// The panels are not in the board's first download: most people on a board never open them, and
// the stage bar (which shows what the stage asks of everyone) must not wait for their code. They
// are fetched when first opened, or before that when the browser is idle (panelPreloads).
const loading = <PartLoading />
const ShareDialog = lazyPart(() => import('./ShareDialog').then((m) => m.ShareDialog), LoadFailedDialog, loading)
const DashboardDialog = lazyPart(() => import('./DashboardDialog').then((m) => m.DashboardDialog), LoadFailedDialog, loading)
const HistoryDialog = lazyPart(() => import('./HistoryDialog').then((m) => m.HistoryDialog), LoadFailedDialog, loading)
const PeopleDialog = lazyPart(() => import('./PeopleDialog').then((m) => m.PeopleDialog), LoadFailedDialog, loading)
const HistoryViewer = lazyPart(() => import('./HistoryViewer').then((m) => m.HistoryViewer), LoadFailedDialog, loading)

/** The code of the panels `role` may open in `stage` (same rules as the buttons below), to fetch ahead. */
export function panelPreloads(role: Role, stage: Stage): Preload[] {
  const parts = [HistoryDialog.preload, HistoryViewer.preload, PeopleDialog.preload]
  if (can(role, stage, 'manageLinks')) parts.push(ShareDialog.preload, DashboardDialog.preload)
  return parts
}

export type ProjectPanel = 'share' | 'dashboard' | 'history' | 'export' | 'people' | null

interface ProjectChromeProps {
  projectId: string
  token: string
  state: ProjectState
  stale: boolean
  myName: string
  licenseKey: string | null
  refresh: () => Promise<void>
  panel: ProjectPanel
  setPanel: (panel: ProjectPanel) => void
}

/** Everything a project adds around the canvas: the stage bar with its tools, and their panels. */
export function ProjectChrome(props: ProjectChromeProps) {
  const { projectId, token, state, stale, myName, licenseKey, refresh, panel, setPanel } = props
  const { t } = useI18n()
  const tools = t.workflow.tools
  const [viewing, setViewing] = useState<StageMove | null>(null)
  const isOrganizer = can(state.role, state.stage, 'manageLinks')
  const mayExport = can(state.role, state.stage, 'export')
  // Projector mode steers what followers see (the server's 'facilitate' rule guards the same).
  const mayFacilitate = can(state.role, state.stage, 'facilitate')

  const toolButtons = (
    <>
      <button
        type="button"
        className="button wf-tool"
        data-testid="open-history"
        title={tools.historyLabel}
        onClick={() => setPanel('history')}
      >
        {tools.history}
      </button>
      <button type="button" className="button wf-tool" data-testid="open-people" title={t.identity.toolLabel} onClick={() => setPanel('people')}>
        {t.identity.tool}
      </button>
      {isOrganizer && (
        <button type="button" className="button wf-tool" data-testid="open-share" title={tools.shareLabel} onClick={() => setPanel('share')}>
          {tools.share}
        </button>
      )}
      {isOrganizer && (
        <button
          type="button"
          className="button wf-tool"
          data-testid="open-dashboard"
          title={tools.dashboardLabel}
          onClick={() => setPanel('dashboard')}
        >
          {tools.dashboard}
        </button>
      )}
      {mayFacilitate && <ProjectorButton onOpen={() => setPanel(null)} />}
      <PrivateModeButton />
      <NoticeTool projectId={projectId} token={token} state={state} />
      {mayExport && (
        <button type="button" className="button wf-tool" data-testid="open-export" title={t.export.openLabel} onClick={() => setPanel('export')}>
          {t.export.open}
        </button>
      )}
    </>
  )

  const close = () => setPanel(null)

  return (
    <>
      <StageBar
        projectId={projectId}
        token={token}
        state={state}
        stale={stale}
        myName={myName}
        refresh={refresh}
        tools={toolButtons}
      />
      {/* Under the stage bar on every screen: what 各自先想 lets you see (the server withholds the rest). */}
      <PrivateModeBanner />
      {panel === 'share' && isOrganizer && <ShareDialog projectId={projectId} token={token} state={state} onClose={close} />}
      {panel === 'dashboard' && isOrganizer && (
        <DashboardDialog projectId={projectId} token={token} state={state} onClose={close} />
      )}
      {panel === 'people' && <PeopleDialog projectId={projectId} token={token} state={state} onClose={close} />}
      {panel === 'export' && mayExport && <LazyExportDialog projectId={projectId} token={token} state={state} onClose={close} />}
      {panel === 'history' && !viewing && (
        <HistoryDialog
          moves={state.moves}
          onView={setViewing}
          onClose={close}
          isOrganizer={isOrganizer}
          projectId={projectId}
          token={token}
          licenseKey={licenseKey}
        />
      )}
      {viewing && (
        <HistoryViewer
          projectId={projectId}
          token={token}
          move={viewing}
          licenseKey={licenseKey}
          onClose={() => setViewing(null)}
        />
      )}
    </>
  )
}
