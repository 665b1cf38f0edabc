/**
 * The project board (/p/<id>): the plain board (src/board/BoardEditor) with what a project adds —
 * roles on cursors, the measure tools, the stage bar and its panels, and participation.
 *
 * What must be there when tldraw mounts is static here (the tools, toolbar and cursor: new tools
 * would remount the editor). Everything else is fetched once the canvas is up (lazyPart): the
 * participation panel and layer, the measure readouts and base plan, the panels behind the stage
 * bar's buttons. They show nothing until they arrive, and they float over the canvas, so nothing
 * moves when they do. The panels a person may open are then fetched ahead when the browser is idle
 * (PrefetchWhenIdle), so they still open if the network drops.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { TLComponents, TLUiOverrides } from 'tldraw'
import { lazyPart } from '../ui/lazyPart'
import { BoardEditor, type BoardExtension } from '../board/BoardEditor'
import { PeoplePanel } from '../board/PeoplePanel'
import { ExportEditorBridge } from '../export/ExportEditorBridge'
import { useI18n } from '../i18n/I18nProvider'
import { TLDRAW_LOCALE } from '../i18n/lang'
import { measureOverrides, measureTools } from '../measure/editor'
import { ParticipationProvider } from '../participation'
import type { ParticipationStore } from '../participation'
import { setScale } from '../projects'
import type { ClientConfig } from '../shared/api'
import type { ProjectState } from '../shared/projectApi'
import { can } from '../shared/workflow'
import type { LocalUser } from '../sync'
import { panelPreloads, ProjectChrome, type ProjectPanel } from './ProjectChrome'
import { PrefetchWhenIdle } from './PrefetchWhenIdle'
import { ProjectToolbar } from './ProjectToolbar'
import { ProjectUiContext, type ProjectUi } from './ProjectUiContext'
import { RoleCursor } from './RoleCursor'
import { FitOnOpen } from './FitOnOpen'
import { PhoneBoardControls } from './PhoneBoardControls'
import { useCompactScreen } from '../board'
import { FromLightView } from '../lightView/FromLightView'
import { useLightSession } from '../lightView'

const ParticipationLayer = lazyPart(() => import('../participation/ParticipationLayer').then((m) => m.ParticipationLayer))
const ParticipationPanel = lazyPart(() => import('../participation/ParticipationPanel').then((m) => m.ParticipationPanel))
const MeasureLayer = lazyPart(() => import('../measure/MeasureLayer').then((m) => m.MeasureLayer))

// Module constants: tldraw compares components by identity and rebuilds its UI when they change.
const organizerComponents: TLComponents = {
  SharePanel: PeoplePanel,
  CollaboratorCursor: RoleCursor,
  Toolbar: ProjectToolbar,
  InFrontOfTheCanvas: ParticipationLayer,
}
/**
 * Pages are the board's own records: only the organizer adds, renames or deletes them (the server
 * refuses anyone else's, src/shared/boardRules.ts). So the others get no page menu at all.
 */
const othersComponents: TLComponents = { ...organizerComponents, PageMenu: null }

/** The action behind "Move to page › New page" in the context menu: it adds a page. */
const NEW_PAGE_ACTION = 'move-to-new-page'

/** The overrides for someone who may not add pages: `base` without the action that would add one. */
function withoutNewPage(base: TLUiOverrides): TLUiOverrides {
  return {
    ...base,
    actions: (editor, actions, helpers) => {
      const all = base.actions ? base.actions(editor, actions, helpers) : actions
      const { [NEW_PAGE_ACTION]: _newPage, ...rest } = all
      return rest
    },
  }
}

/** What the project page knows and does for its board. */
export interface ProjectBoard {
  /** This person's own token: sync `params`, uploads, workflow calls. */
  token: string
  state: ProjectState
  /** The project's event stream is reconnecting; the state shown may be out of date. */
  stale: boolean
  /** Ask the server for the project state again. */
  refresh: () => Promise<void>
  /** The sync server refused the link (withdrawn or expired while the board was open). */
  onAccessLost: (code: number) => void
  /** Change my name on the server (others see the participant's name there); rejects with a readable error. */
  rename: (name: string) => Promise<void>
  /** Needs, options, comments, votes… as the server last told this person (src/participation). */
  participation: ParticipationStore
}

interface ProjectBoardEditorProps {
  projectId: string
  boardName: string
  config: ClientConfig
  participant: LocalUser
  project: ProjectBoard
  /** The stage bar's open panel; held by the page, so one opened on the light view stays open. */
  panel: ProjectPanel
  setPanel: (panel: ProjectPanel) => void
}

export function ProjectBoardEditor({ projectId, boardName, config, participant, project, panel, setPanel }: ProjectBoardEditorProps) {
  const { t, lang } = useI18n()
  // The light view this editor takes over from (a phone), if any (src/lightView).
  const light = useLightSession()
  const { token, state, refresh } = project
  const { role, stage } = state
  // What this person may do is decided by role × stage; the server enforces the same table.
  const canDraw = can(role, stage, 'draw')
  const myName = participant.name

  // On a phone the board is the plan and our own controls; drawing is a mode entered on purpose
  // (PhoneBoardControls). A stage move that takes drawing away ends the mode.
  const compact = useCompactScreen()
  const [drawing, setDrawing] = useState(false)
  useEffect(() => {
    if (!canDraw) setDrawing(false)
  }, [canDraw])
  const startDrawing = useCallback(() => setDrawing(true), [])
  // Experts and the organizer sketch with tldraw's full toolbar; a resident with our few tools.
  const hideUi = compact && !(drawing && canDraw && role !== 'resident')

  const i18nRef = useRef({ t, lang })
  useEffect(() => {
    i18nRef.current = { t, lang }
  }, [t, lang])

  const onSetScale = useCallback(
    async (metresPerUnit: number, northDegrees: number | null) => {
      await setScale(projectId, token, { metresPerUnit, northDegrees }, i18nRef.current)
      await refresh()
    },
    [projectId, token, refresh],
  )

  const projectUi = useMemo<ProjectUi>(
    () => ({
      projectId,
      state,
      role,
      stage,
      canDraw,
    }),
    [projectId, state, role, stage, canDraw],
  )
  const { linkId, participantId } = state
  const editActor = useMemo(() => ({ role, linkId, participantId }), [role, linkId, participantId])
  const mayShare = can(role, stage, 'manageLinks')
  const openShare = useMemo(() => (mayShare ? () => setPanel('share') : null), [mayShare, setPanel])

  // The panels this person may open, fetched ahead so they still open after the network drops.
  const preloads = useMemo(() => panelPreloads(role, stage), [role, stage])

  const isOrganizer = role === 'organizer'
  const overrides = useMemo(() => {
    const measure = measureOverrides(t, TLDRAW_LOCALE[lang])
    return isOrganizer ? measure : withoutNewPage(measure)
  }, [t, lang, isOrganizer])

  const wrap = (board: ReactNode) => (
    <ProjectUiContext.Provider value={projectUi}>
      <ParticipationProvider projectId={projectId} token={token} state={state} myName={myName} store={project.participation}>
        {board}
      </ParticipationProvider>
    </ProjectUiContext.Provider>
  )

  const extension: BoardExtension = {
    token,
    role,
    canDraw,
    openShare,
    components: isOrganizer ? organizerComponents : othersComponents,
    tools: measureTools,
    overrides,
    onAccessLost: project.onAccessLost,
    rename: project.rename,
    wrap,
    editActor,
    hideUi,
    chrome: (
      <ProjectChrome
        projectId={projectId}
        token={token}
        state={state}
        stale={project.stale}
        myName={myName}
        licenseKey={config.tldrawLicenseKey}
        refresh={refresh}
        panel={panel}
        setPanel={setPanel}
      />
    ),
    inEditor: (
      <>
        <ExportEditorBridge />
        <FitOnOpen />
        {light && <FromLightView session={light} onDraw={startDrawing} />}
        {compact && <PhoneBoardControls role={role} canDraw={canDraw} drawing={drawing} setDrawing={setDrawing} />}
        <ParticipationPanel />
        <MeasureLayer
          scale={state.project.scale}
          basePlan={state.project.basePlan}
          isOrganizer={isOrganizer}
          canDraw={canDraw}
          onSetScale={onSetScale}
        />
        <PrefetchWhenIdle parts={preloads} />
      </>
    ),
  }

  return <BoardEditor boardId={projectId} boardName={boardName} config={config} participant={participant} extension={extension} />
}
