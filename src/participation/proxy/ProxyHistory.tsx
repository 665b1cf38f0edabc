/**
 * In the 代录 dialog: everything entered for residents, newest first — "居委 刘主任 代 李阿姨 录入 ·
 * 打钩：长椅不够" — with what was taken back and by whom (the server keeps every entry).
 */
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { ProxyEntry } from '../../shared/proxyEntry'
import { when } from '../negotiate/when'
import { useParticipationState } from '../ParticipationContext'
import { useProxyRecord } from './useProxyRecord'

export function ProxyHistory() {
  const { participation } = useParticipationState()
  const { t, lang } = useI18n()
  const record = useProxyRecord()
  const entries = [...(record?.entries ?? [])].reverse()
  if (!participation || entries.length === 0) return null
  const p = t.proxy
  const what = (e: ProxyEntry) => {
    if (e.kind === 'ballot') return p.historyBallot
    const need = participation.needs.find((n) => n.id === e.targetId)?.text ?? t.negotiate.target.gone
    return format(e.kind === 'need' ? p.historyNeed : p.historyTick, { text: need })
  }
  return (
    <details className="px-history" data-testid="proxy-history">
      <summary className="px-paper__summary">{format(p.history, { count: entries.length })}</summary>
      <ul className="px-batches">
        {entries.map((e) => (
          <li key={e.id} className={`px-batch${e.removedAt !== null ? ' px-batch--removed' : ''}`} data-testid="proxy-history-entry">
            <span>{format(p.enteredBy, { role: t.workflow.roles[e.byRole], by: e.byName, for: e.forName })} · {what(e)} · {when(e.at, lang)}</span>
            {e.removedAt !== null && <span className="px-muted"> · {format(p.historyRemoved, { by: e.removedByName ?? '' })}</span>}
          </li>
        ))}
      </ul>
    </details>
  )
}
