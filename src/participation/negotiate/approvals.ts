/** Committee approvals counted per option, and whether the organizer may confirm one. */
import type { Approval } from '../../shared/participation'

export function approvalsFor(approvals: readonly Approval[], optionId: string): Approval[] {
  return approvals.filter((a) => a.optionId === optionId)
}

/** The option this participant approves now, if any (each committee member approves one). */
export function myApproval(approvals: readonly Approval[], participantId: string | null): Approval | null {
  return (participantId && approvals.find((a) => a.participantId === participantId)) || null
}

export function quorumReached(count: number, quorum: number | null): boolean {
  return quorum !== null && count >= quorum
}

/** The quorum typed by the organizer, or null when it is not a whole number from 1 to max. */
export function parseQuorum(text: string, max: number): number | null {
  const n = Number(text.trim())
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null
}
