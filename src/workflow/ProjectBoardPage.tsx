import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { hasPrefetched } from '../net/api'
import { useClientConfig } from '../net/clientConfig'
import { LoadingPage } from '../ui/LoadingPage'
import { MessagePage } from '../ui/MessagePage'
import { COMPACT_QUERY, NamePrompt, useParticipant } from '../board'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { getAccess, renameParticipant, touch } from '../projects'
import { CloseCode } from '../shared/protocol'
import { AccessProblemPage } from './AccessProblemPage'
import type { AccessProblem } from './accessProblem'
import { JoinAsPerson } from './JoinAsPerson'
import type { ProjectBoard } from './ProjectBoardEditor'
import { ProjectChrome, type ProjectPanel } from './ProjectChrome'
import { ProjectUiContext, type ProjectUi } from './ProjectUiContext'
import { getFacilitation, getParticipation, isFacilitationState, isParticipationState, participationPaths, ParticipationProvider, ParticipationStore } from '../participation'
import type { ProjectState } from '../shared/projectApi'
import { can } from '../shared/workflow'
import './phoneBoard.css'
import { useEditorCode } from './useEditorCode'
import { lazyPart } from '../ui/lazyPart'
import type { LightBoardProps } from '../lightView/LightBoard'
import { LightSessionContext, useBoardOnItsWay, useLightView } from '../lightView'
import { useProjectState, type ProjectStreamListeners } from './useProjectState'
import { dismissBootView, takeBootPanel } from '../ui/bootHandover'
import { PARTICIPATION_EVENTS } from '../shared/participation'
import '../board/board.css'
import './workflow.css'

/**
 * /p/<projectId>: the project board. The token was saved on this device when the person joined
 * (src/projects/projectAccess.ts); without it there is nothing to open. An entry that still holds a
 * bare role-link token (the creator's) joins as a person first (JoinAsPerson).
 */
export default function ProjectBoardPage({ projectId }: { projectId: string }) {
  const { t } = useI18n()
  // Read once: the token of this page. A new link for the project (joined in another tab) takes
  // effect on the next visit, never by swapping the credentials under an open board. The one
  // switch made here — to the personal token, by JoinAsPerson — happens before the board opens.
  const [access, setAccess] = useState(() => getAccess(projectId))
  // The boot view (src/app/bootView.ts) paints only for a device with a personal token; one that
  // must join first sees the join form at once. Lifecycle edge: leaving the page removes it too.
  const mustJoin = !access || access.participantId === null
  useEffect(() => {
    if (mustJoin) dismissBootView()
  }, [mustJoin])
  useEffect(() => dismissBootView, [])
  if (!access) {
    return <MessagePage title={t.workflow.access.noLinkTitle} body={t.workflow.access.noLinkBody} testId="project-no-link" />
  }
  if (access.participantId === null) return <JoinAsPerson access={access} onJoined={setAccess} />
  return <ProjectBoard projectId={projectId} token={access.token} unit={access.unit} savedName={access.projectName} />
}

interface ProjectBoardProps {
  projectId: string
  /** This person's own token (see ProjectBoardPage). */
  token: string
  /** A resident's building / unit, sent again with a new name so it is kept. */
  unit: string
  savedName: string
}

function ProjectBoard({ projectId, token, unit, savedName }: ProjectBoardProps) {
  const { t, lang } = useI18n()
  const config = useClientConfig()
  const participant = useParticipant()
  const [participation] = useState(() => new ParticipationStore())
  const streamListeners = useMemo<ProjectStreamListeners>(
    () => ({
      // Events sent while the stream was down are lost: read the current state at every (re)open.
      onOpen: () => {
        const caller = { projectId, token }
        const opts = { t, lang }
        getParticipation(caller, opts).then((s) => participation.applyParticipation(s), (err: unknown) => console.warn('[participation] could not load', err))
        getFacilitation(caller, opts).then((s) => participation.applyFacilitation(s), (err: unknown) => console.warn('[facilitation] could not load', err))
      },
      events: {
        [PARTICIPATION_EVENTS.participation]: (data) => {
          if (isParticipationState(data)) participation.applyParticipation(data)
        },
        [PARTICIPATION_EVENTS.facilitation]: (data) => {
          if (isFacilitationState(data)) participation.applyFacilitation(data)
        },
      },
    }),
    [projectId, token, participation, t, lang],
  )
  // The participation and facilitation boot.ts asked for while this code was loading: the pins can
  // show before the event stream has even opened. Declared before useProjectState so this effect
  // runs first and takes those answers; the stream's opening (above) then reads both afresh, since
  // a change made between the prefetch and the opening would reach this page by no event. A newer
  // revision always wins in the store, whichever answer comes last.
  useEffect(() => {
    const caller = { projectId, token }
    const paths = participationPaths(caller)
    const opts = { t, lang }
    if (hasPrefetched(paths.participation, token)) {
      getParticipation(caller, opts).then((s) => participation.applyParticipation(s), () => undefined)
    }
    if (hasPrefetched(paths.facilitation, token)) {
      getFacilitation(caller, opts).then((s) => participation.applyFacilitation(s), () => undefined)
    }
    // Once per board: the language may change later without asking again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [projectId, token, participation])
  const { view, refresh } = useProjectState(projectId, token, streamListeners)
  const [lostCode, setLostCode] = useState<number | null>(null)

  // A phone opens on the light view (src/lightView): the plan, its shapes and pins and our controls
  // without tldraw, while the editor's code comes and the editor mounts underneath; the light view
  // goes once the editor shows the same thing. Decided once per page open: a phone turned sideways
  // keeps what it has.
  const [phone] = useState(() => typeof window !== 'undefined' && window.matchMedia?.(COMPACT_QUERY).matches === true)
  const light = useLightView(projectId, token, phone)
  const [lightShown, setLightShown] = useState(phone)
  // The stage bar's open panel, here so that one opened on the light view is the editor's too.
  const [panel, setPanel] = useState<ProjectPanel>(null)
  // 历史 or 人员 tapped on the boot view before this page was there (src/ui/bootHandover.ts).
  useEffect(() => takeBootPanel(setPanel), [])
  // The editor's code: at once on a laptop; on a phone once the light view shows the board (its
  // picture and tldraw would otherwise share the phone's connection, and evaluating tldraw stalls
  // the phone for seconds), when she asks for something only the editor does, or after
  // EDITOR_WAIT_MS at the latest (a plan that never loads) — but not while the board is on its way
  // over an open socket: tldraw's start would hold the phone while the board waits for it.
  const [editorWanted, setEditorWanted] = useState(!phone)
  const wantEditor = useCallback(() => setEditorWanted(true), [])
  const boardOnItsWay = useBoardOnItsWay(light?.connection ?? null)
  useEffect(() => {
    if (editorWanted || boardOnItsWay) return
    const timer = setTimeout(wantEditor, EDITOR_WAIT_MS)
    return () => clearTimeout(timer)
  }, [editorWanted, boardOnItsWay, wantEditor])
  const { Editor, failed: editorFailed, retry: retryEditor } = useEditorCode(editorWanted)

  // The handover: once the editor draws the plan and pins, no finger is on the plan and no panel
  // of the light view is open (it would close and open again under her). Lifecycle edge: the
  // session outlives this effect's runs (panel changes), so the flag is set once.
  useEffect(() => {
    if (!light || !lightShown) return
    const check = () => {
      const s = light.session.get()
      if (s.intent) wantEditor()
      if (s.handedOver || !s.editorReady || s.pressed || panel !== null) return
      light.session.set({ handedOver: true })
      setLightShown(false)
    }
    check()
    return light.session.listen(check)
  }, [light, lightShown, panel, wantEditor])

  const state = view.status === 'ready' ? view.state : null
  const projectName = state?.project.name || savedName || t.board.untitled

  useEffect(() => {
    document.title = `${projectName} · ${t.board.titleSuffix}`
  }, [projectName, t])

  // Keep the home page's list fresh (last opened, a renamed project).
  const seenName = state?.project.name
  useEffect(() => {
    if (seenName !== undefined) touch(projectId, { projectName: seenName })
  }, [projectId, seenName])

  // The sync server closed the socket for the link: ask the server why (withdrawn or expired).
  const onAccessLost = useCallback(
    (code: number) => {
      setLostCode(code)
      void refresh()
    },
    [refresh],
  )

  // On a project board the server shows others the participant's name, so a new name is made there.
  const i18n = useRef({ t, lang })
  useEffect(() => {
    i18n.current = { t, lang }
  }, [t, lang])
  const rename = useCallback(
    async (name: string) => {
      await renameParticipant(projectId, token, { name, ...(unit && { unit }) }, i18n.current)
      touch(projectId, { name })
    },
    [projectId, token, unit],
  )

  const project = useMemo<ProjectBoard | null>(
    () => (view.status === 'ready' ? { token, state: view.state, stale: view.stale, refresh, onAccessLost, rename, participation } : null),
    [view, token, refresh, onAccessLost, rename, participation],
  )

  // The boot view stays over the page while it says "loading" or shows the light view (which removes
  // it once it draws the same view, LightCanvas); anything else — an error, the name prompt, the
  // editor straight away — is what she must see, at once.
  const showsOwn =
    view.status === 'refused' || view.status === 'failed' || lostCode !== null ||
    (project !== null && !participant.name) ||
    (project !== null && !(lightShown && light !== null) && (editorFailed || (!!Editor && !!config)))
  useEffect(() => {
    if (showsOwn) dismissBootView()
  }, [showsOwn])

  if (view.status === 'refused' || lostCode !== null) {
    const problem: AccessProblem =
      view.status === 'refused' ? view.problem : lostCode === CloseCode.unauthorized ? { kind: 'invalid' } : { kind: 'revoked' }
    const wasOpen = lostCode !== null || (view.status === 'refused' && view.hadState)
    return <AccessProblemPage problem={problem} wasOpen={wasOpen} />
  }
  if (view.status === 'failed') {
    return (
      <MessagePage
        title={t.workflow.access.failedTitle}
        body={format(t.workflow.access.failedBody, { reason: view.message })}
        testId="project-failed"
        alert
        actions={
          <button type="button" className="button button--primary" onClick={() => void refresh()}>
            {t.workflow.access.retry}
          </button>
        }
      />
    )
  }
  if (!project) return <LoadingPage />
  if (!participant.name) return <NamePrompt mode="join" boardName={projectName} />

  const showLight = lightShown && light !== null && view.status === 'ready'
  // The licence key must be known before tldraw mounts; the config loader never waits forever.
  const editor =
    Editor && config ? (
      <LightSessionContext.Provider value={light?.session ?? null}>
        <Editor
          projectId={projectId}
          boardName={projectName}
          config={config}
          participant={{ id: participant.id, name: participant.name, color: participant.color }}
          project={project}
          panel={showLight ? null : panel}
          setPanel={setPanel}
        />
      </LightSessionContext.Provider>
    ) : null

  if (!editor && !showLight && !editorFailed) return <LoadingPage />
  if (!editor && !showLight) {
    return (
      <MessagePage
        title={t.workflow.access.failedTitle}
        body={format(t.workflow.access.failedBody, { reason: t.errors.network })}
        testId="project-failed"
        alert
        actions={
          <button type="button" className="button button--primary" onClick={retryEditor}>
            {t.workflow.access.retry}
          </button>
        }
      />
    )
  }
  // One shape of tree whatever shows: the editor keeps its place (and its live session) when the
  // light view above it goes.
  return (
    <>
      {/* While the light view covers it, the editor beneath takes no taps or focus and is not read out. */}
      <div className="cg-editor-layer" inert={showLight} aria-hidden={showLight || undefined}>
        {editor}
      </div>
      {showLight && (
        <LightProviders projectId={projectId} token={token} state={view.state} myName={participant.name} participation={participation}>
          <LightBoard
            session={light.session}
            connection={light.connection}
            state={view.state}
            boardName={projectName}
            participation={participation}
            chrome={
              <ProjectChrome
                projectId={projectId}
                token={token}
                state={view.state}
                stale={view.stale}
                myName={participant.name}
                licenseKey={config?.tldrawLicenseKey ?? null}
                refresh={refresh}
                panel={panel}
                setPanel={setPanel}
              />
            }
            onShown={wantEditor}
            onAccessLost={onAccessLost}
          />
        </LightProviders>
      )}
    </>
  )
}
/**
 * The light view is a chunk of its own: a laptop never loads it (it opens straight into the editor),
 * and a phone preloads it with the page (vite.config.ts), so it costs no extra round trip there.
 * If its code cannot come (offline before it was ever cached), the editor is asked for at once.
 */
const LightBoard = lazyPart(() => import('../lightView/LightBoard').then((m) => m.LightBoard), LightBoardFailed, <LoadingPage />)

function LightBoardFailed({ onShown }: LightBoardProps) {
  useEffect(() => onShown(), [onShown])
  return <LoadingPage />
}

/**
 * What the stage bar and its panels read from context, given to the light view's copy of them as
 * ProjectBoardEditor gives them to the editor's.
 */
function LightProviders(props: { projectId: string; token: string; state: ProjectState; myName: string; participation: ParticipationStore; children: ReactNode }) {
  const { projectId, token, state, myName, participation } = props
  const { role, stage } = state
  const projectUi = useMemo<ProjectUi>(() => ({ projectId, state, role, stage, canDraw: can(role, stage, 'draw') }), [projectId, state, role, stage])
  return (
    <ProjectUiContext.Provider value={projectUi}>
      <ParticipationProvider projectId={projectId} token={token} state={state} myName={myName} store={participation}>
        {props.children}
      </ParticipationProvider>
    </ProjectUiContext.Provider>
  )
}

/** On a phone, the longest the editor's code waits for the light view to show the board before it is fetched anyway. */
const EDITOR_WAIT_MS = 8000
