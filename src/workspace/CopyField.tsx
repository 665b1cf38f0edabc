import { useState } from 'react'
import { useI18n } from '../i18n/I18nProvider'

/** A link shown in full (so it can be copied by hand too) with a copy button. */
export function CopyField({ label, hint, value, testId }: { label: string; hint?: string; value: string; testId: string }) {
  const { t } = useI18n()
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setCopied(true)
    } catch {
      // No clipboard (an old phone, a page not on HTTPS): the link stays on screen to copy by hand.
      setCopied(false)
    }
  }
  return (
    <div className="ws-copy">
      <p className="ws-copy__label">{label}</p>
      {hint && <p className="ws-hint">{hint}</p>}
      <div className="ws-copy__row">
        <input className="text-input" readOnly value={value} data-testid={testId} onFocus={(e) => e.target.select()} />
        <button type="button" className="button" onClick={() => void copy()}>{copied ? t.workspace.copied : t.workspace.copy}</button>
      </div>
    </div>
  )
}
