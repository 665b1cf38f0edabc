import { useEffect, useMemo, useState } from 'react'
import { Tldraw, type TLAssetStore, type TLStoreWithStatus } from 'tldraw'
import { tldrawAssetUrls as assetUrls } from '../board/tldrawAssetUrls'
import { useI18n } from '../i18n/I18nProvider'
import { format, TLDRAW_LOCALE } from '../i18n/lang'
import { getHistorySnapshot, getMoveSnapshot } from '../projects'
import type { HistoryItem, StageMove } from '../shared/projectApi'
import { storeFromBoardUpdate } from '../sync/storeFromBoardUpdate'

/** Images in a snapshot are our own server's URLs; nothing is ever uploaded from here. */
const viewOnlyAssets: TLAssetStore = {
  upload: () => Promise.reject(new Error('This is a record of the board; nothing can be added to it.')),
  resolve: (asset) => asset.props.src ?? null,
}

type HistoryViewerProps = {
  projectId: string
  token: string
  licenseKey: string | null
  onClose: () => void
} & (
  /** A stage move's copy (anyone with a live link may see these). */
  | { move: StageMove; snapshot?: undefined }
  /** Organizer: any copy from GET …/history (stage move or automatic). */
  | { snapshot: HistoryItem; move?: undefined }
)

/** A saved copy of the board (at a stage move, or taken automatically), in its own read-only canvas over the live board. */
export function HistoryViewer({ projectId, token, move, snapshot, licenseKey, onClose }: HistoryViewerProps) {
  const { t, lang } = useI18n()
  const h = t.workflow.history
  const [result, setResult] = useState<TLStoreWithStatus>({ status: 'loading' })
  const [failure, setFailure] = useState<string | null>(null)

  useEffect(() => {
    const abort = new AbortController()
    setResult({ status: 'loading' })
    setFailure(null)
    const opts = { t, lang, signal: abort.signal }
    const fetching = snapshot ? getHistorySnapshot(projectId, token, snapshot.id, opts) : getMoveSnapshot(projectId, token, move.id, opts)
    fetching
      .then((update) => {
        if (abort.signal.aborted) return
        setResult({ status: 'not-synced', store: storeFromBoardUpdate(update, viewOnlyAssets) })
      })
      .catch((err: unknown) => {
        if (abort.signal.aborted) return
        setFailure(err instanceof Error ? err.message : String(err))
      })
    return () => abort.abort()
    // t/lang only word the error: a language switch must not fetch the snapshot again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [projectId, token, snapshot?.id, move?.id])

  // The store is only ours: free it when another move is shown or the viewer closes.
  useEffect(() => {
    const store = result.status === 'not-synced' ? result.store : null
    return () => store?.dispose()
  }, [result])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation()
        onClose()
      }
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [onClose])

  const title = snapshot
    ? format(t.workflow.snapshots.viewerTitle, { time: new Date(snapshot.at).toLocaleString(lang) })
    : format(h.viewerTitle, { stage: t.workflow.stages[move.from], time: new Date(move.at).toLocaleString(lang) })
  const components = useMemo(() => ({ SharePanel: null, MenuPanel: null }), [])

  return (
    <div className="wf-viewer" data-testid="history-viewer" role="dialog" aria-modal="true" aria-label={title}>
      <header className="wf-viewer__head">
        <div className="wf-viewer__titles">
          <h2 className="wf-viewer__title">{title}</h2>
          <p className="wf-viewer__note">{h.viewerNote}</p>
        </div>
        <button type="button" className="button button--primary" data-testid="history-close" onClick={onClose}>
          {h.close}
        </button>
      </header>
      <div className="wf-viewer__canvas">
        {failure ? (
          <p className="field-error wf-viewer__error" role="alert">{format(h.failed, { reason: failure })}</p>
        ) : result.status === 'loading' ? (
          <p className="wf-muted wf-viewer__loading">{h.loading}</p>
        ) : (
          <Tldraw
            store={result}
            assetUrls={assetUrls}
            licenseKey={licenseKey ?? undefined}
            locale={TLDRAW_LOCALE[lang]}
            components={components}
            onMount={(editor) => {
              // The whole board in view, but never blown up past 100 % (a board with one note).
              const bounds = editor.getCurrentPageBounds()
              if (bounds) editor.zoomToBounds(bounds, { targetZoom: 1, inset: 48, animation: { duration: 0 } })
            }}
          />
        )}
      </div>
    </div>
  )
}
