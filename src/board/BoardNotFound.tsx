import { MessagePage } from '../ui/MessagePage'
import { useI18n } from '../i18n/I18nProvider'

export function BoardNotFound() {
  const { t } = useI18n()
  return <MessagePage title={t.board.notFoundTitle} body={t.board.notFoundBody} testId="board-not-found" />
}
