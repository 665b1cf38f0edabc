import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import { useI18n } from '../i18n/I18nProvider'
import { createLink, listLinks, revokeLink } from '../projects'
import type { CreateLinkResponse, ProjectState, PublicLink } from '../shared/projectApi'
import { isRole, ROLES, type Role } from '../shared/workflow'
import { CreatedLink } from './CreatedLink'
import { Dialog } from '../ui/Dialog'
import { ShareLinkList } from './ShareLinkList'

const EXPIRY_HOURS = { never: null, day1: 24, day7: 24 * 7, day30: 24 * 30 } as const
type Expiry = keyof typeof EXPIRY_HOURS
const isExpiry = (v: string): v is Expiry => Object.hasOwn(EXPIRY_HOURS, v)
const LABEL_MAX = 80

interface ShareDialogProps {
  projectId: string
  token: string
  state: ProjectState
  onClose: () => void
}

/** The organizer's invitations: make a link per role (with QR code and print), list and withdraw links. */
export function ShareDialog({ projectId, token, state, onClose }: ShareDialogProps) {
  const { t, lang } = useI18n()
  const s = t.workflow.share
  const id = useId()
  const [role, setRole] = useState<Role>('resident')
  const [label, setLabel] = useState('')
  const [expiry, setExpiry] = useState<Expiry>('never')
  const [creating, setCreating] = useState(false)
  const [createError, setCreateError] = useState<string | null>(null)
  const [created, setCreated] = useState<CreateLinkResponse | null>(null)

  const [links, setLinks] = useState<PublicLink[] | null>(null)
  const [loading, setLoading] = useState(true)
  const [listError, setListError] = useState<string | null>(null)

  const loadLinks = useCallback(
    async (signal?: AbortSignal) => {
      setLoading(true)
      setListError(null)
      try {
        const list = await listLinks(projectId, token, { t, lang, signal })
        setLinks([...list].sort((a, b) => b.createdAt - a.createdAt))
      } catch (err) {
        if (signal?.aborted) return
        setListError(err instanceof Error ? err.message : String(err))
      } finally {
        if (!signal?.aborted) setLoading(false)
      }
    },
    [projectId, token, t, lang],
  )

  useEffect(() => {
    const abort = new AbortController()
    void loadLinks(abort.signal)
    return () => abort.abort()
  }, [loadLinks])

  const onCreate = async (event: FormEvent) => {
    event.preventDefault()
    setCreating(true)
    setCreateError(null)
    try {
      const trimmed = label.replace(/\s+/g, ' ').trim()
      const link = await createLink(
        projectId,
        token,
        { role, ...(trimmed && { label: trimmed }), expiresInHours: EXPIRY_HOURS[expiry] },
        { t, lang },
      )
      setCreated(link)
      setLabel('')
      void loadLinks()
    } catch (err) {
      setCreateError(err instanceof Error ? err.message : String(err))
    } finally {
      setCreating(false)
    }
  }

  const onRevoke = async (linkId: string) => {
    await revokeLink(projectId, token, linkId, { t, lang })
    // A withdrawn link can never be shown again: forget it here too if it was the one just made.
    setCreated((c) => (c?.linkId === linkId ? null : c))
    setLinks((list) => list?.filter((l) => l.linkId !== linkId) ?? list)
  }

  return (
    <Dialog title={s.title} testId="share-panel" onClose={onClose}>
      <p className="wf-muted">{s.intro}</p>
      <form className="wf-share-form" onSubmit={(e) => void onCreate(e)} noValidate>
        <label className="wf-field__label" htmlFor={id + '-role'}>{s.role}</label>
        <select
          id={id + '-role'}
          className="text-input wf-select"
          data-testid="share-role"
          value={role}
          onChange={(e) => isRole(e.target.value) && setRole(e.target.value)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>{t.workflow.roles[r]}</option>
          ))}
        </select>
        <label className="wf-field__label" htmlFor={id + '-label'}>{s.label}</label>
        <input
          id={id + '-label'}
          className="text-input"
          data-testid="share-label"
          type="text"
          value={label}
          maxLength={LABEL_MAX}
          placeholder={s.labelPlaceholder}
          onChange={(e) => setLabel(e.target.value)}
        />
        <label className="wf-field__label" htmlFor={id + '-expiry'}>{s.expiry}</label>
        <select
          id={id + '-expiry'}
          className="text-input wf-select"
          data-testid="share-expiry"
          value={expiry}
          onChange={(e) => isExpiry(e.target.value) && setExpiry(e.target.value)}
        >
          <option value="never">{s.expiryNever}</option>
          <option value="day1">{s.expiry1}</option>
          <option value="day7">{s.expiry7}</option>
          <option value="day30">{s.expiry30}</option>
        </select>
        {createError && <p className="field-error" role="alert">{createError}</p>}
        <button type="submit" className="button button--primary wf-share-form__submit" data-testid="share-create" disabled={creating}>
          {creating ? s.creating : s.create}
        </button>
      </form>
      {created && <CreatedLink key={created.linkId} link={created} projectName={state.project.name} />}
      <ShareLinkList
        links={links}
        loading={loading}
        error={listError}
        ownLinkId={state.linkId}
        onRetry={() => void loadLinks()}
        onRevoke={onRevoke}
      />
    </Dialog>
  )
}
