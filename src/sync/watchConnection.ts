/**
 * What the connection indicator shows, derived from the y-websocket provider and the browser's
 * online/offline state, and the reconnect policy that goes with it.
 */
import type { WebsocketProvider } from 'y-websocket'
import { CloseCode } from '../shared/protocol'
import type { SyncStatus } from './types'

/** The server closed the connection for a reason that retrying cannot fix. */
export interface ServerClose {
  code: number
  reason: string
}

/**
 * Close codes after which reconnecting is pointless: the board does not exist or we may not see it,
 * or the server refused what we sent (resending the same state would be refused again). Timeouts,
 * rate limits and a failed load are retried with y-websocket's backoff.
 */
const PERMANENT_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.badMessage,
  CloseCode.unauthorized,
  CloseCode.forbidden,
  CloseCode.notFound,
  CloseCode.tooLarge,
])

export function shouldReconnect(event: { code: number }): boolean {
  return !PERMANENT_CLOSE_CODES.has(event.code)
}

export function browserIsOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false
}

export interface ConnectionCallbacks {
  onStatus(status: SyncStatus): void
  onServerClose(close: ServerClose): void
}

export function watchConnection(provider: WebsocketProvider, callbacks: ConnectionCallbacks): () => void {
  let online = browserIsOnline()
  let everSynced = false
  let closedForGood = false
  let last: SyncStatus | null = null

  const update = () => {
    if (provider.synced && provider.wsconnected) everSynced = true
    const status: SyncStatus = !online
      ? 'offline'
      : provider.wsconnected && provider.synced
        ? 'connected'
        : everSynced
          ? 'reconnecting'
          : 'connecting'
    if (status !== last) callbacks.onStatus(status)
    last = status
  }

  const onClosed = (close: ServerClose) => {
    closedForGood = true
    callbacks.onServerClose({ code: close.code, reason: close.reason })
    update()
  }

  /**
   * When the browser says the network is gone, drop the socket ourselves: a socket can look open
   * for up to 30 s after the network died, and edits sent into it only arrive after the resync
   * anyway. Back online, reconnect at once instead of waiting out the backoff. Edits made meanwhile
   * are in the Y.Doc (and IndexedDB) and go out with the first sync.
   */
  const onOffline = () => {
    online = false
    provider.disconnect()
    update()
  }
  const onOnline = () => {
    online = true
    if (!closedForGood) provider.connect()
    update()
  }

  provider.on('status', update)
  provider.on('sync', update)
  provider.on('closed', onClosed)
  const hasWindow = typeof window !== 'undefined' && typeof window.addEventListener === 'function'
  if (hasWindow) {
    window.addEventListener('offline', onOffline)
    window.addEventListener('online', onOnline)
  }
  update()

  return () => {
    provider.off('status', update)
    provider.off('sync', update)
    provider.off('closed', onClosed)
    if (hasWindow) {
      window.removeEventListener('offline', onOffline)
      window.removeEventListener('online', onOnline)
    }
  }
}
