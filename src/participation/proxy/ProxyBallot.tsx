/**
 * In the 代录 dialog: cast the chosen resident's ballot in the open vote — one button per option for
 * single choice, a number per option for dots (the server checks the budget again).
 */
import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import type { Vote } from '../../shared/participation'
import { useAction } from '../negotiate/useAction'
import { useParticipationState } from '../ParticipationContext'
import { ballotFor } from './proxyClient'
import { useProxyRecord } from './useProxyRecord'

export function ProxyBallot({ vote, residentId }: { vote: Vote; residentId: string }) {
  const { participation } = useParticipationState()
  const { t } = useI18n()
  const record = useProxyRecord()
  const { busy, error, act } = useAction()
  const [dots, setDots] = useState<Record<string, number>>({})
  const [done, setDone] = useState(false)
  if (!participation) return null
  const title = (id: string) => participation.options.find((o) => o.id === id)?.title ?? t.negotiate.target.gone
  const entered = done || (record?.entries ?? []).some((e) => e.kind === 'ballot' && e.targetId === vote.id && e.forId === residentId && e.removedAt === null)
  if (entered) return <p className="ng-done" data-testid="proxy-ballot-done" role="status">✓ {t.proxy.voted}</p>
  const cast = async (points: Record<string, number>) => {
    if (await act((c, o) => ballotFor(c, vote.id, residentId, points, o))) setDone(true)
  }
  return (
    <div className="px-ballot" data-testid="proxy-ballot">
      {vote.optionIds.map((id) => (
        <div key={id} className="px-ballot__row">
          {vote.mode === 'single' ? (
            <button type="button" className="button button--primary px-big px-wide" data-testid="proxy-ballot-option" data-option-id={id} disabled={busy} onClick={() => void cast({ [id]: 1 })}>
              {t.proxy.ballotFor}：{title(id)}
            </button>
          ) : (
            <label className="px-field">
              <span>{title(id)}</span>
              <input
                className="text-input"
                type="number"
                min={0}
                max={vote.dotsPerPerson}
                inputMode="numeric"
                value={dots[id] ?? 0}
                onChange={(e) => setDots((d) => ({ ...d, [id]: Math.max(0, Math.floor(Number(e.target.value) || 0)) }))}
              />
            </label>
          )}
        </div>
      ))}
      {vote.mode === 'dots' && (
        <button type="button" className="button button--primary px-big" data-testid="proxy-ballot-dots" disabled={busy} onClick={() => void cast(dots)}>
          {t.proxy.ballotFor}
        </button>
      )}
      {error && <p className="ng-error" role="alert" data-testid="proxy-ballot-error">{error}</p>}
    </div>
  )
}
