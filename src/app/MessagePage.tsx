import { useI18n } from '../i18n/I18nProvider'
import { LangSwitch } from '../i18n/LangSwitch'
import { Link } from './router'

/** A full-page message with a way home: unknown address, unknown board. */
export function MessagePage({ title, body, testId }: { title: string; body: string; testId?: string }) {
  const { t } = useI18n()
  return (
    <main className="page page--center">
      <div className="card message-card" data-testid={testId}>
        <h1>{title}</h1>
        <p>{body}</p>
        <div className="message-card__actions">
          <Link href="/" className="button button--primary">{t.app.backHome}</Link>
          <LangSwitch />
        </div>
      </div>
    </main>
  )
}
