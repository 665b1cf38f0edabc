/**
 * One open board: its Y.Doc, the server connection (y-websocket), the offline copy (y-indexeddb),
 * the tldraw store bound to the doc, and presence. Framework-free; useBoardSync wraps it for React.
 */
import * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import { atom, react, type Signal, type TLAssetStore, type TLStore } from 'tldraw'
import { bindPresence } from './bindPresence'
import { bindStoreToYDoc } from './bindStoreToYDoc'
import { sendOwnPresenceOnly } from './ownPresenceOnly'
import { recordCount } from './boardDoc'
import { createBoardStore } from './createBoardStore'
import { scheduleFrame } from './scheduleFrame'
import type { LocalUser, SyncStatus } from './types'
import { browserIsOnline, shouldReconnect, watchConnection, type ServerClose } from './watchConnection'

export interface OpenBoardOptions {
  boardId: string
  syncUrl: string
  user: LocalUser
  assets: TLAssetStore
  /** Keep an offline copy in IndexedDB. Default: whenever IndexedDB exists. */
  persist?: boolean
  /** For Node (tests, tools): the WebSocket class, e.g. the `ws` package's. */
  WebSocketPolyfill?: NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill']
  /** No BroadcastChannel between tabs of one browser (tests: the server is then the only path). */
  disableBc?: boolean
  /** Query parameters of the sync connection, e.g. `{ token }` for a project board. */
  params?: Record<string, string>
  /** Start read-only (see setReadOnly). */
  readOnly?: boolean
}

export interface BoardSession {
  readonly boardId: string
  readonly store: TLStore
  readonly doc: Y.Doc
  /** True once the store is bound to the doc and can be shown. */
  readonly $ready: Signal<boolean>
  readonly $status: Signal<SyncStatus>
  readonly $schemaError: Signal<string | null>
  readonly $serverClose: Signal<ServerClose | null>
  /** The server says it cannot save now: edits stay on this device and are saved when it recovers. */
  readonly $storageFailing: Signal<boolean>
  /**
   * Set when the server refused one of our updates (a RefusalCode, src/shared/boardRules.ts). This
   * doc then holds changes the board does not have and never will: the caller closes the session
   * with `discardLocalCopy` and opens the board again from the server's state.
   */
  readonly $refused: Signal<string | null>
  /** Set when the board could not be bound at all (the doc is not a board); tldraw shows it. */
  readonly $error: Signal<Error | null>
  setUser(user: LocalUser): void
  /**
   * Whether this person may edit now (project board: role × stage). Read-only makes tldraw refuse
   * edits and hide its drawing tools; the server drops such edits anyway.
   */
  setReadOnly(readOnly: boolean): void
  close(): void
  /** Close, and delete this device's offline copy (after a refusal, it holds what must not come back). */
  discardLocalCopy(): Promise<void>
}

/** How long to wait for IndexedDB once the server has answered, before going on without it. */
const IDB_GRACE_MS = 3000

export function openBoard(options: OpenBoardOptions): BoardSession {
  const { boardId } = options
  const doc = new Y.Doc()
  const { store, $user, $connection, $mode } = createBoardStore(options.user, options.assets)
  const $ready = atom('ready', false)
  const $status = atom<SyncStatus>('status', 'connecting')
  const $schemaError = atom<string | null>('schema error', null)
  const $serverClose = atom<ServerClose | null>('server close', null)
  const $storageFailing = atom('storage failing', false)
  const $refused = atom<string | null>('refused', null)
  const $error = atom<Error | null>('error', null)
  const $readOnly = atom('read only', options.readOnly ?? false)
  // tldraw's read-only mode follows the store's collaboration mode, so both reasons to refuse
  // edits (a board from a newer app version, a role that may not draw now) go through this one
  // signal; setting the editor's instance state directly would be overwritten by it.
  const stopMode = react('collaboration mode', () => {
    $mode.set($schemaError.get() || $readOnly.get() ? 'readonly' : 'readwrite')
  })

  const persist = options.persist ?? typeof indexedDB !== 'undefined'
  const persistence = persist ? new IndexeddbPersistence(`commonground-board-${boardId}`, doc) : null
  const provider = new WebsocketProvider(options.syncUrl, boardId, doc, {
    connect: browserIsOnline(),
    shouldReconnect,
    WebSocketPolyfill: options.WebSocketPolyfill,
    disableBc: options.disableBc,
    params: options.params,
  })
  // Only our own presence goes out, never the others' the server sent us (a stock provider echoes them).
  sendOwnPresenceOnly(provider)

  let closed = false
  let unbind: (() => void) | null = null
  let idbSettled = persistence === null
  let idbHadContent = false
  let serverSynced = false
  let idbGraceTimer: ReturnType<typeof setTimeout> | null = null

  /**
   * The first-sync race. The doc fills asynchronously from two sides, and binding seeds an empty
   * doc with tldraw's default document and page. Seeding a doc that is merely not loaded yet would
   * write defaults concurrently with the real board (an extra "Page 1", a page name reverted), so:
   * - never bind before IndexedDB has loaded (or failed): its copy may hold unsent offline edits;
   * - then bind once the server has answered the first sync (an empty doc then really is a new
   *   board), or at once when IndexedDB had this board (offline, the last state is shown);
   * - an IndexedDB that neither loads nor fails (a hang we cannot rule out in every phone webview)
   *   is given up on a few seconds after the server answered; what it holds later merges like any
   *   update.
   * Not binding on "the doc has records" alone: live updates can arrive before the server's
   * sync reply, and a partial board (shapes without their page) would make tldraw create a page.
   */
  const tryBind = () => {
    if (closed || unbind) return
    const complete = serverSynced || (idbHadContent && recordCount(doc) > 0)
    if (!idbSettled || !complete) return
    if (idbGraceTimer) clearTimeout(idbGraceTimer)
    doc.off('update', onDocUpdate)
    let unbindStore: () => void
    try {
      unbindStore = bindStoreToYDoc(store, doc, {
        onSchemaError: (message) => $schemaError.set(message),
        // Remote changes reach tldraw once per frame, all of that frame's in one store transaction.
        // Each such transaction costs tldraw ~15–30 ms on a 5,000-shape board plus ~0.05 ms per
        // record: a frame that would apply more than a few hundred records leaves the rest (whole
        // Yjs transactions) to the next one, so a catch-up after a hidden tab stays responsive.
        schedule: scheduleFrame,
        maxRecordsPerFlush: 300,
      })
    } catch (error) {
      console.error('[sync] could not open this board', error)
      $error.set(error instanceof Error ? error : new Error(String(error)))
      unbind = () => {}
      return
    }
    const unbindPresence = bindPresence(store, provider.awareness, $user)
    unbind = () => {
      unbindPresence()
      unbindStore()
    }
    $ready.set(true)
  }

  const onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === persistence) idbHadContent = true
  }
  doc.on('update', onDocUpdate)

  if (persistence) {
    persistence.whenSynced.then(() => {
      idbSettled = true
      tryBind()
    })
    // y-indexeddb leaves whenSynced pending forever when the database cannot be opened (private
    // modes, some webviews): go on without the offline copy rather than never showing the board.
    persistence._db.catch((error: unknown) => {
      console.warn('[sync] no offline copy on this device (IndexedDB unavailable)', error)
      idbSettled = true
      tryBind()
    })
  }

  const onSync = (synced: boolean) => {
    if (!synced || serverSynced) return
    serverSynced = true
    if (!idbSettled) {
      idbGraceTimer = setTimeout(() => {
        console.warn('[sync] IndexedDB did not load in time; continuing without waiting for it')
        idbSettled = true
        tryBind()
      }, IDB_GRACE_MS)
    }
    tryBind()
  }
  provider.on('sync', onSync)

  const stopWatching = watchConnection(provider, {
    onStatus: (status) => {
      $status.set(status)
      $connection.set(status === 'connected' ? 'online' : 'offline')
    },
    onServerClose: (close) => $serverClose.set(close),
    onStorageFailing: (failing) => $storageFailing.set(failing),
    onRefused: (code, reason) => {
      console.warn(`[sync] the server did not accept a change (${code}): ${reason}`)
      if ($refused.get() === null) $refused.set(code)
    },
  })

  const session: BoardSession = {
    boardId,
    store,
    doc,
    $ready,
    $status,
    $schemaError,
    $serverClose,
    $storageFailing,
    $refused,
    $error,
    setUser: (user) => {
      const prev = $user.get()
      if (prev.id !== user.id || prev.name !== user.name || prev.color !== user.color || prev.role !== user.role) {
        $user.set({ ...user })
      }
    },
    setReadOnly: (readOnly) => $readOnly.set(readOnly),
    close: () => {
      if (closed) return
      closed = true
      if (idbGraceTimer) clearTimeout(idbGraceTimer)
      stopWatching()
      stopMode()
      provider.off('sync', onSync)
      doc.off('update', onDocUpdate)
      unbind?.()
      // destroy, not clearData: the offline copy is what a reload without network shows.
      provider.destroy()
      persistence?.destroy().catch(() => {})
      doc.destroy()
      store.dispose()
    },
    discardLocalCopy: async () => {
      session.close()
      // Why: the offline copy holds the refused change; loaded again it would be sent again (and
      // refused again). The board is re-read from the server; nothing the server has is lost.
      if (persistence) await persistence.clearData().catch(() => {})
    },
  }
  return session
}
