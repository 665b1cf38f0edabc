/**
 * /join/<projectId>#<token> — someone opened a role link. The link is checked with the server, the
 * person sees the project and their role, gives a name (residents may add building / unit), and
 * lands on the project board. No account: the token is the key, kept on this device afterwards.
 *
 * The token stays in the address bar until the person has joined, so reloading this page still works;
 * joining replaces this history entry with /p/<projectId>, which drops the token from the address.
 */
import { useEffect, useState } from 'react'
import { ApiRequestError } from '../net/api'
import { LoadingPage } from '../ui/LoadingPage'
import { MessagePage } from '../ui/MessagePage'
import { navigate, projectPath } from '../ui/router'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import type { ProjectState } from '../shared/projectApi'
import { claimFromHash } from '../shared/identity'
import { ClaimPage } from './ClaimPage'
import { JoinForm } from './JoinForm'
import { JoinRefused, type RefusalCode } from './JoinRefused'
import { tokenFromHash } from './joinToken'
import { getProjectState } from './projectClient'
import { getAccess, linkTokenOf, touch } from './projectAccess'
import { apiFailureText, type ErrorText } from './projectFields'
import './projects.css'

type Check =
  | { kind: 'checking' }
  | { kind: 'refused'; code: RefusalCode }
  | { kind: 'failed'; error: ErrorText }
  | { kind: 'ready'; state: ProjectState }

/** Refusals that are about this link, not the project: another link of this device may still work. */
const LINK_REFUSALS: ReadonlySet<RefusalCode> = new Set(['missing_token', 'invalid_token', 'unauthorized', 'link_revoked', 'link_expired'])

/**
 * A personal link (`#claim=<code>`, src/shared/identity.ts) puts this device in as the person it was
 * made for; anything else in the fragment is a role link's token.
 */
export function JoinPage({ projectId }: { projectId: string }) {
  const [claim] = useState(() => claimFromHash(window.location.hash))
  if (claim !== null) return <ClaimPage projectId={projectId} code={claim} />
  return <RoleLinkJoinPage projectId={projectId} />
}

function RoleLinkJoinPage({ projectId }: { projectId: string }) {
  const { t, lang } = useI18n()
  // Read once: the fragment is ours to keep until joining (see the module comment).
  const [token] = useState(() => tokenFromHash(window.location.hash))
  const [previous] = useState(() => getAccess(projectId))
  const alreadyJoined = previous !== undefined && token !== '' && linkTokenOf(previous) === token
  const [check, setCheck] = useState<Check>(() => (token ? { kind: 'checking' } : { kind: 'refused', code: 'missing_token' }))
  const [attempt, setAttempt] = useState(0)

  const openPrevious = () => {
    touch(projectId)
    navigate(projectPath(projectId), { replace: true })
  }

  useEffect(() => {
    // This device already joined with this very link (opened it again, or reloaded): straight in.
    if (alreadyJoined) {
      touch(projectId)
      navigate(projectPath(projectId), { replace: true })
    }
  }, [alreadyJoined, projectId])

  useEffect(() => {
    if (alreadyJoined || !token) return
    // Why abort: a retry or leaving the page must not let an old answer overwrite a newer one.
    const controller = new AbortController()
    setCheck({ kind: 'checking' })
    getProjectState(projectId, token, { t, lang, signal: controller.signal })
      .then((state) => setCheck({ kind: 'ready', state }))
      .catch((err: unknown) => {
        if (controller.signal.aborted) return
        if (err instanceof ApiRequestError && [400, 401, 403, 404].includes(err.status)) {
          setCheck({ kind: 'refused', code: err.code ?? 'invalid_token' })
          return
        }
        setCheck({ kind: 'failed', error: apiFailureText(err) })
      })
    return () => controller.abort()
    // t/lang are left out on purpose: switching language must not check the link again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [projectId, token, alreadyJoined, attempt])

  useEffect(() => {
    // Another link pasted over this one changes only the fragment (no page load): start afresh with it.
    const onHashChange = () => window.location.reload()
    window.addEventListener('hashchange', onHashChange)
    return () => window.removeEventListener('hashchange', onHashChange)
  }, [])

  useEffect(() => {
    const name = check.kind === 'ready' ? check.state.project.name : t.projects.joinTitle
    document.title = `${name} · 共绘`
  }, [check, t])

  if (alreadyJoined || check.kind === 'checking') return <LoadingPage />

  if (check.kind === 'refused') {
    const canUsePrevious = previous !== undefined && LINK_REFUSALS.has(check.code)
    return (
      <JoinRefused
        code={check.code}
        previousRole={canUsePrevious ? previous.role : undefined}
        onOpenPrevious={canUsePrevious ? openPrevious : undefined}
      />
    )
  }

  if (check.kind === 'failed') {
    return (
      <MessagePage
        title={t.projects.joinTitle}
        body={format(t.projects.checkFailed, { reason: check.error(t, lang) })}
        testId="join-failed"
        alert
        actions={
          <button type="button" className="button button--primary" data-testid="join-retry" onClick={() => setAttempt((n) => n + 1)}>
            {t.projects.retry}
          </button>
        }
      />
    )
  }

  return (
    <JoinForm
      projectId={projectId}
      token={token}
      state={check.state}
      previous={previous}
      onOpenPrevious={openPrevious}
      onRefused={(code) => setCheck({ kind: 'refused', code })}
    />
  )
}
