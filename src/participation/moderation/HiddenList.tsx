/**
 * For the organizer and the committee: "已隐藏 (N)", folded — every hidden need, photo and comment
 * with why, who and when, and "恢复"; under it the whole record of hiding and restoring.
 */
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import type { ParticipationState } from '../../shared/participation'
import { useParticipationUi } from '../ParticipationContext'
import { HiddenNotice } from './HiddenNotice'
import { hiddenItems } from './hiddenItems'
import { ModerationRecord } from './ModerationRecord'
import './moderation.css'

export function HiddenList({ participation }: { participation: ParticipationState }) {
  const ui = useParticipationUi()
  const { t } = useI18n()
  if (!ui?.may('moderate')) return null
  const m = t.moderation
  const items = hiddenItems(participation)
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
      <ModerationRecord />
    </details>
  )
}
