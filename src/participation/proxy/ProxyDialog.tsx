/**
 * The committee's 代录 dialog: pick the resident (or add one who has no phone), then tick needs and
 * cast her ballot for her. Everything is checked again by the server (docs/permissions.md, "Entering
 * for a resident"); each entry is recorded as entered by this member for her.
 */
import { useEffect, useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { Participant } from '../../shared/projectApi'
import { can } from '../../shared/workflow'
import { Dialog } from '../../ui/Dialog'
import { useAction } from '../negotiate/useAction'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { addResident, getResidents } from './proxyClient'
import { ProxyBallot } from './ProxyBallot'
import { ProxyHistory } from './ProxyHistory'
import { ProxyNeedForm } from './ProxyNeedForm'
import { ProxyTicks } from './ProxyTicks'
import { ProxyTaskVerdicts } from '../tasks/ProxyTaskVerdicts'
import './proxy.css'

/** `placeAt`: where a need's pin goes (the middle of the plan in view); without it, no need form. */
export function ProxyDialog({ onClose, placeAt }: { onClose: () => void; placeAt?: () => { x: number; y: number } }) {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t } = useI18n()
  const p = t.proxy
  const [residents, setResidents] = useState<Participant[] | null>(null)
  const [chosen, setChosen] = useState<{ id: string; label: string } | null>(null)
  const [name, setName] = useState('')
  const [unit, setUnit] = useState('')
  const adding = useAction()
  const load = useAction()
  const caller = ui?.caller
  useEffect(() => {
    if (!caller) return
    void load.act((c, o) => getResidents(c, o)).then((list) => list && setResidents(list.participants.filter((x) => x.role === 'resident')))
    // Read once when the dialog opens; a resident added here is chosen directly.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caller])
  if (!ui || !participation) return null

  const add = async () => {
    const answer = await adding.act((c, o) => addResident(c, name, unit, o))
    if (answer) {
      setChosen(answer.resident)
      setName('')
      setUnit('')
    }
  }
  const openVote = participation.votes.find((v) => v.status === 'open')

  return (
    <Dialog title={p.title} testId="proxy-dialog" onClose={onClose}>
      <p className="px-intro">{p.intro}</p>
      {chosen === null ? (
        <section className="px-section" aria-label={p.pickResident}>
          <h4 className="px-heading">{p.pickResident}</h4>
          {residents !== null && residents.length === 0 && <p className="px-muted">{p.noResidents}</p>}
          {load.error && <p className="ng-error" role="alert">{load.error}</p>}
          <ul className="px-people">
            {(residents ?? []).map((r) => (
              <li key={r.id}>
                <button type="button" className="button px-big" data-testid="proxy-resident" onClick={() => setChosen({ id: r.id, label: r.label })}>
                  {r.unit ? `${r.label}（${r.unit}）` : r.label}
                </button>
              </li>
            ))}
          </ul>
          <form
            className="px-add"
            noValidate
            onSubmit={(e) => {
              e.preventDefault()
              void add()
            }}
          >
            <h4 className="px-heading">{p.newResident}</h4>
            <label className="px-field">
              <span>{p.name}</span>
              <input className="text-input" data-testid="proxy-new-name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
            </label>
            <label className="px-field">
              <span>{p.unit}</span>
              <input className="text-input" data-testid="proxy-new-unit" value={unit} maxLength={40} onChange={(e) => setUnit(e.target.value)} />
            </label>
            <button type="submit" className="button button--primary px-big" data-testid="proxy-new-add" disabled={adding.busy || name.trim() === ''}>
              {p.add}
            </button>
            {adding.error && <p className="ng-error" role="alert">{adding.error}</p>}
          </form>
        </section>
      ) : (
        <>
          <p className="px-for" data-testid="proxy-for" role="status">
            <strong>{format(p.forWhom, { name: chosen.label })}</strong>{' '}
            <button type="button" className="button" onClick={() => setChosen(null)}>
              {p.change}
            </button>
          </p>
          {placeAt && can('resident', ui.stage, 'addNeed') && <ProxyNeedForm key={chosen.id} residentId={chosen.id} placeAt={placeAt} />}
          {can('resident', ui.stage, 'tick') && <ProxyTicks residentId={chosen.id} />}
          {can('resident', ui.stage, 'acceptTask') && <ProxyTaskVerdicts key={chosen.id} residentId={chosen.id} />}
          {can('resident', ui.stage, 'vote') && (
            <section className="px-section" aria-label={p.voteHeading}>
              <h4 className="px-heading">{p.voteHeading}</h4>
              {openVote ? <ProxyBallot key={`${openVote.id} ${chosen.id}`} vote={openVote} residentId={chosen.id} /> : <p className="px-muted">{p.noVote}</p>}
            </section>
          )}
        </>
      )}
      <ProxyHistory />
    </Dialog>
  )
}
