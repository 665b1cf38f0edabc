/**
 * Whether the server can save boards right now, for everyone who must know (docs/protocol.md,
 * "When a write fails"): GET /healthz answers 503 while any board cannot be saved, every client is
 * told (BoardRegistry broadcasts the change), and the edits held in memory meanwhile are counted
 * against MAX_UNSAVED_BYTES so that a long outage cannot grow the process without end.
 *
 * One per server: every board writes to the same database, so "cannot save" is the server's state,
 * not one board's. Each board's DocWriter reports its own failures and recovery here.
 */
import { errorCode, errorMessage } from '../storage/errorDetails.js'
import { isStorageFull } from '../storage/sql/sqlErrors.js'

/** Why saving fails, in words safe to show anyone (never a path or a database message). */
export type StorageFailureCause = 'disk_full' | 'database_unreachable' | 'write_failed'

export interface StorageStatus {
  failing: boolean
  /** Set while failing. */
  cause?: StorageFailureCause
  /** Since when (ms since the epoch) saving has failed. */
  since?: number
  /** Boards with edits that are not saved. */
  unsavedBoards: number
  /** Bytes of edits held in memory until they can be saved. */
  unsavedBytes: number
}

export class StorageHealth {
  private readonly failing = new Map<string, { since: number; cause: StorageFailureCause }>()
  private held = 0
  private readonly listeners = new Set<(failing: boolean) => void>()
  private readonly roomWaiters = new Set<() => void>()

  constructor(readonly maxUnsavedBytes: number) {}

  get isFailing(): boolean {
    return this.failing.size > 0
  }

  /** Held edits have reached MAX_UNSAVED_BYTES: new ones are refused until some are saved. */
  get isFull(): boolean {
    return this.held >= this.maxUnsavedBytes
  }

  status(): StorageStatus {
    if (this.failing.size === 0) return { failing: false, unsavedBoards: 0, unsavedBytes: this.held }
    let since = Infinity
    let cause: StorageFailureCause = 'write_failed'
    for (const f of this.failing.values()) {
      since = Math.min(since, f.since)
      if (f.cause === 'disk_full' || (f.cause === 'database_unreachable' && cause === 'write_failed')) cause = f.cause
    }
    return { failing: true, cause, since, unsavedBoards: this.failing.size, unsavedBytes: this.held }
  }

  /** `fn(failing)` on every change between "all boards save" and "some board cannot". */
  subscribe(fn: (failing: boolean) => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  /** Call `fn` once, the next time held bytes drop below the limit (edits refused meanwhile may be asked for again). */
  whenRoom(fn: () => void): void {
    this.roomWaiters.add(fn)
  }

  boardFailed(boardId: string, err: unknown): void {
    if (this.failing.has(boardId)) return
    this.failing.set(boardId, { since: Date.now(), cause: causeOf(err) })
    if (this.failing.size === 1) this.emit(true)
  }

  boardSaved(boardId: string): void {
    if (!this.failing.delete(boardId)) return
    if (this.failing.size === 0) this.emit(false)
  }

  hold(bytes: number): void {
    this.held += bytes
  }

  unhold(bytes: number): void {
    const wasFull = this.isFull
    this.held = Math.max(0, this.held - bytes)
    if (wasFull && !this.isFull) {
      const waiters = [...this.roomWaiters]
      this.roomWaiters.clear()
      for (const fn of waiters) fn()
    }
  }

  private emit(failing: boolean): void {
    for (const fn of [...this.listeners]) fn(failing)
  }
}

function causeOf(err: unknown): StorageFailureCause {
  // better-sqlite3 reports SQLITE_FULL; a file write (the WAL, a temp file) may surface as ENOSPC;
  // PostgreSQL says 53100 (isStorageFull knows all three).
  if (isStorageFull(err)) return 'disk_full'
  const code = errorCode(err)
  const message = errorMessage(err)
  // PostgreSQL (DATABASE_URL) out of reach: no connection, a connection cut, the server shutting
  // down or starting (SQLSTATE class 08, 57P0x), or no answer within the query timeout (pg's words).
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' ||
    code === 'ENOTFOUND' || code === 'EPIPE' || (code !== undefined && /^(08|57P0)/.test(code)) ||
    /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error/i.test(message)) {
    return 'database_unreachable'
  }
  return 'write_failed'
}
