import { setLargeText, useLargeText } from '../../app/largeText'
import { useI18n } from '../../i18n/I18nProvider'

/** The large-text switch ("大字"): in the needs tab, and in the board header. Every copy stays in step. */
export function LargeTextToggle({ className = '' }: { className?: string }) {
  const { t } = useI18n()
  const on = useLargeText()
  return (
    <button
      type="button"
      className={`cg-large-text-toggle${on ? ' cg-large-text-toggle--on' : ''} ${className}`.trim()}
      data-testid="large-text-toggle"
      aria-pressed={on}
      title={t.needs.largeTextLabel}
      onClick={() => setLargeText(!on)}
    >
      {on ? t.needs.largeTextOn : t.needs.largeText}
    </button>
  )
}
