/**
 * What the connection indicator shows, derived from the y-websocket provider and the browser's
 * online/offline state, and the reconnect policy that goes with it.
 */
import * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'
import { AuthMessageType, CloseCode, MessageType, StorageState } from '../shared/protocol'
import type { SyncStatus } from './types'

/** The server closed the connection for a reason that retrying cannot fix. */
export interface ServerClose {
  code: number
  reason: string
}

/**
 * Close codes after which reconnecting is pointless: the board does not exist or we may not see it,
 * or the server refused what we sent (resending the same state would be refused again). Timeouts
 * and a failed load are retried with y-websocket's backoff.
 *
 * Cut off for flooding (4429) is final too, as for a stock y-websocket client and as
 * docs/protocol.md says: our client never floods (presence at most 20 a second, no echoes), so a
 * client that got there is misbehaving, and reconnecting at once would start the flood again. The
 * person sees why (ServerCloseBanner) and reloads; unsent edits are kept in IndexedDB and go out then.
 */
const PERMANENT_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.badMessage,
  CloseCode.unauthorized,
  CloseCode.forbidden,
  CloseCode.notFound,
  CloseCode.tooLarge,
  CloseCode.rateLimited,
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
  /**
   * The server said whether it can save edits now (docs/protocol.md, "When a write fails"): while
   * it cannot, nobody else sees this person's edits yet; they stay on this device and are saved
   * and passed on once it can. Reset to false when a new connection opens (the server repeats it
   * to a newcomer while it still cannot save).
   */
  onStorageFailing?(failing: boolean): void
  /**
   * The server refused our last update and did not apply it (docs/protocol.md, "Refused updates"):
   * `code` is a RefusalCode (src/shared/boardRules.ts).
   */
  onRefused?(code: string, reason: string): void
}

type MessageHandler = WebsocketProvider['messageHandlers'][number]

/**
 * Our reader of auth messages: the storage notice (sub-type 1) is ours; anything else goes to
 * y-websocket's own handler (permission denied), exactly as before. Peeks with a copy of the
 * decoder so the original handler reads the message from its start.
 */
function authHandler(
  original: MessageHandler | undefined,
  onStorage: (state: number) => void,
  onRefused: (code: string, reason: string) => void,
): MessageHandler {
  return (encoder, decoder, provider, emitSynced, messageType) => {
    const peek = decoding.clone(decoder)
    const sub = decoding.readVarUint(peek)
    if (sub === AuthMessageType.storage) {
      onStorage(decoding.readVarUint(peek))
      return
    }
    if (sub === AuthMessageType.refused) {
      const code = decoding.readVarString(peek)
      onRefused(code, decoding.readVarString(peek))
      return
    }
    original?.(encoder, decoder, provider, emitSynced, messageType)
  }
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

  // Per provider: y-websocket copies its handler table into each provider, so this changes no other
  // (not a documented promise: test/shared/privateApis.test.ts checks it).
  const originalAuth = provider.messageHandlers[MessageType.auth]
  const onStorageFailing = callbacks.onStorageFailing
  provider.messageHandlers[MessageType.auth] = authHandler(
    originalAuth,
    (state) => onStorageFailing?.(state === StorageState.failing),
    (code, reason) => callbacks.onRefused?.(code, reason),
  )
  // Lifecycle edge: a notice belongs to the connection it came on. A new connection starts "saving"
  // (the server greets a newcomer with the notice while it still cannot save, right after open).
  const onConnectionStatus = ({ status }: { status: string }) => {
    if (status === 'connected') onStorageFailing?.(false)
  }

  provider.on('status', onConnectionStatus)
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
    provider.messageHandlers[MessageType.auth] = originalAuth
    provider.off('status', onConnectionStatus)
    provider.off('status', update)
    provider.off('sync', update)
    provider.off('closed', onClosed)
    if (hasWindow) {
      window.removeEventListener('offline', onOffline)
      window.removeEventListener('online', onOnline)
    }
  }
}
