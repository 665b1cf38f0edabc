/**
 * My ballot in an anonymous vote, kept on this device only: the server does not keep who chose what,
 * and its answer to the ballot is the one time it echoes it (docs/api.md, "Votes").
 */
import { readJson, writeJson } from '../../device/localStore'
import type { Points } from './ballot'
import { isNumber, recordOf } from '../../shared/guards'

/** A remembered ballot: points (whole, 0 or more) by option id. */
const isBallot = recordOf((n: unknown): n is number => isNumber(n) && Number.isInteger(n) && n >= 0)

const key = (projectId: string, voteId: string) => `ballot.${projectId}.${voteId}`

export function rememberBallot(projectId: string, voteId: string, points: Points): void {
  writeJson(key(projectId, voteId), points)
}

export function rememberedBallot(projectId: string, voteId: string): Points | null {
  const value = readJson(key(projectId, voteId))
  return isBallot(value) ? { ...value } : null
}
