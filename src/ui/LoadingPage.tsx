import { useI18n } from '../i18n/I18nProvider'

export function LoadingPage() {
  const { t } = useI18n()
  return (
    <main className="page page--center" aria-busy="true">
      <p className="loading-text">{t.app.loading}</p>
    </main>
  )
}
