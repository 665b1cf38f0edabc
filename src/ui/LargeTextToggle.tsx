import { setLargeText, useLargeText } from './largeText'
import { useI18n } from '../i18n/I18nProvider'

/** The large-text switch ("大字"), in the board header beside the language. */
export function LargeTextToggle() {
  const { t } = useI18n()
  const on = useLargeText()
  return (
    <button
      type="button"
      className={`cg-large-text-toggle${on ? ' cg-large-text-toggle--on' : ''}`}
      data-testid="large-text-toggle"
      aria-pressed={on}
      title={t.needs.largeTextLabel}
      onClick={() => setLargeText(!on)}
    >
      {on ? t.needs.largeTextOn : t.needs.largeText}
    </button>
  )
}
