import { useEffect, useState } from 'react'
import { useI18n } from './I18nProvider'

/**
 * One button that switches between 中文 and English. It is labelled with the language it switches
 * TO, written in that language, so someone who cannot read the current one still finds theirs.
 * The other language is fetched on the tap (only the one in use is in the first download); when
 * that fails offline, a short note next to the button says so in the current language. The note
 * stays until the connection is back or she taps again: one that left on a timer could be gone
 * before a slow reader (or, on a loaded host, a test) had read it, and it stays true while offline.
 */
export function LangSwitch() {
  const { lang, t, setLang } = useI18n()
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    if (!failed) return
    const back = () => setFailed(false)
    window.addEventListener('online', back)
    return () => window.removeEventListener('online', back)
  }, [failed])

  return (
    <>
      <button
        type="button"
        className="lang-switch"
        data-testid="lang-switch"
        data-lang={lang}
        // A title, not an aria-label: the name read out must contain the word shown (WCAG 2.5.3).
        title={t.lang.switchLabel}
        lang={lang === 'en' ? 'zh-CN' : 'en'}
        onClick={() => {
          setFailed(false)
          void setLang(lang === 'en' ? 'zh-CN' : 'en').then((ok) => setFailed(!ok))
        }}
      >
        {t.lang.switchTo}
      </button>
      {failed && (
        <span className="lang-switch-failed" role="status" data-testid="lang-switch-failed">
          {t.lang.switchFailed}
        </span>
      )}
    </>
  )
}
