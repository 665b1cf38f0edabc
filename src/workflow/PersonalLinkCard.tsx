import { useEffect, useRef, useState } from 'react'
import { useClientConfig } from '../net/clientConfig'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { absoluteLink } from '../projects'
import type { ClaimLinkResponse } from '../shared/identity'
import { copyText } from './copyText'
import { qrDataUrl } from './qrCode'

/**
 * A one-time personal link just made (src/shared/identity.ts): its QR code first — the other phone
 * scans it — then the address with a copy button, and until when it works. The server keeps only
 * its hash, so this is the one time it can be shown.
 */
export function PersonalLinkCard({ made, onDone }: { made: ClaimLinkResponse; onDone: () => void }) {
  const { t, lang } = useI18n()
  const i = t.identity
  const url = absoluteLink(made.link, useClientConfig()?.shareOrigin ?? null)
  const name = made.participant.label
  const [qr, setQr] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)
  const boxRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    boxRef.current?.scrollIntoView({ block: 'start' })
    let cancelled = false
    qrDataUrl(url).then((data) => !cancelled && setQr(data), (err: unknown) => console.warn('[people] QR code failed', err))
    return () => {
      cancelled = true
    }
  }, [url])

  const until = new Date(made.expiresAt).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' })
  return (
    <div ref={boxRef} className="wf-created" role="group" aria-label={format(i.linkTitle, { name })} data-testid="personal-link">
      <h3 className="wf-created__title">{format(i.linkTitle, { name })}</h3>
      <p className="wf-created__warning" role="note">{format(i.linkNote, { name, time: until })}</p>
      {qr && <img className="wf-created__qr" data-testid="personal-link-qr" src={qr} alt={format(i.qrAlt, { name })} />}
      <label className="wf-field">
        <span className="wf-field__label">{i.linkLabel}</span>
        <input ref={inputRef} className="text-input wf-created__url" data-testid="personal-link-url" readOnly value={url} onFocus={(e) => e.target.select()} />
      </label>
      <div className="wf-created__actions">
        <button type="button" className="button" onClick={() => void copyText(url, inputRef.current).then(setCopied)}>
          {copied ? `✓ ${i.copied}` : i.copy}
        </button>
        <button type="button" className="button button--primary" data-testid="personal-link-done" onClick={onDone}>{i.done}</button>
      </div>
    </div>
  )
}
