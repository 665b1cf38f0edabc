/** The needs and resources lists (需求及资源清单): what communities need, what is on offer, what is matched. */
import { useCallback, useEffect, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import type { ListEntry, WorkspaceLists } from '../shared/workspaceApi'
import { CsvButton } from './CsvButton'
import { EntryForm } from './EntryForm'
import { MatchForm } from './MatchForm'
import type { TabProps } from './WorkspacePage'
import { workspaceErrorText } from './workspaceErrors'
import { getLists, removeEntry } from './workspaceClient'

export function ListsTab(props: TabProps) {
  const { workspaceId, token, role, workspace } = props
  const { t, lang } = useI18n()
  const l = t.workspace.lists
  const [lists, setLists] = useState<WorkspaceLists | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [editing, setEditing] = useState<ListEntry | null>(null)

  const load = useCallback(() => {
    getLists(workspaceId, token, { t, lang }).then(setLists, (err: unknown) => setError(workspaceErrorText(err, t)))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workspaceId, token])
  useEffect(load, [load])

  const remove = async (entry: ListEntry) => {
    if (!window.confirm(format(l.removeConfirm, { name: entry.name }))) return
    try {
      await removeEntry(workspaceId, token, entry.id, { t, lang })
      load()
    } catch (err) {
      setError(workspaceErrorText(err, t))
    }
  }

  if (!lists) return error ? <p className="field-error" role="alert">{error}</p> : <p className="loading-text">{t.workspace.loading}</p>

  const card = (e: ListEntry) => {
    const matches = lists.matches.filter((m) => m.resourceId === e.id)
    return (
      <li key={e.id} className="card ws-card" data-testid="workspace-entry" data-side={e.side}>
        <h4 className="ws-card__title">
          {e.kind && <span className={`ws-kind ws-kind--${e.kind}`}>{l.kinds[e.kind]}</span>} {e.name}
        </h4>
        {e.description && <p className="ws-card__text">{e.description}</p>}
        <dl className="ws-facts">
          {e.amount && <><dt>{l.amount}</dt><dd>{e.amount}</dd></>}
          {e.community && <><dt>{l.community}</dt><dd>{e.community}</dd></>}
          {e.contact && <><dt>{l.contact}</dt><dd>{e.contact}</dd></>}
        </dl>
        {e.side === 'resource' && (matches.length === 0 ? <p className="ws-quiet">{l.matchedNone}</p> : (
          <div className="ws-matches" data-testid="workspace-matches">
            <p>{format(l.matchedCount, { count: matches.length })}</p>
            <ul>{matches.map((m) => <li key={m.needId}>{m.projectName}：{m.needText}</li>)}</ul>
          </div>
        ))}
        {role === 'manager' && (
          <div className="ws-actions">
            <button type="button" className="button ws-remove" onClick={() => setEditing(e)}>{l.edit}</button>
            <button type="button" className="button ws-remove" onClick={() => void remove(e)}>{l.remove}</button>
          </div>
        )}
      </li>
    )
  }
  const needs = lists.entries.filter((e) => e.side === 'need')
  const resources = lists.entries.filter((e) => e.side === 'resource')
  return (
    <section aria-label={t.workspace.tabs.lists}>
      <div className="ws-toolbar">
        <CsvButton workspaceId={workspaceId} token={token} kind="lists" label={l.download} fileName={`${workspace.name}-${t.workspace.files.lists}`} />
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="ws-columns">
        <div>
          <h3>{l.resourcesTitle}</h3>
          {resources.length === 0 ? <p className="ws-empty">{l.noResources}</p> : <ul className="ws-cards">{resources.map(card)}</ul>}
        </div>
        <div>
          <h3>{l.needsTitle}</h3>
          {needs.length === 0 ? <p className="ws-empty">{l.noNeeds}</p> : <ul className="ws-cards">{needs.map(card)}</ul>}
        </div>
      </div>
      {role === 'manager' && (editing
        ? <EntryForm key={editing.id} workspaceId={workspaceId} token={token} entry={editing} onAdded={() => { setEditing(null); load() }} onCancel={() => setEditing(null)} />
        : <EntryForm workspaceId={workspaceId} token={token} onAdded={load} />)}
      <MatchForm {...props} resources={resources} onMatched={load} />
    </section>
  )
}
