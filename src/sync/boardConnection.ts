/**
 * The connection half of an open board, without tldraw: the Y.Doc, the server connection
 * (y-websocket), the offline copy (y-indexeddb), the first-sync race and the connection's status.
 * openBoard binds a tldraw store to it; the light view (src/lightView) reads the same doc before
 * tldraw's code has even arrived, and hands the connection over (preopenedBoards.ts), so the board
 * is downloaded once.
 *
 * Runtime: browser or Node (tests pass a WebSocket class); no tldraw import, so it can sit in the
 * light view's small chunk.
 */
import * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import { recordCount } from './boardDoc'
import { sendOwnPresenceOnly } from './ownPresenceOnly'
import type { SyncStatus } from './types'
import { browserIsOnline, shouldReconnect, watchConnection, type ServerClose } from './watchConnection'

export interface BoardConnectionOptions {
  boardId: string
  syncUrl: string
  /** Keep an offline copy in IndexedDB. Default: whenever IndexedDB exists. */
  persist?: boolean
  /** For Node (tests, tools): the WebSocket class, e.g. the `ws` package's. */
  WebSocketPolyfill?: NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill']
  /** No BroadcastChannel between tabs of one browser (tests: the server is then the only path). */
  disableBc?: boolean
  /** Query parameters of the sync connection, e.g. `{ token }` for a project board. */
  params?: Record<string, string>
}

/** What the connection has said so far; each change is passed to the listeners. */
export interface ConnectionState {
  status: SyncStatus
  serverClose: ServerClose | null
  storageFailing: boolean
  /** The first refusal of one of our updates (a RefusalCode), kept until the connection closes. */
  refused: string | null
  /**
   * The doc holds the board and may be shown or bound: see the first-sync race in `connectBoard`.
   * Never goes back to false.
   */
  complete: boolean
}

export interface BoardConnection {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  /** Compared by openBoard before it adopts a connection someone else opened. */
  readonly key: string
  state(): ConnectionState
  /** Called on every change of `state()`; returns the unsubscribe. */
  listen(listener: (state: ConnectionState) => void): () => void
  close(): void
  /** Close, and delete this device's offline copy (after a refusal, it holds what must not come back). */
  discardLocalCopy(): Promise<void>
}

/** How long to wait for IndexedDB once the server has answered, before going on without it. */
const IDB_GRACE_MS = 3000

/** What identifies one board session: two openers with the same key may share a connection. */
export function connectionKey(options: Pick<BoardConnectionOptions, 'boardId' | 'syncUrl' | 'params'>): string {
  return JSON.stringify([options.boardId, options.syncUrl, options.params ?? null])
}

export function connectBoard(options: BoardConnectionOptions): BoardConnection {
  const { boardId } = options
  const doc = new Y.Doc()
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

  let current: ConnectionState = { status: 'connecting', serverClose: null, storageFailing: false, refused: null, complete: false }
  const listeners = new Set<(state: ConnectionState) => void>()
  const set = (patch: Partial<ConnectionState>) => {
    current = { ...current, ...patch }
    for (const listener of [...listeners]) listener(current)
  }

  let closed = false
  let idbSettled = persistence === null
  let idbHadContent = false
  let serverSynced = false
  let idbGraceTimer: ReturnType<typeof setTimeout> | null = null

  /**
   * The first-sync race. The doc fills asynchronously from two sides, and binding seeds an empty
   * doc with tldraw's default document and page. Seeding a doc that is merely not loaded yet would
   * write defaults concurrently with the real board (an extra "Page 1", a page name reverted), so:
   * - never complete before IndexedDB has loaded (or failed): its copy may hold unsent offline edits;
   * - then complete once the server has answered the first sync (an empty doc then really is a new
   *   board), or at once when IndexedDB had this board (offline, the last state is shown);
   * - an IndexedDB that neither loads nor fails (a hang we cannot rule out in every phone webview)
   *   is given up on a few seconds after the server answered; what it holds later merges like any
   *   update.
   * Not completing on "the doc has records" alone: live updates can arrive before the server's
   * sync reply, and a partial board (shapes without their page) would make tldraw create a page.
   */
  const tryComplete = () => {
    if (closed || current.complete) return
    const whole = serverSynced || (idbHadContent && recordCount(doc) > 0)
    if (!idbSettled || !whole) return
    if (idbGraceTimer) clearTimeout(idbGraceTimer)
    doc.off('update', onDocUpdate)
    set({ complete: true })
  }

  const onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === persistence) idbHadContent = true
  }
  doc.on('update', onDocUpdate)

  if (persistence) {
    persistence.whenSynced.then(() => {
      idbSettled = true
      tryComplete()
    })
    // y-indexeddb leaves whenSynced pending forever when the database cannot be opened (private
    // modes, some webviews): go on without the offline copy rather than never showing the board.
    // `_db` is y-indexeddb's private promise of the database; test/shared/privateApis.test.ts checks it.
    persistence._db.catch((error: unknown) => {
      console.warn('[sync] no offline copy on this device (IndexedDB unavailable)', error)
      idbSettled = true
      tryComplete()
    })
  }

  const onSync = (synced: boolean) => {
    if (!synced || serverSynced) return
    serverSynced = true
    if (!idbSettled) {
      idbGraceTimer = setTimeout(() => {
        console.warn('[sync] IndexedDB did not load in time; continuing without waiting for it')
        idbSettled = true
        tryComplete()
      }, IDB_GRACE_MS)
    }
    tryComplete()
  }
  provider.on('sync', onSync)

  // Watched from the first moment, whoever holds the connection later: a close or a refusal that
  // comes before openBoard adopts it is kept in the state, not missed.
  const stopWatching = watchConnection(provider, {
    onStatus: (status) => set({ status }),
    onServerClose: (close) => set({ serverClose: close }),
    onStorageFailing: (failing) => set({ storageFailing: failing }),
    onRefused: (code, reason) => {
      console.warn(`[sync] the server did not accept a change (${code}): ${reason}`)
      if (current.refused === null) set({ refused: code })
    },
  })

  const connection: BoardConnection = {
    boardId,
    doc,
    provider,
    key: connectionKey(options),
    state: () => current,
    listen: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => {
      if (closed) return
      closed = true
      listeners.clear()
      if (idbGraceTimer) clearTimeout(idbGraceTimer)
      stopWatching()
      provider.off('sync', onSync)
      doc.off('update', onDocUpdate)
      // destroy, not clearData: the offline copy is what a reload without network shows.
      provider.destroy()
      persistence?.destroy().catch(() => {})
      doc.destroy()
    },
    discardLocalCopy: async () => {
      connection.close()
      // Why: the offline copy holds the refused change; loaded again it would be sent again (and
      // refused again). The board is re-read from the server; nothing the server has is lost.
      if (persistence) await persistence.clearData().catch(() => {})
    },
  }
  return connection
}
