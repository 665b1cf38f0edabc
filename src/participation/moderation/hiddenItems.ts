/** What is hidden now, and what each log entry was about, from the state the organizer and committee get. */
import type { HiddenMark, ModerationTarget } from '../../shared/moderation'
import type { ParticipationState } from '../../shared/participation'

export interface HiddenItem {
  target: ModerationTarget
  mark: HiddenMark
  /** The need's or comment's text, to recognise it by. */
  text: string
}

/** Newest hidden first. */
export function hiddenItems(state: ParticipationState): HiddenItem[] {
  const items: HiddenItem[] = []
  for (const n of state.needs) {
    if (n.hidden) items.push({ target: { kind: 'need', id: n.id }, mark: n.hidden, text: n.text })
    if (n.photoHidden) items.push({ target: { kind: 'photo', id: n.id }, mark: n.photoHidden, text: n.text })
  }
  for (const thread of state.threads) {
    for (const c of thread.comments) if (c.hidden) items.push({ target: { kind: 'comment', id: c.id }, mark: c.hidden, text: c.text })
  }
  return items.sort((a, b) => b.mark.at - a.mark.at)
}

/** The text of what a log entry names, or null when it is gone (deleted since). */
export function targetText(state: ParticipationState, target: ModerationTarget): string | null {
  if (target.kind !== 'comment') return state.needs.find((n) => n.id === target.id)?.text ?? null
  for (const thread of state.threads) {
    const c = thread.comments.find((x) => x.id === target.id)
    if (c) return c.text
  }
  return null
}
