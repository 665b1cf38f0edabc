/**
 * The resources of the town's workspace matched to a need (需求及资源清单): shown on the need's card to
 * everyone who sees the need ("已对接：某基金会 · 资金" is news for residents), and, for the project's
 * organizer, one button per resource of the workspace's list to match or unmatch it. The server
 * decides both lists (docs/permissions.md, "Workspace links"); nothing shows when the project is in no
 * workspace. Read when the card opens and after each change (matches do not come by the event stream).
 */
import { useCallback, useEffect, useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { getMatchedResources, getProjectWorkspace, matchResource, unmatchResource, workspaceCallError } from '../../projects'
import type { Need } from '../../shared/participation'
import type { MatchedResources, ProjectWorkspaceSide } from '../../shared/workspaceApi'
import { useParticipationUi } from '../ParticipationContext'

export function NeedResources({ need }: { need: Need }) {
  const ui = useParticipationUi()
  const { t, lang } = useI18n()
  const w = t.workspace.project
  const [matched, setMatched] = useState<MatchedResources | null>(null)
  const [side, setSide] = useState<ProjectWorkspaceSide | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const organizer = ui?.role === 'organizer'
  const projectId = ui?.caller.projectId
  const token = ui?.caller.token

  const load = useCallback(async (signal?: AbortSignal) => {
    if (!projectId || !token) return
    const opts = { t, lang, signal }
    const [m, s] = await Promise.all([
      getMatchedResources(projectId, token, opts),
      organizer ? getProjectWorkspace(projectId, token, opts) : Promise.resolve(null),
    ])
    if (signal?.aborted) return
    setMatched(m)
    setSide(s)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [projectId, token, organizer, lang])

  useEffect(() => {
    const abort = new AbortController()
    // A failed read shows nothing: the card's other parts matter more than this line.
    load(abort.signal).catch(() => {})
    return () => abort.abort()
  }, [load, need.id])

  if (!ui || !matched?.workspace) return null
  const mine = matched.matches.filter((m) => m.needId === need.id)
  const on = new Set(mine.map((m) => m.resourceId))
  const matchable = side?.needs.some((n) => n.id === need.id) ?? false

  const toggle = async (resourceId: string) => {
    setBusy(resourceId)
    setError(null)
    try {
      await ui.run((c, o) => (on.has(resourceId) ? unmatchResource : matchResource)(c.projectId, c.token, need.id, resourceId, o))
      await load()
    } catch (err) {
      setError(workspaceCallError(err, t))
    } finally {
      setBusy(null)
    }
  }

  const kindText = (kind: MatchedResources['matches'][number]['kind']) => (kind ? ` · ${t.workspace.lists.kinds[kind]}` : '')

  return (
    <>
      {mine.length > 0 && (
        <p className="cg-need-card__addressed" data-testid="need-resources">
          <span>{w.matchedLine}</span>
          {mine.map((m) => (
            <span key={m.resourceId} className="cg-need-badge" data-resource-id={m.resourceId}>
              {m.name}{kindText(m.kind)}
            </span>
          ))}
        </p>
      )}
      {organizer && side?.workspace && (
        <section className="cg-need-card__section" data-testid="need-match">
          <h3 className="cg-need-card__section-title">{w.matchTitle}</h3>
          {side.resources.length === 0 ? (
            <p className="cg-needs-note">{format(w.noResources, { name: side.workspace.name })}</p>
          ) : !matchable ? (
            <p className="cg-needs-note">{w.notMatchable}</p>
          ) : (
            <>
              <p className="cg-needs-note">{format(w.matchHelp, { name: side.workspace.name })}</p>
              <div className="cg-need-address">
                {side.resources.map((r) => {
                  const isOn = on.has(r.id)
                  return (
                    <button
                      key={r.id}
                      type="button"
                      className={`button cg-need-address__option${isOn ? ' cg-need-address__option--on' : ''}`}
                      data-testid="need-match-resource"
                      data-resource-id={r.id}
                      aria-pressed={isOn}
                      disabled={busy !== null}
                      onClick={() => void toggle(r.id)}
                    >
                      {isOn ? '✓ ' : ''}
                      {r.name}{kindText(r.kind)}
                    </button>
                  )
                })}
              </div>
            </>
          )}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </section>
      )}
    </>
  )
}
