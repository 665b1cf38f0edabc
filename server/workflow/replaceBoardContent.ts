/**
 * Restoring a snapshot as a NEW change: the live board doc's content is made
 * equal to the snapshot's by ordinary Yjs operations on the live doc — deleting the `records`
 * entries the snapshot does not have (or has with another value), appending the ones it has that
 * the live doc lacks, and setting `meta` to the snapshot's. Because it is a change on top of the
 * live doc and not a rewind, every client (online or offline with edits of its own) converges,
 * and the change is stored, relayed and audited like any other. Board format: docs/board-format.md.
 */
import * as Y from 'yjs'
import { isEntry, META_ROOT, RECORDS_ROOT, type RecordEntry as Entry } from '../../src/shared/boardFormat.js'

/** key → entry as a YKeyValue reads the array: for a key held twice, the entry further right wins. */
function winners(records: Y.Array<unknown>): Map<string, Entry> {
  const out = new Map<string, Entry>()
  for (const e of records.toArray()) if (isEntry(e)) out.set(e.key, e)
  return out
}

/** Apply to `doc` (inside the caller's transaction) the changes that make its content equal `snapshot`'s. */
export function replaceBoardContent(doc: Y.Doc, snapshot: Uint8Array): void {
  const target = new Y.Doc()
  try {
    Y.applyUpdate(target, snapshot)
    const wanted = winners(target.getArray(RECORDS_ROOT))
    const live = doc.getArray<unknown>(RECORDS_ROOT)
    const liveWinners = winners(live)
    // Keep an entry only if it is its key's winner and already holds the snapshot's value; delete
    // everything else from the right, so earlier indexes stay valid while deleting.
    const kept = new Set<string>()
    const entries = live.toArray()
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i]
      const keep = isEntry(e) && liveWinners.get(e.key) === e && wanted.has(e.key) &&
        JSON.stringify(wanted.get(e.key)!.val) === JSON.stringify(e.val)
      if (keep) kept.add(e.key)
      else live.delete(i, 1)
    }
    const missing = [...wanted.values()].filter((e) => !kept.has(e.key)).map((e) => ({ key: e.key, val: e.val }))
    if (missing.length > 0) live.push(missing)

    const meta = doc.getMap<unknown>(META_ROOT)
    const wantedMeta = target.getMap<unknown>(META_ROOT)
    for (const key of [...meta.keys()]) if (!wantedMeta.has(key)) meta.delete(key)
    for (const [key, value] of wantedMeta.entries()) {
      if (JSON.stringify(meta.get(key)) !== JSON.stringify(value)) meta.set(key, value)
    }
  } finally {
    target.destroy()
  }
}
