import { useEffect, useRef, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider'

/**
 * Copies this board's link so it can be sent (e.g. in a chat group). The Clipboard API exists only
 * in secure contexts; over plain http on the venue's LAN we show the link, selected, to copy by hand.
 */
export function CopyLinkButton() {
  const { t } = useI18n()
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle')
  const inputRef = useRef<HTMLInputElement>(null)
  const link = window.location.href

  useEffect(() => {
    if (state === 'manual') inputRef.current?.select()
    if (state !== 'copied') return
    const timer = window.setTimeout(() => setState('idle'), 4000)
    return () => window.clearTimeout(timer)
  }, [state])

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('Clipboard API unavailable')
      await navigator.clipboard.writeText(link)
      setState('copied')
    } catch {
      setState('manual')
    }
  }

  return (
    <div className="copy-link">
      <button type="button" className="copy-link__button" onClick={() => void copy()}>
        {t.people.copyLink}
      </button>
      {state === 'copied' && (
        <p className="copy-link__note" role="status">{t.people.linkCopied}</p>
      )}
      {state === 'manual' && (
        <label className="copy-link__manual">
          <span>{t.people.copyFallback}</span>
          <input ref={inputRef} className="text-input" readOnly value={link} onFocus={(e) => e.target.select()} />
        </label>
      )}
    </div>
  )
}
