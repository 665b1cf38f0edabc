/**
 * The server's view of a board's records: key → the entry that wins (the one furthest right, as a
 * YKeyValue reads the array; docs/board-format.md). Kept up to date from the array's events so that
 * checking an update costs a map lookup per touched record, not a scan of the board. The server never
 * cleans up duplicate entries itself (that would be a change of its own on every conflict); the
 * clients' YKeyValue does, and such a clean-up changes no winner.
 */
import * as Y from 'yjs'
import { isEntry, type RecordEntry } from '../../src/shared/boardFormat.js'

export class RecordIndex {
  /** Winning entry object per key (the same object Yjs holds, so identity tells which entry it is). */
  private readonly winners = new Map<string, RecordEntry>()
  /** Alive entries per key: more than one only between a conflict and its clean-up. */
  private readonly counts = new Map<string, number>()
  private readonly observer = (event: Y.YArrayEvent<unknown>): void => this.onChange(event)

  constructor(private readonly array: Y.Array<unknown>) {
    this.rebuild()
    array.observe(this.observer)
  }

  get(key: string): unknown {
    return this.winners.get(key)?.val
  }

  /** The winning entry object of `key` (compare by identity with entries an update deletes). */
  winner(key: string): RecordEntry | undefined {
    return this.winners.get(key)
  }

  has(key: string): boolean {
    return this.winners.has(key)
  }

  /** Whether any record of this kind exists (e.g. "is there a page yet"). */
  hasKeyWithPrefix(prefix: string): boolean {
    for (const key of this.winners.keys()) if (key.startsWith(prefix)) return true
    return false
  }

  destroy(): void {
    this.array.unobserve(this.observer)
  }

  private rebuild(): void {
    this.winners.clear()
    this.counts.clear()
    for (const e of this.array.toArray()) {
      if (!isEntry(e)) continue
      this.winners.set(e.key, e)
      this.counts.set(e.key, (this.counts.get(e.key) ?? 0) + 1)
    }
  }

  private onChange(event: Y.YArrayEvent<unknown>): void {
    let ambiguous = false
    // Deletions first: a YKeyValue "set" deletes the old entry and appends the new one in one transaction.
    for (const item of event.changes.deleted) {
      for (const c of item.content.getContent()) {
        if (!isEntry(c)) continue
        const n = (this.counts.get(c.key) ?? 1) - 1
        if (n > 0) this.counts.set(c.key, n)
        else this.counts.delete(c.key)
        if (this.winners.get(c.key) === c) {
          this.winners.delete(c.key)
          if (n > 0) ambiguous = true
        }
      }
    }
    for (const item of event.changes.added) {
      for (const c of item.content.getContent()) {
        if (!isEntry(c)) continue
        const n = (this.counts.get(c.key) ?? 0) + 1
        this.counts.set(c.key, n)
        if (n === 1) this.winners.set(c.key, c)
        // Two alive entries for one key: which is further right needs the array's order.
        else ambiguous = true
      }
    }
    if (ambiguous) this.rebuild()
  }
}
