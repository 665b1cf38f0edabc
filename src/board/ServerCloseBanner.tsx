import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { CloseCode } from '../shared/protocol'

/**
 * The server ended the connection for a reason retrying cannot fix, so the sync layer stopped
 * reconnecting: say so plainly instead of leaving "reconnecting" up forever.
 */
export function ServerCloseBanner({ code }: { code: number }) {
  const { t } = useI18n()
  const text = code === CloseCode.notFound
    ? t.board.closedNotFound
    : code === CloseCode.rateLimited
      ? t.board.closedRateLimited
      : format(t.board.closedRefused, { code })
  return (
    <div className="board-banner" role="alert" data-testid="server-close" data-code={code}>
      <span>{text}</span>
      <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
        {t.app.reload}
      </button>
    </div>
  )
}
