import type { SyncStatus } from '../sync'
import { useI18n } from '../i18n/I18nProvider'

/**
 * Always visible: people must know whether others see what they draw. Colour is never the only
 * signal (the words are there too), for colour-blind and low-vision readers.
 */
export function ConnectionStatus({ status }: { status: SyncStatus }) {
  const { t } = useI18n()
  const hint = {
    connecting: t.status.connectingHint,
    connected: t.status.connectedHint,
    reconnecting: t.status.reconnectingHint,
    offline: t.status.offlineHint,
  }[status]
  return (
    <div
      className={`conn-status conn-status--${status}`}
      data-testid="connection-status"
      data-status={status}
      role="status"
      title={hint}
    >
      <span className="conn-status__dot" aria-hidden="true" />
      <span className="conn-status__text">{t.status[status]}</span>
      <span className="visually-hidden">{hint}</span>
    </div>
  )
}
