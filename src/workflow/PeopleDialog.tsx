import { useCallback, useEffect, useState } from 'react'
import { ApiRequestError } from '../net/api'
import { useLatestRequest } from '../net/useLatestRequest'
import { useI18n } from '../i18n/I18nProvider'
import { format } from '../i18n/lang'
import { confirmPerson, getPeople, makeDeviceLink } from '../projects'
import { mayConfirm, type ClaimLinkResponse } from '../shared/identity'
import type { Participant, ProjectState } from '../shared/projectApi'
import { Dialog } from '../ui/Dialog'
import { PersonalLinkCard } from './PersonalLinkCard'
import { byNameText } from '../i18n/stageText'

interface PeopleDialogProps {
  projectId: string
  token: string
  state: ProjectState
  onClose: () => void
}

/**
 * 人员: everyone may add another device of their own; the organizer and committee members see who
 * joined and, for someone who changed phones, confirm them face to face and hand them a one-time QR
 * code ("确认本人，发新链接/二维码"). The server decides who may confirm whom and records it.
 */
export function PeopleDialog({ projectId, token, state, onClose }: PeopleDialogProps) {
  const { t, lang } = useI18n()
  const i = t.identity
  const seesPeople = state.role === 'organizer' || state.role === 'committee'
  const [made, setMade] = useState<ClaimLinkResponse | null>(null)
  const [asking, setAsking] = useState<Participant | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const request = useCallback((signal: AbortSignal) => getPeople(projectId, token, { t, lang, signal }), [projectId, token, t, lang])
  const { data, error: loadError, load } = useLatestRequest(request)
  useEffect(() => {
    if (seesPeople) void load()
  }, [seesPeople, load])

  const run = async (make: () => Promise<ClaimLinkResponse>) => {
    setBusy(true)
    setError(null)
    try {
      setMade(await make())
      setAsking(null)
      if (seesPeople) void load()
    } catch (err) {
      setError(format(i.failed, { reason: err instanceof ApiRequestError ? err.describe(t, lang) : t.errors.network }))
    } finally {
      setBusy(false)
    }
  }
  const time = (ms: number) => new Date(ms).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'short' })

  return (
    <Dialog title={i.title} testId="people" onClose={onClose}>
      {made && <PersonalLinkCard made={made} onDone={() => setMade(null)} />}
      {error && <p className="field-error" role="alert">{error}</p>}

      <h3 className="wf-section-title">{i.myDevicesTitle}</h3>
      {state.participantId ? (
        <>
          <p className="wf-muted">{i.myDevicesBody}</p>
          <button type="button" className="button button--primary wf-people__wide" data-testid="add-device" disabled={busy}
            onClick={() => void run(() => makeDeviceLink(projectId, token, { t, lang }))}>
            {busy ? i.working : i.addDevice}
          </button>
        </>
      ) : (
        <p className="wf-muted">{i.notJoinedYet}</p>
      )}

      {seesPeople && (
        <>
          <h3 className="wf-section-title">{i.listTitle}</h3>
          <p className="wf-muted">{i.listHint}</p>
          {loadError && <p className="field-error" role="alert">{format(i.loadFailed, { reason: loadError })}</p>}
          <ul className="wf-people">
            {(data?.participants ?? []).map((p) => (
              <li key={p.id} className="wf-people__person" data-testid="people-person" data-role={p.role}>
                <span className="wf-people__name">{p.label}</span>
                <span className="wf-muted">{t.workflow.roles[p.role]}{p.unit ? ` · ${p.unit}` : ''}</span>
                {mayConfirm(state.role, p.role) && p.id !== state.participantId && (
                  asking?.id === p.id ? (
                    <div className="wf-people__ask" role="group">
                      <p>{format(i.confirmAsk, { name: p.label })}</p>
                      <div className="wf-created__actions">
                        <button type="button" className="button button--primary" data-testid="people-confirm-yes" disabled={busy}
                          onClick={() => void run(() => confirmPerson(projectId, token, p.id, { t, lang }))}>
                          {busy ? i.working : i.confirmYes}
                        </button>
                        <button type="button" className="button" onClick={() => setAsking(null)}>{i.cancel}</button>
                      </div>
                    </div>
                  ) : (
                    <button type="button" className="button wf-people__wide" data-testid="people-confirm" onClick={() => setAsking(p)}>
                      {i.confirm}
                    </button>
                  )
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      {data && data.identityEvents.length > 0 && (
        <>
          <h3 className="wf-section-title">{i.recordTitle}</h3>
          <ol className="wf-timeline" data-testid="people-record">
            {data.identityEvents.map((e) => (
              <li key={`${e.participantId}-${e.at}`} className="wf-timeline__item">
                <span className="wf-timeline__time">{time(e.at)}</span>
                <span>
                  {e.kind === 'confirmed' ? format(i.recordConfirmed, { by: byNameText(t, e.byName), name: e.participantName }) : format(i.recordDevice, { name: e.participantName })}
                  {' · '}{e.usedAt !== null ? i.recordUsed : i.recordUnused}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </Dialog>
  )
}
