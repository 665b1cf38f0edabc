import { useCallback, useEffect, useRef, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { useClientConfig } from '../net/clientConfig'
import { absoluteLink } from '../projects'
import type { CreateLinkResponse } from '../shared/projectApi'
import { copyText } from './copyText'
import { PrintQrSheet } from './PrintQrSheet'
import { qrDataUrl } from './qrCode'

/**
 * A link just made: its address, copy, QR code and print. The server keeps only a hash of the token,
 * so this is the one time the link can be shown; the panel says so.
 */
export function CreatedLink({ link, projectName }: { link: CreateLinkResponse; projectName: string }) {
  const { t } = useI18n()
  const s = t.workflow.share
  const shareOrigin = useClientConfig()?.shareOrigin ?? null
  const url = absoluteLink(link.link, shareOrigin)
  // Opened as localhost, the link points at this machine's LAN address: say so, since only devices
  // on the same network can open it.
  const elsewhere = shareOrigin !== null && shareOrigin !== window.location.origin
  const inputRef = useRef<HTMLInputElement>(null)
  const [copy, setCopy] = useState<'idle' | 'copied' | 'manual'>('idle')
  const [qr, setQr] = useState<string | null>(null)
  const [qrFailed, setQrFailed] = useState(false)
  const [printing, setPrinting] = useState(false)
  const boxRef = useRef<HTMLDivElement>(null)

  // A new link appears below the form: bring it into view (on a phone it is off screen).
  useEffect(() => {
    boxRef.current?.scrollIntoView({ block: 'start' })
  }, [])

  useEffect(() => {
    let cancelled = false
    setQr(null)
    setQrFailed(false)
    qrDataUrl(url).then(
      (data) => !cancelled && setQr(data),
      (err: unknown) => {
        console.warn('[share] QR code failed', err)
        if (!cancelled) setQrFailed(true)
      },
    )
    return () => {
      cancelled = true
    }
  }, [url])

  useEffect(() => {
    if (copy !== 'copied') return
    const timer = window.setTimeout(() => setCopy('idle'), 4000)
    return () => window.clearTimeout(timer)
  }, [copy])

  const onCopy = async () => setCopy((await copyText(url, inputRef.current)) ? 'copied' : 'manual')
  const donePrinting = useCallback(() => setPrinting(false), [])

  return (
    <div ref={boxRef} className="wf-created" role="group" aria-label={format(s.newLink, { role: t.workflow.roles[link.role] })}>
      <h3 className="wf-created__title">{format(s.newLink, { role: t.workflow.roles[link.role] })}</h3>
      <p className="wf-created__warning" role="note">{s.onceWarning}</p>
      <label className="wf-field">
        <span className="wf-field__label">{s.linkLabel}</span>
        <input
          ref={inputRef}
          className="text-input wf-created__url"
          data-testid="share-link-url"
          readOnly
          value={url}
          onFocus={(e) => e.target.select()}
        />
      </label>
      {elsewhere && (
        <p className="wf-muted" data-testid="share-origin-note">
          {format(s.lanOrigin, { origin: shareOrigin })}
        </p>
      )}
      <div className="wf-created__actions">
        <button type="button" className="button button--primary" data-testid="share-copy" onClick={() => void onCopy()}>
          {copy === 'copied' ? `✓ ${s.copied}` : s.copy}
        </button>
        <button type="button" className="button" data-testid="share-print" disabled={!qr} onClick={() => setPrinting(true)}>
          {s.print}
        </button>
      </div>
      {copy === 'copied' && <p className="wf-created__status" role="status">{s.copied}</p>}
      {copy === 'manual' && <p className="wf-created__status" role="status">{s.copyFallback}</p>}
      {qr && (
        <img
          className="wf-created__qr"
          data-testid="share-qr"
          src={qr}
          alt={format(s.qrAlt, { project: projectName, role: t.workflow.roles[link.role] })}
        />
      )}
      {qrFailed && <p className="field-error" role="alert">{s.qrFailed}</p>}
      {printing && qr && (
        <PrintQrSheet qr={qr} projectName={projectName} role={link.role} expiresAt={link.expiresAt} onDone={donePrinting} />
      )}
    </div>
  )
}
