/**
 * Which design option an export shows: the agreed one once the project is agreed with an option;
 * before that (or when the organizer moved to Agreed without one) the person picks, starting from
 * the option with the most committee approvals, then the most votes. Pure: no editor, no DOM.
 */
import type { DesignOption, ParticipationState } from '../shared/participation'
import { isAgreedOrLater, type Stage } from '../shared/workflow'

export interface OptionScore {
  option: DesignOption
  approvals: number
  /** Votes (or dots) over every vote whose results are visible. */
  votes: number
}

/** The option the current agreement names, while the project is agreed. */
export function agreedOption(stage: Stage, participation: ParticipationState | null): DesignOption | null {
  if (!isAgreedOrLater(stage) || !participation) return null
  const last = participation.agreements[participation.agreements.length - 1]
  if (!last?.optionId) return null
  return participation.options.find((o) => o.id === last.optionId) ?? null
}

/** Whether exports are final: the project is agreed. Before that every picture carries the draft mark. */
export function isFinal(stage: Stage): boolean {
  return isAgreedOrLater(stage)
}

export function scoreOptions(participation: ParticipationState | null): OptionScore[] {
  if (!participation) return []
  return participation.options.map((option) => {
    const approvals = participation.approvals.filter((a) => a.optionId === option.id).length
    let votes = 0
    for (const vote of participation.votes) {
      for (const r of vote.results ?? []) if (r.optionId === option.id) votes += r.points
    }
    return { option, approvals, votes }
  })
}

/** The option to offer first: most approvals, then most votes, then the oldest. Null when there are none. */
export function defaultOptionId(participation: ParticipationState | null): string | null {
  const scored = scoreOptions(participation)
  let best: OptionScore | null = null
  for (const s of scored) {
    if (
      !best ||
      s.approvals > best.approvals ||
      (s.approvals === best.approvals && s.votes > best.votes) ||
      (s.approvals === best.approvals && s.votes === best.votes && s.option.createdAt < best.option.createdAt)
    ) {
      best = s
    }
  }
  return best?.option.id ?? null
}

export interface ExportTarget {
  /** The option shown in the option picture and the report; null: none (yet). */
  option: DesignOption | null
  /** The option was agreed (not picked by the person). */
  agreed: boolean
}

/**
 * The option to export: the agreed one if there is one; else the person's pick if it still exists,
 * else the default. Options without a frame on the board still count (the report names them).
 */
export function exportTarget(stage: Stage, participation: ParticipationState | null, pickedId: string | null): ExportTarget {
  const agreed = agreedOption(stage, participation)
  if (agreed) return { option: agreed, agreed: true }
  const options = participation?.options ?? []
  const picked = options.find((o) => o.id === pickedId) ?? options.find((o) => o.id === defaultOptionId(participation)) ?? null
  return { option: picked, agreed: false }
}
