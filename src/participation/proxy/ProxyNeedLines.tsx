/** On a need's card: who entered it for its author (代录), and how many of its ticks the committee entered. */
import { useI18n } from '../../i18n/I18nProvider'
import type { Need } from '../../shared/participation'
import { useParticipationState } from '../ParticipationContext'
import { needEnteredLine, tickLine } from './proxyLines'
import './proxy.css'

export function ProxyNeedLines({ need }: { need: Need }) {
  const { participation } = useParticipationState()
  const { t } = useI18n()
  if (!participation) return null
  const lines = [needEnteredLine(participation, need, t), tickLine(participation, need.id, t)].filter((x) => x !== null)
  if (lines.length === 0) return null
  return <p className="px-line" data-testid="need-proxy">{lines.join(' · ')}</p>
}
