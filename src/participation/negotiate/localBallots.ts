/**
 * My ballot in an anonymous vote, kept on this device only: the server does not keep who chose what,
 * and its answer to the ballot is the one time it echoes it (docs/api.md, "Votes").
 */
import { readJson, writeJson } from '../../device/localStore'
import type { Points } from './ballot'

const key = (projectId: string, voteId: string) => `ballot.${projectId}.${voteId}`

export function rememberBallot(projectId: string, voteId: string, points: Points): void {
  writeJson(key(projectId, voteId), points)
}

export function rememberedBallot(projectId: string, voteId: string): Points | null {
  const value = readJson(key(projectId, voteId))
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null
  const entries = Object.entries(value as Record<string, unknown>)
  if (!entries.every(([, n]) => typeof n === 'number' && Number.isInteger(n) && n >= 0)) return null
  return Object.fromEntries(entries) as Points
}
