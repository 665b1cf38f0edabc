import { useEffect, useState } from 'react'
import { ApiRequestError } from '../app/api'
import { LoadingPage } from '../app/LoadingPage'
import { MessagePage } from '../app/MessagePage'
import { NamePrompt } from '../board/NamePrompt'
import { useParticipant } from '../board/participant'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { joinProject } from '../projects/projectClient'
import { accessAfterJoin, getAccess, linkTokenOf, saveAccess, type ProjectAccess } from '../projects/projectAccess'
import { AccessProblemPage } from './AccessProblemPage'
import { problemFromCode, type AccessProblem } from './accessProblem'

type Attempt = { kind: 'joining' } | { kind: 'refused'; problem: AccessProblem } | { kind: 'failed'; error: unknown }

interface JoinAsPersonProps {
  /** An entry holding a bare role-link token (participantId null): the creator's, or an older one. */
  access: ProjectAccess
  /** Called with the saved entry that now holds the personal token. */
  onJoined: (access: ProjectAccess) => void
}

/**
 * Before the board opens: a device that holds only a role link's token (the person who created the
 * project, or an entry saved before personal tokens) joins under the device's name and switches to
 * its personal token, so the server knows who acts and shows that name to the others. Asks the name
 * first if the device has none. A failure keeps the saved link (nothing is lost) and offers a retry.
 */
export function JoinAsPerson({ access, onJoined }: JoinAsPersonProps) {
  const { t, lang } = useI18n()
  const { name } = useParticipant()
  const [attempt, setAttempt] = useState<Attempt>({ kind: 'joining' })
  const [round, setRound] = useState(0)

  useEffect(() => {
    if (!name) return
    // Why abort: StrictMode's second mount or leaving the page must not save an answer nobody waits
    // for. A join the server already made is harmless: joining again with the same name and unit is
    // the same participant with another token (both valid).
    const controller = new AbortController()
    setAttempt({ kind: 'joining' })
    joinProject(access.projectId, access.token, { name, ...(access.unit && { unit: access.unit }) }, { t, lang, signal: controller.signal })
      .then((answer) => {
        if (controller.signal.aborted) return
        // Another tab may have switched this project to a personal token meanwhile: keep theirs
        // rather than overwrite an entry newer than the one this page read.
        const stored = getAccess(access.projectId)
        if (stored && stored.participantId !== null) return onJoined(stored)
        const joined = accessAfterJoin({ ...access, name, lastOpened: Date.now() }, linkTokenOf(access), answer)
        saveAccess(joined)
        onJoined(joined)
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return
        const problem = err instanceof ApiRequestError ? problemFromCode(err.status, err.code) : null
        setAttempt(problem ? { kind: 'refused', problem } : { kind: 'failed', error: err })
      })
    return () => controller.abort()
    // t/lang are left out on purpose: switching language must not join again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [access, name, round, onJoined])

  if (!name) return <NamePrompt mode="join" boardName={access.projectName} />
  if (attempt.kind === 'refused') return <AccessProblemPage problem={attempt.problem} wasOpen={false} />
  if (attempt.kind === 'failed') {
    const reason = attempt.error instanceof ApiRequestError ? attempt.error.describe(t, lang) : t.errors.network
    return (
      <MessagePage
        title={t.workflow.access.joinFailedTitle}
        body={format(t.workflow.access.joinFailedBody, { reason })}
        testId="project-join-failed"
        alert
        actions={
          <button type="button" className="button button--primary" data-testid="project-join-retry" onClick={() => setRound((n) => n + 1)}>
            {t.workflow.access.retry}
          </button>
        }
      />
    )
  }
  return <LoadingPage />
}
