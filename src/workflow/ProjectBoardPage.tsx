import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { hasPrefetched } from '../app/api'
import { useClientConfig } from '../app/clientConfig'
import { LoadingPage } from '../app/LoadingPage'
import { MessagePage } from '../app/MessagePage'
import { NamePrompt } from '../board/NamePrompt'
import { useParticipant } from '../board/participant'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { getAccess, touch } from '../projects/projectAccess'
import { renameParticipant } from '../projects/projectClient'
import { CloseCode } from '../shared/protocol'
import { AccessProblemPage } from './AccessProblemPage'
import type { AccessProblem } from './accessProblem'
import { JoinAsPerson } from './JoinAsPerson'
import { ProjectBoardEditor, type ProjectBoard } from './ProjectBoardEditor'
import { useProjectState, type ProjectStreamListeners } from './useProjectState'
import { getFacilitation, getParticipation, participationPaths } from '../participation/participationClient'
import { isFacilitationState, isParticipationState, ParticipationStore } from '../participation/participationStore'
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
  // The licence key must be known before tldraw mounts; the config loader never waits forever.
  if (!project || !config) return <LoadingPage />
  if (!participant.name) return <NamePrompt mode="join" boardName={projectName} />

  return (
    <ProjectBoardEditor
      projectId={projectId}
      boardName={projectName}
      config={config}
      participant={{ id: participant.id, name: participant.name, color: participant.color }}
      project={project}
    />
  )
}
