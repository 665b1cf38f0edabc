/**
 * One open board: its connection (boardConnection.ts: the Y.Doc, the server, the offline copy), the
 * tldraw store bound to the doc, and presence. Framework-free; useBoardSync wraps it for React.
 */
import type * as Y from 'yjs'
import { atom, react, type Signal, type TLAssetStore, type TLStore } from 'tldraw'
import { bindPresence } from './bindPresence'
import { bindStoreToYDoc } from './bindStoreToYDoc'
import { connectBoard, type BoardConnectionOptions, type ConnectionState } from './boardConnection'
import { createBoardStore } from './createBoardStore'
import { adoptPreopened } from './preopenedBoards'
import { scheduleFrame } from './scheduleFrame'
import type { LocalUser, SyncStatus } from './types'
import type { ServerClose } from './watchConnection'

export interface OpenBoardOptions extends BoardConnectionOptions {
  user: LocalUser
  assets: TLAssetStore
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

export function openBoard(options: OpenBoardOptions): BoardSession {
  const { boardId } = options
  // The light view may have connected already (preopenedBoards.ts): the doc it holds is this board.
  const connection = adoptPreopened(options) ?? connectBoard(options)
  const { doc, provider } = connection
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

  let closed = false
  let unbind: (() => void) | null = null

  /**
   * Bound once the connection says the doc holds the whole board (the first-sync race is
   * boardConnection.ts's): binding seeds an empty doc with tldraw's default document and page.
   */
  const bind = () => {
    if (closed || unbind) return
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

  const apply = (state: ConnectionState) => {
    $status.set(state.status)
    $connection.set(state.status === 'connected' ? 'online' : 'offline')
    if (state.serverClose && $serverClose.get() !== state.serverClose) $serverClose.set(state.serverClose)
    $storageFailing.set(state.storageFailing)
    if (state.refused !== null && $refused.get() === null) $refused.set(state.refused)
    if (state.complete) bind()
  }
  apply(connection.state())
  const stopListening = connection.listen(apply)

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
      stopListening()
      stopMode()
      unbind?.()
      connection.close()
      store.dispose()
    },
    discardLocalCopy: async () => {
      if (closed) return
      closed = true
      stopListening()
      stopMode()
      unbind?.()
      await connection.discardLocalCopy()
      store.dispose()
    },
  }
  return session
}
