import { useCallback, useEffect, useState } from 'react'
import { useLatestRequest } from '../net/useLatestRequest'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { getAudit, revokeLink } from '../projects'
import type { AuditPerson } from '../shared/projectApi'

interface AuditSectionProps {
  projectId: string
  token: string
  /** The link this organizer uses: never offered for withdrawal (it would lock them out). */
  ownLinkId: string
  /** Changes whenever the dashboard refreshes: the list is read again with it. */
  refreshSignal: number | null
}

/**
 * "Who changed the board": per person (or bare link) how many changes and when, from the audit log,
 * with their link withdrawable — which stops everyone using that link, not just this person.
 */
export function AuditSection({ projectId, token, ownLinkId, refreshSignal }: AuditSectionProps) {
  const { t, lang } = useI18n()
  const a = t.workflow.audit
  const [confirming, setConfirming] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [revokeError, setRevokeError] = useState<string | null>(null)
  const [done, setDone] = useState(false)
  const time = (ms: number) => new Date(ms).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'short' })

  const request = useCallback((signal: AbortSignal) => getAudit(projectId, token, { t, lang, signal }), [projectId, token, t, lang])
  // The list is read again after a withdrawal: only the newest read may land.
  const { data: log, error, load } = useLatestRequest(request)
  const people = log ? log.byParticipant : null

  useEffect(() => {
    void load()
  }, [load, refreshSignal])

  const who = (p: AuditPerson) => p.name || format(a.noName, { label: p.linkLabel || a.noLabel })

  const revoke = async (linkId: string) => {
    setBusy(true)
    setRevokeError(null)
    try {
      await revokeLink(projectId, token, linkId, { t, lang })
      setConfirming(null)
      setDone(true)
      void load()
    } catch (err) {
      setRevokeError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="wf-audit-title" data-testid="audit">
      <h3 id="wf-audit-title" className="wf-section-title">{a.title}</h3>
      <p className="wf-muted">{a.intro}</p>
      {error && <p className="field-error" role="alert">{error}</p>}
      {done && <p role="status" data-testid="audit-revoke-done">{a.revokeDone}</p>}
      {!people && !error && <p className="wf-muted">{a.loading}</p>}
      {people && people.length === 0 && <p className="wf-muted">{a.empty}</p>}
      {people && people.length > 0 && (
        <ul className="wf-links__list">
          {people.map((p) => {
            const key = `${p.linkId ?? ''}:${p.participantId ?? ''}`
            const own = p.linkId === ownLinkId
            const mayRevoke = p.linkId !== null && !own && !p.linkRevoked
            return (
              <li
                key={key}
                className="wf-link"
                data-testid="audit-person"
                data-name={p.name ?? ''}
                data-role={p.role ?? ''}
                data-updates={p.updates}
                data-link-id={p.linkId ?? ''}
                data-revoked={p.linkRevoked}
              >
                <div className="wf-link__info">
                  <strong className="wf-link__role">
                    {who(p)} {own && <span className="wf-muted">{a.yourLink}</span>}
                  </strong>
                  <span>
                    {p.role ? t.workflow.roles[p.role] : a.unknownRole} · {a.edits}: <span data-testid="audit-edits">{p.updates}</span>
                    {p.restores > 0 && <> · {format(a.restores, { count: p.restores })}</>}
                  </span>
                  <span className="wf-link__dates">{format(a.span, { first: time(p.firstAt), last: time(p.lastAt) })}</span>
                  {p.linkRevoked && <span className="wf-muted">{a.revoked}</span>}
                </div>
                {mayRevoke && confirming !== key && (
                  <button
                    type="button"
                    className="button wf-link__revoke"
                    data-testid="audit-revoke"
                    aria-label={format(a.revokeLabel, { name: who(p) })}
                    onClick={() => {
                      setRevokeError(null)
                      setConfirming(key)
                    }}
                  >
                    {a.revoke}
                  </button>
                )}
                {mayRevoke && confirming === key && (
                  <div className="wf-link__confirm" role="alert">
                    <p>{format(a.revokeConfirm, { name: who(p) })}</p>
                    {revokeError && <p className="field-error">{revokeError}</p>}
                    <div className="wf-dialog__actions">
                      <button
                        type="button"
                        className="button button--danger"
                        data-testid="audit-revoke-confirm"
                        disabled={busy}
                        onClick={() => void revoke(p.linkId!)}
                      >
                        {a.revokeYes}
                      </button>
                      <button type="button" className="button" disabled={busy} onClick={() => setConfirming(null)}>
                        {a.revokeNo}
                      </button>
                    </div>
                  </div>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
