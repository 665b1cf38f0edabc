/**
 * Matching a need of a project to a resource of the list, for the project's organizer: offered for
 * the projects of this workspace whose organizer link this device holds (the server checks it again).
 */
import { useEffect, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { listAccess } from '../projects'
import type { ListEntry, ProjectWorkspaceSide } from '../shared/workspaceApi'
import type { TabProps } from './WorkspacePage'
import { workspaceErrorText } from './workspaceErrors'
import { getOverview, getProjectSide, matchNeed } from './workspaceClient'

export function MatchForm({ workspaceId, token, role, resources, onMatched }: TabProps & { resources: ListEntry[]; onMatched: () => void }) {
  const { t, lang } = useI18n()
  const l = t.workspace.lists
  const [projects, setProjects] = useState<{ id: string; name: string; token: string }[] | null>(null)
  const [projectId, setProjectId] = useState('')
  const [side, setSide] = useState<ProjectWorkspaceSide | null>(null)
  const [needId, setNeedId] = useState('')
  const [resourceId, setResourceId] = useState('')
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)

  useEffect(() => {
    const mine = listAccess().filter((a) => a.role === 'organizer')
    if (mine.length === 0) return setProjects([])
    getOverview(workspaceId, token, { t, lang }).then((o) => {
      const inside = new Set(o.projects.map((p) => p.projectId))
      setProjects(mine.filter((a) => inside.has(a.projectId)).map((a) => ({ id: a.projectId, name: a.projectName, token: a.token })))
    }, () => setProjects([]))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workspaceId, token])

  const chosen = projects?.find((p) => p.id === projectId)
  useEffect(() => {
    setSide(null)
    setNeedId('')
    if (!chosen) return
    getProjectSide(chosen.id, chosen.token, { t, lang }).then(setSide, (err: unknown) => setNote({ ok: false, text: workspaceErrorText(err, t) }))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chosen?.id])

  const submit = async () => {
    if (!chosen || !needId || !resourceId) return
    setNote(null)
    try {
      await matchNeed(chosen.id, chosen.token, needId, resourceId, { t, lang })
      setNote({ ok: true, text: l.matchDone })
      onMatched()
    } catch (err) {
      setNote({ ok: false, text: workspaceErrorText(err, t) })
    }
  }

  // The task force's screen without a project of its own to match: nothing to offer there.
  if (role === 'board' && projects?.length === 0) return null
  return (
    <div className="card ws-form" data-testid="workspace-match">
      <h3>{l.matchTitle}</h3>
      <p className="ws-hint">{l.matchHint}</p>
      {projects && projects.length === 0 && <p className="ws-quiet">{l.matchNoProjects}</p>}
      {projects && projects.length > 0 && (
        <>
          <label className="ws-field">
            <span>{l.matchProject}</span>
            <select className="text-input" value={projectId} onChange={(e) => setProjectId(e.target.value)}>
              <option value="">{l.pick}</option>
              {projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </label>
          {side && side.needs.length === 0 && <p className="ws-quiet">{l.matchNoNeeds}</p>}
          {side && side.needs.length > 0 && (
            <>
              <label className="ws-field">
                <span>{l.matchNeed}</span>
                <select className="text-input" value={needId} onChange={(e) => setNeedId(e.target.value)}>
                  <option value="">{l.pick}</option>
                  {side.needs.map((n) => <option key={n.id} value={n.id}>{n.text.slice(0, 60)}</option>)}
                </select>
              </label>
              <label className="ws-field">
                <span>{l.matchResource}</span>
                <select className="text-input" value={resourceId} onChange={(e) => setResourceId(e.target.value)}>
                  <option value="">{l.pick}</option>
                  {resources.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
                </select>
              </label>
              <button type="button" className="button button--primary" disabled={!needId || !resourceId} onClick={() => void submit()}>{l.matchDo}</button>
            </>
          )}
        </>
      )}
      {note && <p className={note.ok ? 'ws-ok' : 'field-error'} role={note.ok ? 'status' : 'alert'}>{note.text}</p>}
    </div>
  )
}
