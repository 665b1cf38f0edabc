/**
 * On a hidden item, for the two kinds of people who still get it: its author ("已被居委隐藏：重复 …
 * 其他人已经看不到了") and the organizer and committee (the same, with "恢复").
 */
import { useI18n } from '../../i18n/I18nProvider'
import type { HiddenMark, ModerationTarget } from '../../shared/moderation'
import { useAction } from '../negotiate/useAction'
import { restoreItem } from '../participationClient'
import { useParticipationUi } from '../ParticipationContext'
import { byLine, hiddenLine } from './moderationText'
import './moderation.css'

export function HiddenNotice({ mark, target }: { mark: HiddenMark; target: ModerationTarget }) {
  const ui = useParticipationUi()
  const { t, lang } = useI18n()
  const m = t.moderation
  const restore = useAction()
  const moderator = ui?.may('moderate') ?? false
  return (
    <div className="cg-mod-notice" role="note" data-testid={`hidden-notice-${target.kind}`} data-reason={mark.reason}>
      <p className="cg-mod-notice__line">{hiddenLine(t, mark, target.kind === 'photo')}</p>
      <p className="cg-mod-notice__by">{byLine(t, lang, mark)} · {moderator ? m.moderatorNote : m.authorNote}</p>
      {moderator && (
        <button
          type="button"
          className="button"
          data-testid={`restore-${target.kind}`}
          disabled={restore.busy}
          onClick={() => void restore.act((c, o) => restoreItem(c, { target }, o))}
        >
          {target.kind === 'photo' ? m.restorePhoto : m.restore}
        </button>
      )}
      {restore.error && <p className="field-error" role="alert">{restore.error}</p>}
    </div>
  )
}
