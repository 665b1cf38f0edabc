/**
 * In the organizer's dashboard: the town's workspace this project belongs to ("属于工作区：…"), and
 * leaving it, after a confirmation (DELETE /api/projects/<id>/workspace; the server lets the
 * organizer alone do it). Nothing shows for a project in no workspace.
 */
import { useEffect, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { getProjectWorkspace, leaveWorkspace, workspaceCallError } from '../projects'

export function WorkspaceSection({ projectId, token }: { projectId: string; token: string }) {
  const { t, lang } = useI18n()
  const w = t.workspace.project
  const [name, setName] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [left, setLeft] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const abort = new AbortController()
    getProjectWorkspace(projectId, token, { t, lang, signal: abort.signal })
      .then((side) => setName(side.workspace?.name ?? null), () => {})
    return () => abort.abort()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [projectId, token])

  if (left) return <p className="wf-muted" role="status" data-testid="workspace-left">{w.left}</p>
  if (name === null) return null

  const onLeave = async () => {
    setBusy(true)
    setError(null)
    try {
      await leaveWorkspace(projectId, token, { t, lang })
      setLeft(true)
    } catch (err) {
      setError(workspaceCallError(err, t))
    } finally {
      setBusy(false)
      setConfirming(false)
    }
  }

  return (
    <section data-testid="project-workspace">
      <h3 className="wf-section-title">{format(w.inWorkspace, { name })}</h3>
      <p className="wf-muted">{w.inWorkspaceHint}</p>
      {!confirming ? (
        <button type="button" className="button" data-testid="workspace-leave" onClick={() => setConfirming(true)}>
          {w.leave}
        </button>
      ) : (
        <div role="alertdialog" aria-label={w.leave}>
          <p>{format(w.leaveConfirm, { name })}</p>
          <div className="wf-dash__bar">
            <button type="button" className="button button--danger" data-testid="workspace-leave-confirm" disabled={busy} onClick={() => void onLeave()}>
              {w.leaveYes}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
              {w.leaveNo}
            </button>
          </div>
        </div>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
    </section>
  )
}
