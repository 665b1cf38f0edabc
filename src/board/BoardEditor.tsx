import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { Tldraw, type TLComponents, type TLUiOverrides } from 'tldraw'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import 'tldraw/tldraw.css'
import type { ClientConfig } from '../shared/api'
import { CloseCode, SYNC_PATH } from '../shared/protocol'
import type { ProjectState } from '../shared/projectApi'
import { can } from '../shared/workflow'
import { setScale } from '../projects/projectClient'
import { MeasureLayer, measureOverrides, measureTools } from '../measure'
import { ProjectChrome, type ProjectPanel } from '../workflow/ProjectChrome'
import { ProjectToolbar } from '../workflow/ProjectToolbar'
import { ProjectUiContext, type ProjectUi } from '../workflow/ProjectUiContext'
import { RoleCursor } from '../workflow/RoleCursor'
import { ExportEditorBridge } from '../export/ExportEditorBridge'
import { ParticipationProvider } from '../participation/ParticipationContext'
import { ParticipationLayer } from '../participation/ParticipationLayer'
import { ParticipationPanel } from '../participation/ParticipationPanel'
import type { ParticipationStore } from '../participation/participationStore'
import { useI18n } from '../i18n/I18nProvider'
import { TLDRAW_LOCALE, tldrawTranslationOverrides } from '../i18n/strings'
import type { BoardSyncOptions, LocalUser } from '../sync/types'
import { useBoardSync } from '../sync/useBoardSync'
import { ACCEPTED_IMAGE_MIME_TYPES, ACCEPTED_VIDEO_MIME_TYPES, createAssetStore } from './assetStore'
import { BoardHeader } from './BoardHeader'
import { BoardUiContext, type BoardUi } from './BoardUiContext'
import { NamePrompt } from './NamePrompt'
import { PeoplePanel } from './PeoplePanel'
import { SchemaErrorBanner } from './SchemaErrorBanner'
import { ServerCloseBanner } from './ServerCloseBanner'
import { LocalisedContentHandlers } from './LocalisedContentHandlers'
import { ToastBridge } from './ToastBridge'
import { useTldrawUser } from './useTldrawUser'

// Fonts, icons and translations are bundled by Vite and served by our own server: no CDN.
const assetUrls = getAssetUrlsByImport()
// Our people list replaces tldraw's face-pile menu, so names are always readable.
const components: TLComponents = { SharePanel: PeoplePanel }
const overrides: TLUiOverrides = { translations: tldrawTranslationOverrides }
// A project board adds roles on cursors and the measure tools. Module constants: tldraw compares
// components, overrides and tools by identity and rebuilds its UI when they change.
const projectComponents: TLComponents = {
  SharePanel: PeoplePanel,
  CollaboratorCursor: RoleCursor,
  Toolbar: ProjectToolbar,
  InFrontOfTheCanvas: ParticipationLayer,
}
const projectOverrides: TLUiOverrides[] = [overrides, measureOverrides()]
const noTools: never[] = []

/** Close codes with which the sync server refuses a project link (withdrawn, expired, unknown). */
const ACCESS_LOST_CODES: ReadonlySet<number> = new Set([CloseCode.unauthorized, CloseCode.forbidden])

/** What a project board (/p/<id>) adds to the plain board. */
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

function syncUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${SYNC_PATH}`
}

interface BoardEditorProps {
  boardId: string
  boardName: string
  config: ClientConfig
  participant: LocalUser
  /** Set on a project board (board id = project id); absent on a plain /b/<id> board. */
  project?: ProjectBoard
}

/** The live canvas with our chrome around it. */
export function BoardEditor({ boardId, boardName, config, participant, project }: BoardEditorProps) {
  const { t, lang } = useI18n()
  const [editingName, setEditingName] = useState(false)
  const [panel, setPanel] = useState<ProjectPanel>(null)
  const token = project?.token
  const role = project?.state.role
  const stage = project?.state.stage
  // What this person may do is decided by role × stage; the server enforces the same table.
  const canDraw = !project || can(project.state.role, project.state.stage, 'draw')

  // The asset store outlives renders; it reads the current language and the toast function
  // through refs rather than being rebuilt (tldraw's store keeps the one it was created with).
  const i18nRef = useRef({ t, lang })
  useEffect(() => {
    i18nRef.current = { t, lang }
  }, [t, lang])
  const notifyRef = useRef<(message: string) => void>((message) => console.warn(message))

  const assets = useMemo(
    () =>
      createAssetStore({
        boardId,
        maxUploadBytes: config.maxUploadBytes,
        i18n: () => i18nRef.current,
        notify: (message) => notifyRef.current(message),
        token,
      }),
    [boardId, config.maxUploadBytes, token],
  )

  const { id, name, color } = participant
  const syncOptions = useMemo<BoardSyncOptions>(
    () => ({
      boardId,
      user: { id, name, color, ...(role && { role }) },
      assets,
      syncUrl: syncUrl(),
      ...(token && { params: { token } }),
      readOnly: !canDraw,
    }),
    [boardId, id, name, color, role, assets, token, canDraw],
  )
  const sync = useBoardSync(syncOptions)
  const user = useTldrawUser(participant)

  // A project link refused by the sync server: the page replaces the board with the reason.
  const onAccessLost = project?.onAccessLost
  const closeCode = sync.serverClose?.code
  const accessLost = project !== undefined && closeCode !== undefined && ACCESS_LOST_CODES.has(closeCode)
  useEffect(() => {
    if (accessLost && closeCode !== undefined) onAccessLost?.(closeCode)
  }, [accessLost, closeCode, onAccessLost])

  const projectUi = useMemo<ProjectUi | null>(
    () =>
      project && role && stage
        ? {
            projectId: boardId,
            state: project.state,
            role,
            stage,
            canDraw,
            openShare: can(role, stage, 'manageLinks') ? () => setPanel('share') : null,
          }
        : null,
    [project, boardId, role, stage, canDraw],
  )

  const onSetScale = useCallback(
    async (metresPerUnit: number) => {
      if (!token) return
      await setScale(boardId, token, { metresPerUnit }, i18nRef.current)
      await project?.refresh()
    },
    [boardId, token, project],
  )

  const boardUi = useMemo<BoardUi>(() => ({ openNameEditor: () => setEditingName(true) }), [])
  const closeNameEditor = useCallback(() => setEditingName(false), [])

  return (
    <BoardUiContext.Provider value={boardUi}>
      <ProjectUiContext.Provider value={projectUi}>
        <MaybeParticipation projectId={boardId} project={project} myName={name}>
        <div className="board">
          <BoardHeader boardName={boardName} status={sync.status} />
          {project && (
            <ProjectChrome
              projectId={boardId}
              token={project.token}
              state={project.state}
              stale={project.stale}
              myName={name}
              licenseKey={config.tldrawLicenseKey}
              refresh={project.refresh}
              panel={panel}
              setPanel={setPanel}
            />
          )}
          {sync.schemaError && <SchemaErrorBanner />}
          {sync.serverClose && !accessLost && <ServerCloseBanner code={sync.serverClose.code} />}
          <div className="board__canvas">
            <Tldraw
              store={sync.storeWithStatus}
              assetUrls={assetUrls}
              licenseKey={config.tldrawLicenseKey ?? undefined}
              user={user}
              locale={TLDRAW_LOCALE[lang]}
              components={project ? projectComponents : components}
              overrides={project ? projectOverrides : overrides}
              tools={project ? measureTools : noTools}
              maxAssetSize={config.maxUploadBytes}
              acceptedImageMimeTypes={ACCEPTED_IMAGE_MIME_TYPES}
              acceptedVideoMimeTypes={ACCEPTED_VIDEO_MIME_TYPES}
            >
              <ToastBridge notifyRef={notifyRef} />
              {project && <ExportEditorBridge />}
              <LocalisedContentHandlers maxAssetSize={config.maxUploadBytes} />
              {project && <ParticipationPanel />}
              {project && (
                <MeasureLayer
                  scale={project.state.project.scale}
                  basePlan={project.state.project.basePlan}
                  isOrganizer={role === 'organizer'}
                  canDraw={canDraw}
                  onSetScale={onSetScale}
                />
              )}
            </Tldraw>
          </div>
          {editingName && <NamePrompt mode="edit" onDone={closeNameEditor} onRename={project?.rename} />}
        </div>
        </MaybeParticipation>
      </ProjectUiContext.Provider>
    </BoardUiContext.Provider>
  )
}

function MaybeParticipation({ projectId, project, myName, children }: { projectId: string; project?: ProjectBoard; myName: string; children: ReactNode }) {
  if (!project) return <>{children}</>
  return (
    <ParticipationProvider projectId={projectId} token={project.token} state={project.state} myName={myName} store={project.participation}>
      {children}
    </ParticipationProvider>
  )
}
