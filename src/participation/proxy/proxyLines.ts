/**
 * The lines the board shows where a count holds entries made for residents (代录) or paper ballots,
 * from the state's ProxySummary: the same words as the exports (src/shared/i18n/*\/proxy.ts).
 */
import { format, type Strings } from '../../i18n/lang'
import type { Need, ParticipationState, Vote, VoterPoints } from '../../shared/participation'

/** "居委 刘主任 代 李阿姨 录入" under a need the committee entered for its author. */
export function needEnteredLine(state: ParticipationState, need: Need, t: Strings): string | null {
  const e = state.proxy?.needs.find((x) => x.needId === need.id)
  return e ? format(t.proxy.enteredBy, { role: t.workflow.roles[e.byRole], by: e.byName, for: need.author.name }) : null
}

/** "含代录 2" beside a need's ticks. */
export function tickLine(state: ParticipationState, needId: string, t: Strings): string | null {
  const count = state.proxy?.ticks.find((x) => x.needId === needId)?.count ?? 0
  return count > 0 ? format(t.proxy.tickCount, { count }) : null
}

/** "含代录 1 票" beside a vote's ballot count. */
export function ballotLine(state: ParticipationState, voteId: string, t: Strings): string | null {
  const count = state.proxy?.ballots.find((x) => x.voteId === voteId)?.count ?? 0
  return count > 0 ? format(t.proxy.ballotCount, { count }) : null
}

/** "纸质 12 票" under an option's bar (already inside its points). */
export function paperLine(state: ParticipationState, vote: Vote, optionId: string, t: Strings): string | null {
  const count = state.proxy?.paper.find((x) => x.voteId === vote.id && x.optionId === optionId)?.points ?? 0
  if (count === 0) return null
  return format(vote.mode === 'dots' ? t.proxy.paperLineDots : t.proxy.paperLine, { count })
}

/** A named vote's voter, with who entered her ballot: "王阿姨（居委 刘主任 代录）". */
export function voterName(state: ParticipationState, vote: Vote, voter: VoterPoints, t: Strings, lang: string): string {
  const by = state.proxy?.ballots.find((x) => x.voteId === vote.id)?.byVoter.find((x) => x.participantId === voter.participantId)
  if (!by) return voter.name
  const line = format(t.proxy.enteredShort, { role: t.workflow.roles[by.byRole], by: by.byName })
  return lang === 'en' ? `${voter.name} (${line})` : `${voter.name}（${line}）`
}
