/** In the 代录 dialog: tick needs for the chosen resident, or take back a tick entered for her. */
import { useI18n } from '../../i18n/I18nProvider'
import type { Need } from '../../shared/participation'
import { useAction } from '../negotiate/useAction'
import { useParticipationState } from '../ParticipationContext'
import { tickFor, untickFor } from './proxyClient'
import { useProxyRecord } from './useProxyRecord'

export function ProxyTicks({ residentId }: { residentId: string }) {
  const { participation } = useParticipationState()
  const { t } = useI18n()
  const record = useProxyRecord()
  if (!participation) return null
  const needs = participation.needs.filter((n) => n.mergedInto === null)
  const entered = new Set((record?.entries ?? []).filter((e) => e.kind === 'tick' && e.forId === residentId && e.removedAt === null).map((e) => e.targetId))
  return (
    <section className="px-section" aria-label={t.proxy.needsHeading}>
      <h4 className="px-heading">{t.proxy.needsHeading}</h4>
      {needs.length === 0 && <p className="px-muted">{t.proxy.noNeeds}</p>}
      <ul className="px-needs">
        {needs.map((n) => <TickRow key={n.id} need={n} residentId={residentId} ticked={entered.has(n.id)} />)}
      </ul>
    </section>
  )
}

function TickRow({ need, residentId, ticked }: { need: Need; residentId: string; ticked: boolean }) {
  const { t } = useI18n()
  const { busy, error, act } = useAction()
  return (
    <li className="px-need" data-testid="proxy-need" data-need-id={need.id}>
      <span className="px-need__text">{need.text}</span>
      {need.author.participantId === residentId ? (
        // Her own need counts her already (its author is its first tick); the server would refuse another.
        <p className="ng-ok">{t.proxy.ownNeed}</p>
      ) : ticked ? (
        <button type="button" className="button px-big" data-testid="proxy-untick" disabled={busy} onClick={() => void act((c, o) => untickFor(c, need.id, residentId, o))}>
          ✓ {t.proxy.ticked} · {t.proxy.untick}
        </button>
      ) : (
        <button type="button" className="button button--primary px-big" data-testid="proxy-tick" disabled={busy} onClick={() => void act((c, o) => tickFor(c, need.id, residentId, o))}>
          {t.proxy.tickFor}
        </button>
      )}
      {error && <p className="ng-error" role="alert">{error}</p>}
    </li>
  )
}
