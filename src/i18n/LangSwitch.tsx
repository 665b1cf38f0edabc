import { useEffect, useState } from 'react'
import { useI18n } from './I18nProvider'

/**
 * One button that switches between 中文 and English. It is labelled with the language it switches
 * TO, written in that language, so someone who cannot read the current one still finds theirs.
 * The other language is fetched on the tap (only the one in use is in the first download); when
 * that fails offline, a short note at the top of the screen says so in the current language. The
 * note stays until the connection is back, she closes it (知道了), or she taps the switch again: one
 * that left on a timer could be gone before a slow reader (or, on a loaded host, a test) had read
 * it. It floats over the header, so it can be closed: offline may last a whole site visit.
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
          <span>{t.lang.switchFailed}</span>
          <button type="button" className="button lang-switch-failed__close" data-testid="lang-switch-failed-close" onClick={() => setFailed(false)}>
            {t.lang.switchFailedClose}
          </button>
        </span>
      )}
    </>
  )
}
