/**
 * The words every export adds where a count holds entries the committee made for residents (代录)
 * or paper ballots: "居委 刘主任 代 李阿姨 录入", "含代录 2", "纸质 12 票". Read from the state's
 * ProxySummary (src/shared/proxyEntry.ts), the same for every viewer.
 */
import { format } from '../../src/shared/i18n/messages.js'
import type { Need, ParticipationState, Vote, VoterPoints } from '../../src/shared/participation.js'
import type { ExportText } from './exportText.js'

/** "居委 刘主任 代 李阿姨 录入" for a need the committee entered for its author; `forName` as the export may name her. */
export function needEnteredNote(state: ParticipationState, n: Need, t: ExportText, forName: string): string | null {
  const entry = state.proxy?.needs.find((e) => e.needId === n.id)
  return entry ? format(t.proxy.enteredBy, { role: t.roles[entry.byRole], by: entry.byName, for: forName }) : null
}

/** "含代录 2": how many of a need's ticks the committee entered for residents. */
export function tickNote(state: ParticipationState, needId: string, t: ExportText): string | null {
  const count = state.proxy?.ticks.find((e) => e.needId === needId)?.count ?? 0
  return count > 0 ? format(t.proxy.tickCount, { count }) : null
}

/** A named vote's voter, with who entered her ballot when the committee did: "李阿姨（居委 刘主任 代录）". */
export function voterLabel(state: ParticipationState, vote: Vote, voter: VoterPoints, t: ExportText): string {
  const by = state.proxy?.ballots.find((b) => b.voteId === vote.id)?.byVoter.find((x) => x.participantId === voter.participantId)
  if (!by) return voter.name
  return `${voter.name}${t.punct.open}${format(t.proxy.enteredShort, { role: t.roles[by.byRole], by: by.byName })}${t.punct.close}`
}

/** Paper points of one option (already inside its result's points). */
export function paperPointsOf(state: ParticipationState, voteId: string, optionId: string): number {
  return state.proxy?.paper.find((p) => p.voteId === voteId && p.optionId === optionId)?.points ?? 0
}

/** "纸质 12 票" (or 点 for a dot vote), or null when the option got no paper ballots. */
export function paperLine(state: ParticipationState, vote: Vote, optionId: string, t: ExportText): string | null {
  const count = paperPointsOf(state, vote.id, optionId)
  if (count === 0) return null
  return format(vote.mode === 'dots' ? t.proxy.paperLineDots : t.proxy.paperLine, { count })
}

/** "含代录 3 票": how many of a vote's ballots the committee entered for residents. */
export function ballotNote(state: ParticipationState, voteId: string, t: ExportText): string | null {
  const count = state.proxy?.ballots.find((b) => b.voteId === voteId)?.count ?? 0
  return count > 0 ? format(t.proxy.ballotCount, { count }) : null
}

