/** The manager's tab: name and overdue threshold, new and existing projects, a new task force link. */
import { useState, type FormEvent } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { absoluteLink } from '../projects'
import { Link } from '../ui/router'
import { OVERDUE_DAYS_MAX, WORKSPACE_NAME_MAX, type WorkspaceInfo } from '../shared/workspaceApi'
import { CopyField } from './CopyField'
import type { TabProps } from './WorkspacePage'
import { workspaceErrorText } from './workspaceErrors'
import { attachProject, renewBoardLink, updateWorkspace } from './workspaceClient'

/** `/join/<projectId>#<token>` (or a full URL ending so) → its id and token. */
export function parseOrganizerLink(text: string): { projectId: string; token: string } | null {
  const m = /\/join\/([A-Za-z0-9_-]{8,64})\/?#([A-Za-z0-9_-]{43})\s*$/.exec(text.trim())
  return m ? { projectId: m[1], token: m[2] } : null
}

export function ManageTab({ workspaceId, token, workspace, onChanged }: TabProps & { onChanged: (w: WorkspaceInfo) => void }) {
  const { t, lang } = useI18n()
  const m = t.workspace.manage
  const [name, setName] = useState(workspace.name)
  const [days, setDays] = useState(String(workspace.overdueDays))
  const [saved, setSaved] = useState<string | null>(null)
  const [link, setLink] = useState('')
  const [attachNote, setAttachNote] = useState<{ ok: boolean; text: string } | null>(null)
  const [boardLink, setBoardLink] = useState<string | null>(null)
  const failure = (err: unknown) => workspaceErrorText(err, t)

  const save = async (event: FormEvent) => {
    event.preventDefault()
    try {
      const state = await updateWorkspace(workspaceId, token, { name: name.trim(), overdueDays: Number(days) }, { t, lang })
      onChanged(state.workspace)
      setSaved(m.saved)
    } catch (err) {
      setSaved(failure(err))
    }
  }
  const attach = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseOrganizerLink(link)
    if (!parsed) return setAttachNote({ ok: false, text: m.badLink })
    try {
      await attachProject(workspaceId, token, parsed.projectId, parsed.token, { t, lang })
      setAttachNote({ ok: true, text: m.attached })
      setLink('')
    } catch (err) {
      setAttachNote({ ok: false, text: failure(err) })
    }
  }
  const renew = async () => {
    try {
      setBoardLink(absoluteLink((await renewBoardLink(workspaceId, token, { t, lang })).boardLink))
    } catch (err) {
      setSaved(failure(err))
    }
  }

  return (
    <section className="ws-manage" aria-label={t.workspace.tabs.manage}>
      <div className="card ws-form">
        <Link href={`/new?workspace=${encodeURIComponent(workspaceId)}`} className="button button--primary" data-testid="workspace-new-project">{m.newProject}</Link>
      </div>
      <form className="card ws-form" onSubmit={(e) => void save(e)}>
        <label className="ws-field">
          <span>{m.nameLabel}</span>
          <input className="text-input" maxLength={WORKSPACE_NAME_MAX} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="ws-field">
          <span>{m.overdueLabel}</span>
          <input className="text-input ws-number" type="number" min={1} max={OVERDUE_DAYS_MAX} data-testid="workspace-overdue-days" value={days} onChange={(e) => setDays(e.target.value)} />
        </label>
        <button type="submit" className="button button--primary">{m.save}</button>
        {saved && <p className="ws-hint" role="status">{saved}</p>}
      </form>
      <form className="card ws-form" onSubmit={(e) => void attach(e)}>
        <h3>{m.attachTitle}</h3>
        <p className="ws-hint">{m.attachHint}</p>
        <label className="ws-field">
          <span>{m.attachLink}</span>
          <input className="text-input" data-testid="workspace-attach-link" value={link} onChange={(e) => setLink(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" className="button button--primary" disabled={!link.trim()}>{m.attach}</button>
        {attachNote && <p className={attachNote.ok ? 'ws-ok' : 'field-error'} role={attachNote.ok ? 'status' : 'alert'}>{attachNote.text}</p>}
      </form>
      <div className="card ws-form">
        <h3>{m.renewTitle}</h3>
        <p className="ws-hint">{m.renewHint}</p>
        <button type="button" className="button" onClick={() => void renew()}>{m.renew}</button>
        {boardLink && <CopyField label={m.newBoardLink} value={boardLink} testId="workspace-new-board-link" />}
      </div>
    </section>
  )
}
