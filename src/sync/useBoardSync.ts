/**
 * The hook the board UI uses: opens the board (Y.Doc + server + offline copy + presence) for as long
 * as the component is mounted and reports what to show. Contract: src/sync/types.ts.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { react, useValue, type TLAssetStore, type TLStoreWithStatus } from 'tldraw'
import { openBoard, type BoardSession } from './openBoard'
import type { BoardSync, BoardSyncOptions } from './types'

/**
 * tldraw keeps the asset store it was created with; this one forwards to whatever the UI passes
 * now, so a new `assets` object (a re-render, a language change) neither reconnects nor goes stale.
 */
function forwardingAssets(current: () => TLAssetStore): TLAssetStore {
  return {
    upload: (asset, file, abortSignal) => current().upload(asset, file, abortSignal),
    resolve: (asset, context) => {
      const assets = current()
      return assets.resolve ? assets.resolve(asset, context) : asset.props.src
    },
    remove: (assetIds) => current().remove?.(assetIds) ?? Promise.resolve(),
  }
}

/** A refusal within this long of reopening the board does not reopen it again (see below). */
const REOPEN_GUARD_MS = 10_000

export function useBoardSync(options: BoardSyncOptions): BoardSync {
  const { boardId, syncUrl, user, assets, params } = options
  const readOnly = options.readOnly ?? false
  const latest = useRef({ user, assets, params, readOnly })
  useEffect(() => {
    latest.current = { user, assets, params, readOnly }
  })
  // Compared by value: a new object with the same token must not reconnect.
  const paramsKey = params ? JSON.stringify(params) : ''

  const [session, setSession] = useState<BoardSession | null>(null)
  /** Bumped to open the board afresh from the server (after a refused change). */
  const [generation, setGeneration] = useState(0)
  /** The last refusal, shown until dismissed or the next one (it outlives the session it came on). */
  const [refused, setRefused] = useState<string | null>(null)
  const lastReopen = useRef(0)
  useEffect(() => {
    // Everything is created here and closed in the cleanup, never in render or useMemo: React 19
    // StrictMode mounts, unmounts and mounts again, and each mount must get its own doc, socket and
    // IndexedDB handle while the discarded ones are really closed.
    const opened = openBoard({
      boardId,
      syncUrl,
      user: latest.current.user,
      assets: forwardingAssets(() => latest.current.assets),
      params: latest.current.params,
      readOnly: latest.current.readOnly,
    })
    setSession(opened)
    let restarting = false
    // A refused change exists only in this doc (and its offline copy): the server will never take
    // it, and every later change of this doc would build on it. So the session is dropped with its
    // offline copy and the board opened again from the server: the person sees the board as
    // everyone else does, and a sentence saying why their change did not stay.
    const stopRefused = react('refused change', () => {
      const code = opened.$refused.get()
      if (code === null || restarting) return
      restarting = true
      setRefused(code)
      // A change this device makes by itself on every open (never expected; it would be a bug) must
      // not reopen the board in a loop: within a short time of the last reopen, only say why (the
      // banner stays). Decided now, when the refusal arrives: a session opened by a reopen must
      // still reopen on a refusal that comes later.
      if (Date.now() - lastReopen.current < REOPEN_GUARD_MS) return
      lastReopen.current = Date.now()
      void opened.discardLocalCopy().then(() => setGeneration((g) => g + 1))
    })
    return () => {
      stopRefused()
      opened.close()
      setSession((prev) => (prev === opened ? null : prev))
    }
  }, [boardId, syncUrl, paramsKey, generation])

  // A new name, colour or role goes out through presence; it does not reopen the board.
  const { id, name, color, role } = user
  useEffect(() => {
    session?.setUser({ id, name, color, ...(role && { role }) })
  }, [session, id, name, color, role])

  // A stage move changes what this person may do on the open board, without reconnecting.
  useEffect(() => {
    session?.setReadOnly(readOnly)
  }, [session, readOnly])

  // For one render after boardId changes, the previous board's session is still in state.
  const current = session?.boardId === boardId ? session : null
  const ready = useValue('board ready', () => current?.$ready.get() ?? false, [current])
  const status = useValue('board status', () => current?.$status.get() ?? 'connecting', [current])
  const schemaError = useValue('board schema error', () => current?.$schemaError.get() ?? null, [current])
  const serverClose = useValue('board server close', () => current?.$serverClose.get() ?? null, [current])
  const storageFailing = useValue('board storage failing', () => current?.$storageFailing.get() ?? false, [current])
  const error = useValue('board error', () => current?.$error.get() ?? null, [current])

  const storeWithStatus = useMemo<TLStoreWithStatus>(() => {
    if (!current) return { status: 'loading' }
    if (error) return { status: 'error', error }
    if (!ready) return { status: 'loading' }
    return {
      status: 'synced-remote',
      connectionStatus: status === 'connected' ? 'online' : 'offline',
      store: current.store,
    }
  }, [current, error, ready, status])

  const dismissRefused = useCallback(() => setRefused(null), [])
  return { storeWithStatus, status, schemaError, serverClose, storageFailing, refused, dismissRefused, doc: current?.doc ?? null }
}
