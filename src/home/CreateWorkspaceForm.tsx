/**
 * The home page's entry for a town's or street office's task force: name a workspace, get its two
 * links (shown once), and go in with the manager link (kept on this device).
 */
import { useState, type FormEvent } from 'react'
import { ApiRequestError } from '../net/api'
import { useClientConfig } from '../net/clientConfig'
import { absoluteLink, saveWorkspaceAccess } from '../projects'
import { useI18n } from '../i18n/I18nProvider'
import { navigate } from '../ui/router'
import { WORKSPACE_NAME_MAX, workspacePath, type CreateWorkspaceResponse } from '../shared/workspaceApi'
import { CopyField, createWorkspace } from '../workspace'
import '../workspace/workspace.css'

export function CreateWorkspaceForm() {
  const { t, lang } = useI18n()
  const w = t.workspace
  const shareOrigin = useClientConfig()?.shareOrigin ?? null
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [made, setMade] = useState<CreateWorkspaceResponse | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy || !name.trim()) return
    setBusy(true)
    setError(null)
    try {
      const answer = await createWorkspace(name.trim(), { t, lang })
      saveWorkspaceAccess(answer.workspaceId, { token: answer.managerToken, role: 'manager', name: name.trim() })
      setMade(answer)
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : t.errors.network)
    } finally {
      setBusy(false)
    }
  }

  if (made) {
    return (
      <section className="card ws-created" data-testid="workspace-created">
        <h2>{w.createdTitle}</h2>
        <p className="ws-warning">{w.createdKeep}</p>
        <CopyField label={w.managerLink} hint={w.managerLinkHint} value={absoluteLink(made.managerLink, shareOrigin)} testId="workspace-manager-link" />
        <CopyField label={w.boardLink} hint={w.boardLinkHint} value={absoluteLink(made.boardLink, shareOrigin)} testId="workspace-board-link" />
        <button type="button" className="button button--primary" onClick={() => navigate(workspacePath(made.workspaceId))}>{w.enter}</button>
      </section>
    )
  }
  return (
    <section className="card ws-home" aria-labelledby="workspace-home-title">
      <h2 id="workspace-home-title">{w.homeTitle}</h2>
      <p className="ws-hint">{w.homeHint}</p>
      <form onSubmit={(e) => void submit(e)} className="ws-home__form">
        <label className="ws-field">
          <span>{w.homeName}</span>
          <input className="text-input" data-testid="workspace-name-input" maxLength={WORKSPACE_NAME_MAX} value={name}
            placeholder={w.homeNamePlaceholder} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="button" data-testid="workspace-create" disabled={busy || !name.trim()}>{busy ? w.homeCreating : w.homeCreate}</button>
        {error && <p className="field-error" role="alert">{error}</p>}
      </form>
    </section>
  )
}
