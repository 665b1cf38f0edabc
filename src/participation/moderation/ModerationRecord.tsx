/**
 * The record of hiding and restoring (who, what, why, when; newest first), for the organizer and the
 * committee — the only ones the server sends it to. Shown under "已隐藏" in the needs tab and in the
 * project's history (src/workflow/HistoryDialog.tsx). No stylesheet of its own: it sits in either.
 */
import { useI18n } from '../../i18n/I18nProvider'
import { format } from '../../i18n/lang'
import { when } from '../negotiate/when'
import { useParticipationState, useParticipationUi } from '../ParticipationContext'
import { targetText } from './hiddenItems'
import { reasonText } from './moderationText'

export function ModerationRecord({ folded = true }: { folded?: boolean }) {
  const ui = useParticipationUi()
  const { participation } = useParticipationState()
  const { t, lang } = useI18n()
  const log = participation?.moderation ?? []
  if (!ui?.may('moderate') || !participation || log.length === 0) return null
  const m = t.moderation
  const list = (
    <ol className="cg-mod-history__list wf-history">
      {[...log].reverse().map((e) => {
        const kind = m.kinds[e.target.kind]
        const line = e.action === 'hide' && e.reason
          ? format(m.historyHide, { name: e.by.name, kind, reason: reasonText(t, { reason: e.reason, note: e.note }) })
          : format(m.historyRestore, { name: e.by.name, kind })
        return (
          <li key={e.id} className="wf-history__item" data-testid="moderation-entry" data-action={e.action}>
            <time dateTime={new Date(e.at).toISOString()}>{when(e.at, lang)}</time> {line}{' '}
            <span className="cg-mod-history__what">「{targetText(participation, e.target) ?? m.gone}」</span>
          </li>
        )
      })}
    </ol>
  )
  return folded ? (
    <details className="cg-mod-history" data-testid="moderation-history">
      <summary>{m.historyTitle}</summary>
      {list}
    </details>
  ) : (
    <section data-testid="moderation-history">
      <h3 className="wf-section-title">{m.historyTitle}</h3>
      {list}
    </section>
  )
}
