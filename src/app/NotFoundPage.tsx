import { useI18n } from '../i18n/I18nProvider'
import { LangSwitch } from '../i18n/LangSwitch'
import { Link } from './router'

export function NotFoundPage() {
  const { t } = useI18n()
  return (
    <main className="page page--center">
      <div className="card message-card">
        <h1>{t.app.notFoundTitle}</h1>
        <p>{t.app.notFoundBody}</p>
        <div className="message-card__actions">
          <Link href="/" className="button button--primary">{t.app.backHome}</Link>
          <LangSwitch />
        </div>
      </div>
    </main>
  )
}
