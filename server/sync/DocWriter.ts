/**
 * Writes one board's accepted updates to storage and says when they may be relayed.
 *
 * Every accepted update gets a sequence number. Updates accepted in the same event-loop turn are
 * appended in one storage transaction; when it commits, `onReleased(seq)` tells the Board that
 * everything up to `seq` may now be sent to other clients. Writes for one board never overlap
 * (the Storage contract), so they run one after the other on `chain`.
 *
 * If a write fails the board turns dirty: nothing more is released (no client may see a change as
 * if it were saved when it is not; each sender keeps its own copy), updates accepted meanwhile are
 * held, and a full snapshot of the in-memory doc is retried with exponential backoff. When one
 * succeeds, the held updates are stored in it (with their audit rows) and released, in order.
 * Held bytes count against the server's StorageHealth limit; past it the Board refuses new edits.
 *
 * Compaction (snapshot of the whole doc replacing the updates kept after the last one) keeps the
 * stored bytes near the doc's own size:
 * - when a batch would take the kept updates past half the snapshot's bytes (at least
 *   COMPACT_MIN_BYTES) or past `compactAfterUpdates`, the batch is not appended: the snapshot that
 *   already contains it is written instead, in one transaction. So no committed state, even in the
 *   middle of a burst, holds more than about 1.5× the doc, and compaction cannot fall behind;
 * - when the board has been quiet for IDLE_COMPACT_MS and the kept updates would make loading it
 *   noticeably slower than loading the snapshot alone, so a board at rest loads like its compacted state.
 */
import * as Y from 'yjs'
import type { Storage, UpdateAuthor } from '../storage/Storage.js'
import type { StorageHealth } from './StorageHealth.js'

/** What storage held for the board when it was loaded. */
export interface StoredSizes {
  snapshotBytes: number
  updates: number
  updateBytes: number
}

export interface DocWriterOptions {
  boardId: string
  doc: Y.Doc
  storage: Storage
  /** What was already stored when the board was loaded. */
  stored: StoredSizes
  compactAfterUpdates: number
  onReleased: (seq: number) => void
  log: (line: string) => void
  /** Where failures, recovery and held bytes are reported (healthz, client notices, the memory bound). */
  health?: StorageHealth
}

const RETRY_FIRST_MS = 200
const RETRY_MAX_MS = 30_000
/** Kept update bytes allowed before compacting, whatever the snapshot's size (small boards compact cheaply anyway). */
export const COMPACT_MIN_BYTES = 16 * 1024
/** Quiet time after the last write before a board is compacted for loading. */
export const IDLE_COMPACT_MS = 1_000
/**
 * What one kept update costs at load time, in snapshot bytes: Y.applyUpdate has a fixed cost per
 * update (a transaction, a decoder) of roughly the time it takes to load 300–500 bytes of snapshot.
 */
const LOAD_COST_PER_UPDATE = 512
/** Idle compaction when the kept updates would add more than 1/this to the snapshot's load time. */
const IDLE_COMPACT_FRACTION = 16

export class DocWriter {
  /** Sequence number of the last accepted update. */
  acceptedSeq = 0
  /** Everything up to here is durable. */
  releasedSeq = 0
  private pending: Uint8Array[] = []
  /** Who made each pending update (same index), for the audit log. */
  private pendingAuthors: (UpdateAuthor | undefined)[] = []
  private storedUpdates: number
  private storedBytes: number
  private snapshotBytes: number
  private idleTimer: NodeJS.Timeout | undefined
  private dirty = false
  private writing = 0
  private chain: Promise<void> = Promise.resolve()
  private flushScheduled = false
  private retryTimer: NodeJS.Timeout | undefined
  private retryDelay = RETRY_FIRST_MS
  private closed = false
  /** Bytes of pending updates reported to StorageHealth as held (while dirty). */
  private heldBytes = 0

  constructor(private readonly opts: DocWriterOptions) {
    this.storedUpdates = opts.stored.updates
    this.storedBytes = opts.stored.updateBytes
    this.snapshotBytes = opts.stored.snapshotBytes
    // A board loaded with updates kept (the server stopped mid-burst) is compacted once it is quiet.
    this.scheduleIdleCompaction()
  }

  /** Nothing waits to be written and everything is folded into the snapshot: safe to unload. */
  get isClean(): boolean {
    return !this.dirty && this.writing === 0 && this.pending.length === 0 && this.storedUpdates === 0
  }

  /** Storage failed and has not yet taken a snapshot again: updates are held, not released. */
  get isFailing(): boolean {
    return this.dirty
  }

  /** Take an update the doc has just applied. Returns its sequence number. */
  accept(update: Uint8Array, author?: UpdateAuthor): number {
    const seq = ++this.acceptedSeq
    this.pending.push(update)
    this.pendingAuthors.push(author)
    if (this.dirty) {
      // Storage is failing: held (not released) until the retry's snapshot stores it.
      this.hold(update.byteLength)
      return seq
    }
    this.scheduleAppend()
    return seq
  }

  private scheduleAppend(): void {
    if (!this.flushScheduled) {
      this.flushScheduled = true
      // setImmediate runs after every I/O callback of this loop turn, so the messages that
      // arrived together on all sockets share one transaction.
      setImmediate(() => {
        this.flushScheduled = false
        void this.enqueue(() => this.appendPending())
      })
    }
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
        if (!this.dirty) this.goDirty(err)
        throw err
      }
    }, true)
  }

  /** Stop retrying (the board is being destroyed). Writes already queued still run. */
  close(): void {
    this.closed = true
    clearTimeout(this.retryTimer)
    clearTimeout(this.idleTimer)
    // Lifecycle edge: a board is destroyed dirty only at shutdown (whose failure is logged and
    // exits 1); its held bytes and failure must not outlive it in the server's figures.
    this.opts.health?.unhold(this.heldBytes)
    this.heldBytes = 0
    this.opts.health?.boardSaved(this.opts.boardId)
  }

  /**
   * Run `read` on the board's storage in turn with the writes (the Storage contract: one call per
   * board at a time), e.g. reading what other instances stored.
   */
  run<T>(read: () => Promise<T>): Promise<T> {
    let result!: T
    return this.enqueue(async () => { result = await read() }, true).then(() => result)
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
    let batchBytes = 0
    for (const u of this.pending) batchBytes += u.byteLength
    if (this.storedUpdates + this.pending.length >= this.opts.compactAfterUpdates ||
      this.storedBytes + batchBytes > Math.max(COMPACT_MIN_BYTES, this.snapshotBytes / 2)) {
      try {
        // Why instead of appending: the doc already holds this batch, so one transaction both
        // stores it (inside the snapshot) and drops the kept updates. Appending first and
        // compacting after would commit an oversized state in between, and under a burst the
        // appends would keep outrunning the compactions.
        await this.writeSnapshot()
        return
      } catch (err) {
        // Nothing is lost: the batch is still pending and is appended below like any other.
        this.opts.log(`board ${this.opts.boardId}: compaction failed: ${String(err)}`)
      }
    }
    const batch = this.pending
    const authors = this.pendingAuthors
    const upTo = this.acceptedSeq
    this.pending = []
    this.pendingAuthors = []
    try {
      await this.opts.storage.appendUpdates(this.opts.boardId, batch, authors)
    } catch (err) {
      this.opts.log(`board ${this.opts.boardId}: saving ${batch.length} update(s) failed, ` +
        `holding them (and later ones) in memory and retrying: ${String(err)}`)
      // Back in front of anything accepted meanwhile, in order: the retry's snapshot stores them
      // with their audit rows, and only then are they relayed.
      this.pending = batch.concat(this.pending)
      this.pendingAuthors = authors.concat(this.pendingAuthors)
      this.goDirty(err)
      return
    }
    this.storedUpdates += batch.length
    this.storedBytes += batchBytes
    this.release(upTo)
    this.scheduleIdleCompaction()
  }

  /** (Re)start the quiet-time compaction if what is kept would slow loading down (see the top). */
  private scheduleIdleCompaction(): void {
    clearTimeout(this.idleTimer)
    if (this.closed || this.storedUpdates === 0) return
    const loadCost = this.storedBytes + this.storedUpdates * LOAD_COST_PER_UPDATE
    if (loadCost * IDLE_COMPACT_FRACTION < this.snapshotBytes) return
    this.idleTimer = setTimeout(() => {
      void this.enqueue(async () => {
        if (this.storedUpdates === 0 || this.dirty) return
        try {
          await this.writeSnapshot()
        } catch (err) {
          // Nothing is lost (the updates are stored); tried again after the next append.
          this.opts.log(`board ${this.opts.boardId}: compaction failed: ${String(err)}`)
        }
      })
    }, IDLE_COMPACT_MS)
    // A quiet board must not keep the process alive for this.
    this.idleTimer.unref()
  }

  /**
   * Replace snapshot + updates with the doc's whole state, storing the pending updates inside it
   * (with their audit rows). On success the board is clean.
   */
  private async writeSnapshot(): Promise<void> {
    clearTimeout(this.idleTimer)
    const state = Y.encodeStateAsUpdate(this.opts.doc)
    const upTo = this.acceptedSeq
    // Updates accepted while compact() is in flight are not in `state`; they go to a new pending list.
    const updates = this.pending
    const authors = this.pendingAuthors
    this.pending = []
    this.pendingAuthors = []
    try {
      await this.opts.storage.compact(this.opts.boardId, state, { updates, authors })
    } catch (err) {
      // Put them back in front of anything accepted meanwhile, in order.
      this.pending = updates.concat(this.pending)
      this.pendingAuthors = authors.concat(this.pendingAuthors)
      throw err
    }
    this.storedUpdates = 0
    this.storedBytes = 0
    this.snapshotBytes = state.byteLength
    if (this.dirty) {
      this.opts.log(`board ${this.opts.boardId}: saved again after earlier failures`)
      this.dirty = false
      this.retryDelay = RETRY_FIRST_MS
      clearTimeout(this.retryTimer)
      // Order: released (relayed) first, then reported, so a client told "saving again" has
      // already been sent what was held; updates accepted during this write are still pending
      // and go out with their own append.
      this.release(upTo)
      this.opts.health?.unhold(this.heldBytes)
      this.heldBytes = 0
      this.opts.health?.boardSaved(this.opts.boardId)
      if (this.pending.length > 0) this.scheduleAppend()
      return
    }
    this.release(upTo)
  }

  /**
   * A write failed. Why nothing is released: a client must never receive a change as if it were
   * saved when a crash now would lose it. The room sees no one else's edits until storage is back
   * (every client is told why); each sender keeps its own, and nothing acknowledged is lost.
   */
  private goDirty(err: unknown): void {
    this.dirty = true
    let bytes = 0
    for (const u of this.pending) bytes += u.byteLength
    this.hold(bytes)
    this.opts.health?.boardFailed(this.opts.boardId, err)
    this.scheduleRetry()
  }

  private hold(bytes: number): void {
    this.heldBytes += bytes
    this.opts.health?.hold(bytes)
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
