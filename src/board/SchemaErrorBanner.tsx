import { useI18n } from '../i18n/I18nProvider'

/** The board was saved by a newer app version: only a reload brings this client up to date. */
export function SchemaErrorBanner() {
  const { t } = useI18n()
  return (
    <div className="board-banner" role="alert" data-testid="schema-error">
      <span>{t.board.schemaError}</span>
      <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
        {t.app.reload}
      </button>
    </div>
  )
}
