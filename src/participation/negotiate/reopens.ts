/** Reopened agreements (pure: test/ui/negotiate.test.ts). */
import type { ParticipationState } from '../../shared/participation'

/** The reopen that brought the project back to Negotiate, if the last agreement was reopened. */
export function currentReopen(participation: Pick<ParticipationState, 'agreements' | 'reopens'>) {
  const reopen = participation.reopens[participation.reopens.length - 1]
  const agreement = participation.agreements[participation.agreements.length - 1]
  if (!reopen) return null
  return !agreement || reopen.at >= agreement.at ? reopen : null
}
