import { useState } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import type { PublicLink } from '../shared/projectApi'

interface ShareLinkListProps {
  links: PublicLink[] | null
  loading: boolean
  error: string | null
  /** The link this organizer is using: never offered for withdrawal (it would lock them out). */
  ownLinkId: string
  onRetry: () => void
  onRevoke: (linkId: string) => Promise<void>
}

/** The live links (tokens are never shown again: only role, note and dates), each withdrawable. */
export function ShareLinkList({ links, loading, error, ownLinkId, onRetry, onRevoke }: ShareLinkListProps) {
  const { t, lang } = useI18n()
  const s = t.workflow.share
  const [confirming, setConfirming] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [revokeError, setRevokeError] = useState<string | null>(null)
  const time = (ms: number) => new Date(ms).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' })

  const revoke = async (linkId: string) => {
    setBusy(linkId)
    setRevokeError(null)
    try {
      await onRevoke(linkId)
      setConfirming(null)
    } catch (err) {
      setRevokeError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(null)
    }
  }

  return (
    <section className="wf-links" aria-labelledby="wf-links-title">
      <h3 id="wf-links-title" className="wf-section-title">{s.liveTitle}</h3>
      {error && (
        <div className="field-error" role="alert">
          {error}{' '}
          <button type="button" className="button" onClick={onRetry}>{s.retry}</button>
        </div>
      )}
      {loading && !links && <p className="wf-muted">{s.loading}</p>}
      {links && links.length === 0 && <p className="wf-muted">{s.liveEmpty}</p>}
      {links && links.length > 0 && (
        <ul className="wf-links__list">
          {links.map((link) => {
            const own = link.linkId === ownLinkId
            return (
              <li key={link.linkId} className="wf-link" data-testid="share-link-item" data-role={link.role} data-link-id={link.linkId}>
                <div className="wf-link__info">
                  <strong className="wf-link__role">
                    {t.workflow.roles[link.role]} {own && <span className="wf-muted">{s.yourLink}</span>}
                  </strong>
                  <span className="wf-link__label">{link.label || s.noLabel}</span>
                  <span className="wf-link__dates">
                    {format(s.created, { time: time(link.createdAt) })} ·{' '}
                    {link.expiresAt === null ? s.noExpiry : format(s.expires, { time: time(link.expiresAt) })}
                  </span>
                </div>
                {!own && confirming !== link.linkId && (
                  <button
                    type="button"
                    className="button wf-link__revoke"
                    data-testid="share-revoke"
                    aria-label={format(s.revokeLabel, { role: t.workflow.roles[link.role] })}
                    onClick={() => {
                      setRevokeError(null)
                      setConfirming(link.linkId)
                    }}
                  >
                    {s.revoke}
                  </button>
                )}
                {confirming === link.linkId && (
                  <div className="wf-link__confirm" role="alert">
                    <p>{s.revokeConfirm}</p>
                    {revokeError && <p className="field-error">{revokeError}</p>}
                    <div className="wf-dialog__actions">
                      <button
                        type="button"
                        className="button button--danger"
                        data-testid="share-revoke-confirm"
                        disabled={busy === link.linkId}
                        onClick={() => void revoke(link.linkId)}
                      >
                        {s.revokeYes}
                      </button>
                      <button type="button" className="button" disabled={busy === link.linkId} onClick={() => setConfirming(null)}>
                        {s.revokeNo}
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
