import type { ReactNode } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { LangSwitch } from '../i18n/LangSwitch'
import { Link } from './router'

interface MessagePageProps {
  title: string
  body: string
  testId?: string
  /** Set as data-code: which refusal or problem this is (tests and diagnosis read it). */
  code?: string
  /** Something went wrong: announced at once to screen readers. */
  alert?: boolean
  /** More lines under the body. */
  children?: ReactNode
  /** Buttons before the way home (the first one the main action); the way home is then secondary. */
  actions?: ReactNode
}

/** A full-page message with a way home: unknown address, unknown board, a refused or failed link. */
export function MessagePage({ title, body, testId, code, alert = false, children, actions }: MessagePageProps) {
  const { t } = useI18n()
  return (
    <main className="page page--center">
      <div className="card message-card" data-testid={testId} data-code={code} role={alert ? 'alert' : undefined}>
        <h1>{title}</h1>
        <p className="message-card__body">{body}</p>
        {children}
        <div className="message-card__actions">
          {actions}
          <Link href="/" className={actions ? 'button' : 'button button--primary'}>{t.app.backHome}</Link>
          <LangSwitch />
        </div>
      </div>
    </main>
  )
}
