/**
 * GET /healthz: liveness for a process supervisor or load balancer, with a few live figures.
 * 503 while the server cannot save (docs/api.md): the process is alive, but a supervisor must not
 * call it healthy while edits are only held in memory.
 */
import type { StorageFailureCause, StorageStatus } from '../sync/StorageHealth.js'
import { sendJson } from './respond.js'
import type { Handler } from './router.js'

export interface Health {
  ok: true
  boardsLoaded: number
  connections: number
  uptimeSeconds: number
  /** Several instances (REDIS_URL) only: whether this one reaches the others through Redis now. */
  relay?: 'connected' | 'reconnecting'
}

/** The 503 answer: the ApiError shape plus what an operator needs to act. */
export interface StorageUnhealthy {
  ok: false
  code: 'storage_failing'
  error: string
  storage: { cause: StorageFailureCause; since: number; unsavedBoards: number; unsavedBytes: number }
  boardsLoaded: number
  connections: number
  uptimeSeconds: number
}

const CAUSE_TEXT: Record<StorageFailureCause, string> = {
  disk_full: 'the disk holding DATA_DIR is full',
  database_unreachable: 'the database at DATABASE_URL cannot be reached',
  write_failed: 'writing to the database fails',
}

export function healthzHandler(
  stats: () => { boardsLoaded: number; connections: number },
  startedAt: number,
  storage?: () => StorageStatus,
  relay?: () => boolean,
): Handler {
  return ({ res }) => {
    const { boardsLoaded, connections } = stats()
    const uptimeSeconds = Math.floor((Date.now() - startedAt) / 1000)
    const s = storage?.()
    if (s?.failing) {
      const cause = s.cause ?? 'write_failed'
      // No database message or path: healthz is public, like every other answer (docs/api.md, Errors).
      const body: StorageUnhealthy = {
        ok: false,
        code: 'storage_failing',
        error: `The server cannot save: ${CAUSE_TEXT[cause]}. Edits are held in memory and on people's devices, ` +
          'and are saved by themselves once it can write again; details are in the server log.',
        storage: { cause, since: s.since ?? Date.now(), unsavedBoards: s.unsavedBoards, unsavedBytes: s.unsavedBytes },
        boardsLoaded, connections, uptimeSeconds,
      }
      sendJson(res, 503, body, { 'Retry-After': '5' })
      return
    }
    // Why 200 while Redis is away: edits are still stored and served here, and reach the other
    // instances' clients from storage once it is back; if Redis is down for all instances, a 503 on
    // every one would make the balancer turn the whole service away.
    const body: Health = { ok: true, boardsLoaded, connections, uptimeSeconds, ...(relay && { relay: relay() ? 'connected' : 'reconnecting' }) }
    sendJson(res, 200, body)
  }
}
