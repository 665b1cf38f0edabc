import { useI18n } from './I18nProvider'

/**
 * One button that switches between 中文 and English. It is labelled with the language it switches
 * TO, written in that language, so someone who cannot read the current one still finds theirs.
 */
export function LangSwitch() {
  const { lang, t, setLang } = useI18n()
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="lang-switch"
      data-lang={lang}
      aria-label={t.lang.switchLabel}
      lang={lang === 'en' ? 'zh-CN' : 'en'}
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {t.lang.switchTo}
    </button>
  )
}
