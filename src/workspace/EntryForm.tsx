/** The manager's form for one entry of the needs and resources lists. */
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { LIST_NAME_MAX, LIST_SHORT_MAX, LIST_TEXT_MAX, RESOURCE_KINDS, type ListSide, type ResourceKind } from '../shared/workspaceApi'
import { format } from '../i18n/lang'
import type { ListEntry } from '../shared/workspaceApi'
import { addEntry, updateEntry } from './workspaceClient'
import { workspaceErrorText } from './workspaceErrors'

const EMPTY = { name: '', description: '', amount: '', contact: '', community: '' }

/** A new entry, or — with `entry` — a change to that one (the whole entry is sent, as the server takes it). */
export function EntryForm({ workspaceId, token, onAdded, entry, onCancel }: {
  workspaceId: string; token: string; onAdded: () => void; entry?: ListEntry; onCancel?: () => void
}) {
  const { t, lang } = useI18n()
  const l = t.workspace.lists
  const [side, setSide] = useState<ListSide>(entry?.side ?? 'resource')
  const [kind, setKind] = useState<ResourceKind>(entry?.kind ?? 'funds')
  const [values, setValues] = useState(entry
    ? { name: entry.name, description: entry.description, amount: entry.amount, contact: entry.contact, community: entry.community }
    : EMPTY)
  const [busy, setBusy] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)
  // Editing is started from an entry higher up the page: bring its form into view.
  useEffect(() => {
    if (entry) formRef.current?.scrollIntoView({ block: 'start' })
  }, [entry])
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy || !values.name.trim()) return
    setBusy(true)
    setError(null)
    try {
      const fields = { kind: side === 'resource' ? kind : null, ...values }
      if (entry) await updateEntry(workspaceId, token, entry.id, fields, { t, lang })
      else await addEntry(workspaceId, token, { side, ...fields }, { t, lang })
      setValues(EMPTY)
      onAdded()
    } catch (err) {
      setError(workspaceErrorText(err, t))
    } finally {
      setBusy(false)
    }
  }
  const field = (key: keyof typeof EMPTY, label: string, max: number, placeholder?: string) => (
    <label className="ws-field">
      <span>{label}</span>
      {key === 'description'
        ? <textarea className="text-input" rows={3} maxLength={max} value={values[key]} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />
        : <input className="text-input" data-testid={`workspace-entry-${key}`} maxLength={max} value={values[key]} placeholder={placeholder}
          required={key === 'name'} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />}
    </label>
  )
  return (
    <form ref={formRef} className="card ws-form" data-testid="workspace-entry-form" onSubmit={(e) => void submit(e)}>
      <h3>{entry ? format(l.editTitle, { name: entry.name }) : l.add}</h3>
      {!entry && <label className="ws-field">
        <span>{l.side}</span>
        <select className="text-input" data-testid="workspace-entry-side" value={side} onChange={(e) => setSide(e.target.value as ListSide)}>
          <option value="resource">{l.sides.resource}</option>
          <option value="need">{l.sides.need}</option>
        </select>
      </label>}
      {side === 'resource' && (
        <label className="ws-field">
          <span>{l.kind}</span>
          <select className="text-input" data-testid="workspace-entry-kind" value={kind} onChange={(e) => setKind(e.target.value as ResourceKind)}>
            {RESOURCE_KINDS.map((k) => <option key={k} value={k}>{l.kinds[k]}</option>)}
          </select>
        </label>
      )}
      {field('name', l.name, LIST_NAME_MAX)}
      {field('description', l.description, LIST_TEXT_MAX)}
      {field('amount', l.amount, LIST_SHORT_MAX, l.amountPlaceholder)}
      {field('community', l.community, LIST_SHORT_MAX)}
      {field('contact', l.contact, LIST_SHORT_MAX)}
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="ws-actions">
        <button type="submit" className="button button--primary" data-testid="workspace-entry-save" disabled={busy || !values.name.trim()}>{l.save}</button>
        {onCancel && <button type="button" className="button" onClick={onCancel}>{l.cancel}</button>}
      </div>
    </form>
  )
}
