import { useI18n } from '../i18n/I18nProvider'
import { MessagePage } from '../ui/MessagePage'

export function NotFoundPage() {
  const { t } = useI18n()
  return <MessagePage title={t.app.notFoundTitle} body={t.app.notFoundBody} />
}
