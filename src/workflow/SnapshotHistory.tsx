import { useCallback, useEffect, useState } from 'react'
import { useLatestRequest } from '../net/useLatestRequest'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { listHistory, restoreHistory } from '../projects'
import type { HistoryItem } from '../shared/projectApi'
import { ModerationRecord } from '../participation'
import { Dialog } from '../ui/Dialog'
import { HistoryViewer } from './HistoryViewer'
import { byNameText } from '../i18n/stageText'

interface SnapshotHistoryProps {
  projectId: string
  token: string
  /** Null: read from the run-time config (the viewer's canvas needs it). */
  licenseKey: string | null
  onClose: () => void
}

/**
 * The organizer's history: every saved copy of the board (stage moves and automatic ones), newest
 * first, each viewable and restorable. A restore is a new change on the live board that everyone
 * receives; the server saves the board as it was first, so that copy shows up here to undo it.
 */
export function SnapshotHistory({ projectId, token, licenseKey, onClose }: SnapshotHistoryProps) {
  const { t, lang } = useI18n()
  const s = t.workflow.snapshots
  const stages = t.workflow.stages
  const [viewing, setViewing] = useState<HistoryItem | null>(null)
  const [confirming, setConfirming] = useState<HistoryItem | null>(null)
  const [busy, setBusy] = useState(false)
  const [restoreError, setRestoreError] = useState<string | null>(null)
  const [restoredAt, setRestoredAt] = useState<number | null>(null)
  const time = (ms: number) => new Date(ms).toLocaleString(lang)

  const request = useCallback((signal: AbortSignal) => listHistory(projectId, token, { t, lang, signal }), [projectId, token, t, lang])
  // The list is read again after a restore: only the newest read may land.
  const { data: items, error: loadError, load } = useLatestRequest(request)

  useEffect(() => {
    void load()
  }, [load])

  const restore = async (item: HistoryItem) => {
    setBusy(true)
    setRestoreError(null)
    try {
      await restoreHistory(projectId, token, item.id, { t, lang })
      setConfirming(null)
      setRestoredAt(item.at)
      // The copy saved just before the restore is new in the list.
      void load()
    } catch (err) {
      setRestoreError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  if (viewing) {
    return (
      <HistoryViewer projectId={projectId} token={token} snapshot={viewing} licenseKey={licenseKey} onClose={() => setViewing(null)} />
    )
  }

  return (
    <>
    <Dialog title={s.title} testId="history" onClose={onClose}>
      <p className="wf-muted">{s.intro}</p>
      {restoredAt !== null && (
        <p className="wf-history__done" role="status" data-testid="history-restore-done">
          {format(s.restored, { time: time(restoredAt) })}
        </p>
      )}
      {loadError && (
        <div className="field-error" role="alert">
          {format(s.failed, { reason: loadError })}{' '}
          <button type="button" className="button" onClick={() => void load()}>{s.retry}</button>
        </div>
      )}
      {!items && !loadError && <p className="wf-muted">{s.loading}</p>}
      {items && items.length === 0 && <p className="wf-muted">{s.empty}</p>}
      {items && items.length > 0 && (
        <ol className="wf-history">
          {[...items].reverse().map((item) => {
            const when = time(item.at)
            const isMove = item.kind === 'stageMove' && item.fromStage && item.toStage
            return (
              <li
                key={`${item.kind}:${item.id}`}
                className="wf-history__item"
                data-testid={item.kind === 'stageMove' ? 'history-move' : 'history-snapshot'}
                data-kind={item.kind}
                data-snapshot-id={item.id}
              >
                <strong className="wf-history__move">
                  {isMove ? format(s.stageMove, { from: stages[item.fromStage!], to: stages[item.toStage!] }) : s.periodic}
                </strong>
                <span className="wf-history__by">
                  {item.kind === 'stageMove'
                    ? format(s.by, { name: byNameText(t, item.byName), time: when })
                    : format(s.at, { time: when })}
                </span>
                <div className="wf-dialog__actions">
                  <button
                    type="button"
                    className="button wf-history__view"
                    data-testid="history-view"
                    aria-label={format(s.viewLabel, { time: when })}
                    onClick={() => setViewing(item)}
                  >
                    {s.view}
                  </button>
                  <button
                    type="button"
                    className="button"
                    data-testid="history-restore"
                    aria-label={format(s.restoreLabel, { time: when })}
                    onClick={() => {
                      setRestoreError(null)
                      setConfirming(item)
                    }}
                  >
                    {s.restore}
                  </button>
                </div>
              </li>
            )
          })}
        </ol>
      )}
      {/* Who hid what and when (moderation), next to the board's own history. */}
      <ModerationRecord folded={false} />
    </Dialog>
      {/* A sibling, not a child: the panel scrolls and must not clip the question. */}
      {confirming && (
        <Dialog title={s.confirmTitle} testId="history-restore-dialog" size="alert" onClose={() => !busy && setConfirming(null)}>
          <p>{format(s.confirmBody, { time: time(confirming.at) })}</p>
          {restoreError && <p className="field-error" role="alert">{restoreError}</p>}
          <div className="wf-dialog__actions">
            <button
              type="button"
              className="button button--danger"
              data-testid="history-restore-confirm"
              disabled={busy}
              onClick={() => void restore(confirming)}
            >
              {busy ? s.restoring : s.confirmYes}
            </button>
            <button type="button" className="button" data-testid="history-restore-cancel" disabled={busy} onClick={() => setConfirming(null)}>
              {s.confirmNo}
            </button>
          </div>
        </Dialog>
      )}
    </>
  )
}
