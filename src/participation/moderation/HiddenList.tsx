/**
 * For the organizer and the committee: "已隐藏 (N)", folded — every hidden need, photo and comment
 * with why, who and when, and "恢复"; under it the whole record of hiding and restoring.
 */
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { ParticipationState } from '../../shared/participation'
import { when } from '../negotiate/when'
import { useParticipationUi } from '../ParticipationContext'
import { HiddenNotice } from './HiddenNotice'
import { hiddenItems, targetText } from './hiddenItems'
import { reasonText } from './moderationText'
import './moderation.css'

export function HiddenList({ participation }: { participation: ParticipationState }) {
  const ui = useParticipationUi()
  const { t, lang } = useI18n()
  if (!ui?.may('moderate')) return null
  const m = t.moderation
  const items = hiddenItems(participation)
  const log = [...(participation.moderation ?? [])].reverse()
  return (
    <details className="cg-mod-list" data-testid="hidden-list" data-count={items.length}>
      <summary className="cg-mod-list__summary" data-testid="hidden-list-summary">{format(m.hiddenList, { count: items.length })}</summary>
      <p className="cg-needs-note">{items.length === 0 ? m.hiddenListEmpty : m.hiddenListIntro}</p>
      <ul className="cg-mod-list__items">
        {items.map((item) => (
          <li key={`${item.target.kind}:${item.target.id}`} className="cg-mod-item" data-testid="hidden-item" data-kind={item.target.kind} data-id={item.target.id}>
            <p className="cg-mod-item__text">
              <span className="cg-mod-item__kind">{m.kinds[item.target.kind]}</span> {item.text}
            </p>
            <HiddenNotice mark={item.mark} target={item.target} />
          </li>
        ))}
      </ul>
      {log.length > 0 && (
        <details className="cg-mod-history" data-testid="moderation-history">
          <summary>{m.historyTitle}</summary>
          <ol className="cg-mod-history__list">
            {log.map((e) => {
              const kind = m.kinds[e.target.kind]
              const line = e.action === 'hide' && e.reason
                ? format(m.historyHide, { name: e.by.name, kind, reason: reasonText(t, { reason: e.reason, note: e.note }) })
                : format(m.historyRestore, { name: e.by.name, kind })
              return (
                <li key={e.id} data-testid="moderation-entry" data-action={e.action}>
                  <time className="cg-needs-note" dateTime={new Date(e.at).toISOString()}>{when(e.at, lang)}</time> {line}
                  <span className="cg-mod-history__what">「{targetText(participation, e.target) ?? m.gone}」</span>
                </li>
              )
            })}
          </ol>
        </details>
      )}
    </details>
  )
}
