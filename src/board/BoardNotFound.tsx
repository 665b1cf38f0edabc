import { Link } from '../app/router'
import { useI18n } from '../i18n/I18nProvider'
import { LangSwitch } from '../i18n/LangSwitch'

export function BoardNotFound() {
  const { t } = useI18n()
  return (
    <main className="page page--center">
      <div className="card message-card" data-testid="board-not-found">
        <h1>{t.board.notFoundTitle}</h1>
        <p>{t.board.notFoundBody}</p>
        <div className="message-card__actions">
          <Link href="/" className="button button--primary">{t.app.backHome}</Link>
          <LangSwitch />
        </div>
      </div>
    </main>
  )
}
