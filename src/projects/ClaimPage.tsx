/**
 * /join/<projectId>#claim=<code> — a one-time personal link (src/shared/identity.ts): made on the
 * person's other device ("add my other device") or by the organizer or a committee member who
 * confirmed them face to face. Opening it makes this device that same participant: the server answers
 * a personal token, which is kept like a join's, and the board opens. The code works once.
 */
import { useEffect, useState } from 'react'
import { ApiRequestError, type ApiErrorCode } from '../net/api'
import { MessagePage } from '../ui/MessagePage'
import { navigate, projectPath } from '../ui/router'
import { updateParticipant } from '../board'
import { useI18n } from '../i18n/I18nProvider'
import { format, type Strings } from '../i18n/lang'
import type { JoinResponse } from '../shared/projectApi'
import { claimPersonalLink, getProjectState } from './projectClient'
import { saveAccess } from './projectAccess'
import './projects.css'

type Outcome = { kind: 'claiming' } | { kind: 'refused'; code: ApiErrorCode } | { kind: 'failed'; reason: string }

/**
 * One request per code for the life of the page: the code works once, so a second mount (React's
 * StrictMode, a re-render) must wait for the first request rather than spend the code again.
 */
const requests = new Map<string, Promise<JoinResponse>>()

/**
 * The server refused this code for good (it is used, expired, unknown, or its link closed): asking
 * again answers the same. Such a failure stays cached — the code must not be sent again — and is
 * shown without "try again"; any other failure (network, server error) is dropped and may be retried.
 */
function refusedForGood(err: unknown): err is ApiRequestError & { code: ApiErrorCode } {
  return err instanceof ApiRequestError && !!err.code && [400, 403, 404, 410].includes(err.status)
}

function refusedText(t: Strings, code: ApiErrorCode): string {
  if (code === 'claim_used') return t.identity.claimUsed
  if (code === 'claim_expired') return t.identity.claimExpired
  if (code === 'link_revoked' || code === 'link_expired') return t.identity.claimLinkClosed
  if (code === 'claim_issuer_closed') return t.identity.claimIssuerClosed
  return t.identity.claimInvalid
}

export function ClaimPage({ projectId, code }: { projectId: string; code: string }) {
  const { t, lang } = useI18n()
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'claiming' })
  const [round, setRound] = useState(0)

  useEffect(() => {
    document.title = `${t.identity.claimTitle} · 共绘`
  }, [t])

  useEffect(() => {
    let live = true
    setOutcome({ kind: 'claiming' })
    const opts = { t, lang }
    let request = requests.get(code)
    if (!request) {
      request = claimPersonalLink(projectId, code, opts)
      requests.set(code, request)
      // A network failure may be tried again (the server may not have seen it); a refusal may not.
      request.catch((err: unknown) => {
        if (!refusedForGood(err)) requests.delete(code)
      })
    }
    request
      .then(async (answer) => {
        // The token is this person's now: keep it before anything else can fail.
        const entry = {
          projectId, token: answer.token, role: answer.participant.role, projectName: '', name: answer.participant.name,
          unit: answer.participant.unit, participantId: answer.participant.id, joinedAt: answer.participant.joinedAt, lastOpened: Date.now(),
        }
        saveAccess(entry)
        updateParticipant({ name: answer.participant.name })
        const state = await getProjectState(projectId, answer.token, opts).catch(() => null)
        if (state) saveAccess({ ...entry, projectName: state.project.name })
        if (live) navigate(projectPath(projectId), { replace: true })
      })
      .catch((err: unknown) => {
        if (!live) return
        if (refusedForGood(err)) setOutcome({ kind: 'refused', code: err.code })
        else setOutcome({ kind: 'failed', reason: err instanceof ApiRequestError ? err.describe(t, lang) : t.errors.network })
      })
    return () => {
      live = false
    }
    // t/lang are left out on purpose: switching language must not claim again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [projectId, code, round])

  if (outcome.kind === 'refused') {
    return <MessagePage title={t.identity.claimTitle} body={refusedText(t, outcome.code)} testId="claim-refused" code={outcome.code} alert />
  }
  if (outcome.kind === 'failed') {
    return (
      <MessagePage
        title={t.identity.claimTitle}
        body={format(t.identity.claimFailed, { reason: outcome.reason })}
        testId="claim-failed"
        alert
        actions={
          <button type="button" className="button button--primary" data-testid="claim-retry" onClick={() => setRound((n) => n + 1)}>
            {t.identity.retry}
          </button>
        }
      />
    )
  }
  return (
    <main className="page page--center" aria-busy="true" data-testid="claim-claiming">
      <p className="loading-text">{t.identity.claiming}</p>
    </main>
  )
}
