/**
 * Writes one board's accepted updates to storage and says when they may be relayed.
 *
 * Every accepted update gets a sequence number. Updates accepted in the same event-loop turn are
 * appended in one storage transaction; when it commits, `onReleased(seq)` tells the Board that
 * everything up to `seq` may now be sent to other clients. Writes for one board never overlap
 * (the Storage contract), so they run one after the other on `chain`.
 *
 * If a write fails the board turns dirty: updates are released at once (collaboration goes on),
 * and a full snapshot of the in-memory doc is retried with exponential backoff until one succeeds.
 */
import * as Y from 'yjs'
import type { Storage, UpdateAuthor } from '../storage/Storage.js'

export interface DocWriterOptions {
  boardId: string
  doc: Y.Doc
  storage: Storage
  /** Updates already stored after the snapshot when the board was loaded. */
  storedUpdates: number
  compactAfterUpdates: number
  onReleased: (seq: number) => void
  log: (line: string) => void
}

const RETRY_FIRST_MS = 200
const RETRY_MAX_MS = 30_000

export class DocWriter {
  /** Sequence number of the last accepted update. */
  acceptedSeq = 0
  /** Everything up to here is durable (or was given up on because the board is dirty). */
  releasedSeq = 0
  private pending: Uint8Array[] = []
  /** Who made each pending update (same index), for the audit log. */
  private pendingAuthors: (UpdateAuthor | undefined)[] = []
  private storedUpdates: number
  private dirty = false
  private writing = 0
  private chain: Promise<void> = Promise.resolve()
  private flushScheduled = false
  private retryTimer: NodeJS.Timeout | undefined
  private retryDelay = RETRY_FIRST_MS
  private closed = false

  constructor(private readonly opts: DocWriterOptions) {
    this.storedUpdates = opts.storedUpdates
  }

  /** Nothing waits to be written and everything is folded into the snapshot: safe to unload. */
  get isClean(): boolean {
    return !this.dirty && this.writing === 0 && this.pending.length === 0 && this.storedUpdates === 0
  }

  /** Take an update the doc has just applied. Returns its sequence number. */
  accept(update: Uint8Array, author?: UpdateAuthor): number {
    const seq = ++this.acceptedSeq
    if (this.dirty) {
      // Storage is failing: relay now, the snapshot retry will cover this update.
      this.release(seq)
      return seq
    }
    this.pending.push(update)
    this.pendingAuthors.push(author)
    if (!this.flushScheduled) {
      this.flushScheduled = true
      // setImmediate runs after every I/O callback of this loop turn, so the messages that
      // arrived together on all sockets share one transaction.
      setImmediate(() => {
        this.flushScheduled = false
        void this.enqueue(() => this.appendPending())
      })
    }
    return seq
  }

  /**
   * Fold everything (stored updates, pending ones, a dirty doc) into one snapshot. Used on unload
   * and shutdown. Rejects if storage fails; the board is then dirty and retried in the background.
   */
  flushAll(): Promise<void> {
    return this.enqueue(async () => {
      if (this.pending.length === 0 && this.storedUpdates === 0 && !this.dirty) return
      try {
        await this.writeSnapshot()
      } catch (err) {
        if (!this.dirty) this.goDirty()
        throw err
      }
    }, true)
  }

  /** Stop retrying (the board is being destroyed). Writes already queued still run. */
  close(): void {
    this.closed = true
    clearTimeout(this.retryTimer)
  }

  private enqueue(write: () => Promise<void>, rethrow = false): Promise<void> {
    this.writing++
    const run = this.chain.then(write).finally(() => { this.writing-- })
    this.chain = run.catch(() => {})
    return rethrow ? run : this.chain
  }

  private async appendPending(): Promise<void> {
    // A snapshot written in the meantime (flushAll, a retry) may already have covered them.
    if (this.pending.length === 0 || this.dirty) return
    const batch = this.pending
    const authors = this.pendingAuthors
    const upTo = this.acceptedSeq
    this.pending = []
    this.pendingAuthors = []
    try {
      this.storedUpdates = await this.opts.storage.appendUpdates(this.opts.boardId, batch, authors)
    } catch (err) {
      this.opts.log(`board ${this.opts.boardId}: saving ${batch.length} update(s) failed, ` +
        `keeping the board in memory and retrying: ${String(err)}`)
      this.goDirty()
      return
    }
    this.release(upTo)
    if (this.storedUpdates >= this.opts.compactAfterUpdates) {
      try {
        await this.writeSnapshot()
      } catch (err) {
        // Nothing is lost (the updates are stored); compaction is tried again after the next append.
        this.opts.log(`board ${this.opts.boardId}: compaction failed: ${String(err)}`)
      }
    }
  }

  /** Replace snapshot + updates with the doc's whole state. On success the board is clean. */
  private async writeSnapshot(): Promise<void> {
    const state = Y.encodeStateAsUpdate(this.opts.doc)
    const upTo = this.acceptedSeq
    const covered = this.pending.length
    await this.opts.storage.compact(this.opts.boardId, state)
    // Updates accepted while compact() was in flight are not in `state`; they stay pending.
    // The audit entries of updates folded into a snapshot this way are not recorded: a snapshot
    // has no author. Only unload/shutdown flushes and recovery after storage failures take this path.
    this.pending.splice(0, covered)
    this.pendingAuthors.splice(0, covered)
    this.storedUpdates = 0
    if (this.dirty) {
      this.opts.log(`board ${this.opts.boardId}: saved again after earlier failures`)
      this.dirty = false
      this.retryDelay = RETRY_FIRST_MS
      clearTimeout(this.retryTimer)
    }
    this.release(upTo)
  }

  private goDirty(): void {
    this.dirty = true
    // Whatever waited for this write is relayed now: storage trouble must not freeze the room.
    this.pending = []
    this.pendingAuthors = []
    this.release(this.acceptedSeq)
    this.scheduleRetry()
  }

  private scheduleRetry(): void {
    if (this.closed) return
    clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => {
      void this.enqueue(async () => {
        if (!this.dirty) return
        try {
          await this.writeSnapshot()
        } catch (err) {
          this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS)
          this.opts.log(`board ${this.opts.boardId}: retrying the save failed, next try in ` +
            `${this.retryDelay} ms: ${String(err)}`)
          this.scheduleRetry()
        }
      })
    }, this.retryDelay)
  }

  private release(seq: number): void {
    if (seq <= this.releasedSeq) return
    this.releasedSeq = seq
    this.opts.onReleased(seq)
  }
}
