/** Words for a hidden mark: "已被居委隐藏：重复", its note, who and when. */
import { format, type Lang, type Strings } from '../../i18n/lang'
import type { HiddenMark } from '../../shared/moderation'
import { when } from '../negotiate/when'

/** The reason as picked, with the typed words after it ("其他：…" / "重复 — …"). */
export function reasonText(t: Strings, mark: Pick<HiddenMark, 'reason' | 'note'>): string {
  const picked = t.moderation.reasons[mark.reason]
  if (!mark.note) return picked
  return mark.reason === 'other' ? mark.note : `${picked} — ${mark.note}`
}

export function hiddenLine(t: Strings, mark: HiddenMark, photo = false): string {
  return format(photo ? t.moderation.photoHiddenBy : t.moderation.hiddenBy, { who: t.workflow.roles[mark.by.role], reason: reasonText(t, mark) })
}

export function byLine(t: Strings, lang: Lang, mark: HiddenMark): string {
  return format(t.moderation.byLine, { name: mark.by.name, time: when(mark.at, lang) })
}
