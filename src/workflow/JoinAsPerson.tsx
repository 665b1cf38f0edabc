import { useEffect, useState } from 'react'
import { ApiRequestError } from '../net/api'
import { LoadingPage } from '../ui/LoadingPage'
import { MessagePage } from '../ui/MessagePage'
import { NamePrompt, updateParticipant, useParticipant } from '../board'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { accessAfterJoin, getAccess, joinKeyFor, joinProject, linkTokenOf, type ProjectAccess, saveAccess } from '../projects'
import { mayJoinAsNamesake } from '../shared/identity'
import { AccessProblemPage } from './AccessProblemPage'
import { problemFromCode, type AccessProblem } from './accessProblem'

type Attempt = { kind: 'joining' } | { kind: 'refused'; problem: AccessProblem } | { kind: 'failed'; error: unknown } | { kind: 'taken' }

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
  /** The person said they are not the one who already goes by this name: join as a new, numbered person. */
  const [asNew, setAsNew] = useState(false)

  useEffect(() => {
    if (!name) return
    // Why abort: StrictMode's second mount or leaving the page must not save an answer nobody waits
    // for. A join the server already made is harmless: the second try sends the same join key, and
    // the server answers the participant the first one made (with another token, both valid).
    const controller = new AbortController()
    setAttempt({ kind: 'joining' })
    const body = {
      name, ...(access.unit && { unit: access.unit }), ...(asNew && { newPerson: true }),
      joinKey: joinKeyFor(`${access.projectId}\u0000${access.token}`),
    }
    joinProject(access.projectId, access.token, body, { t, lang, signal: controller.signal })
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
        // Someone already goes by this name: never them; the person decides (below).
        if (err instanceof ApiRequestError && err.status === 409 && err.code === 'name_taken') return setAttempt({ kind: 'taken' })
        const problem = err instanceof ApiRequestError ? problemFromCode(err.status, err.code) : null
        setAttempt(problem ? { kind: 'refused', problem } : { kind: 'failed', error: err })
      })
    return () => controller.abort()
    // t/lang are left out on purpose: switching language must not join again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [access, name, round, asNew, onJoined])

  if (!name) return <NamePrompt mode="join" boardName={access.projectName} />
  if (attempt.kind === 'taken') {
    const i = t.identity
    return (
      <MessagePage
        title={i.nameTakenTitle}
        body={access.role === 'resident' ? i.nameTakenResident : access.role === 'expert' ? i.nameTakenExpert : i.nameTakenOther}
        testId="project-join-name-taken"
        alert
        actions={
          <>
            <button type="button" className="button button--primary" data-testid="project-join-rename" onClick={() => updateParticipant({ name: '' })}>
              {i.changeName}
            </button>
            {mayJoinAsNamesake(access.role) && (
              <button type="button" className="button" data-testid="project-join-as-new" onClick={() => setAsNew(true)}>
                {i.joinAsNew}
              </button>
            )}
          </>
        }
      />
    )
  }
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
