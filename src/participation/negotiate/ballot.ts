/**
 * A ballot being filled in on this device, checked before it is sent (the server checks it again
 * whole: one ballot per person, the dot budget, options of this vote only).
 */
import type { Vote } from '../../shared/participation'

/** Option id → points (votes or dots). Options with 0 are left out. */
export type Points = Readonly<Record<string, number>>

export type BallotProblem = 'empty' | 'overBudget' | 'oneChoice' | 'unknownOption'

type VoteRules = Pick<Vote, 'mode' | 'dotsPerPerson' | 'optionIds'>

/** Votes (single) or dots (dots) one person has to give. */
export function budget(vote: VoteRules): number {
  return vote.mode === 'single' ? 1 : vote.dotsPerPerson
}

export function pointsUsed(points: Points): number {
  return Object.values(points).reduce((sum, n) => sum + n, 0)
}

export function pointsRemaining(vote: VoteRules, points: Points): number {
  return Math.max(0, budget(vote) - pointsUsed(points))
}

/** Single choice: picking an option replaces the previous pick. */
export function choose(optionId: string): Points {
  return { [optionId]: 1 }
}

/** One more dot on an option; unchanged when no dot is left. */
export function addDot(vote: VoteRules, points: Points, optionId: string): Points {
  if (pointsRemaining(vote, points) <= 0 || !vote.optionIds.includes(optionId)) return points
  return { ...points, [optionId]: (points[optionId] ?? 0) + 1 }
}

/** One dot fewer on an option; an option at 0 drops out. */
export function removeDot(points: Points, optionId: string): Points {
  const n = points[optionId] ?? 0
  if (n <= 0) return points
  const next = { ...points }
  if (n === 1) delete next[optionId]
  else next[optionId] = n - 1
  return next
}

/** What is wrong with a ballot, or null when it may be sent. */
export function ballotProblem(vote: VoteRules, points: Points): BallotProblem | null {
  const entries = Object.entries(points).filter(([, n]) => n > 0)
  if (entries.some(([id, n]) => !vote.optionIds.includes(id) || !Number.isInteger(n))) return 'unknownOption'
  if (entries.length === 0) return 'empty'
  if (vote.mode === 'single' && (entries.length > 1 || entries[0][1] !== 1)) return 'oneChoice'
  if (pointsUsed(points) > budget(vote)) return 'overBudget'
  return null
}
