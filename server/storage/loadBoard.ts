/**
 * A stored board (an optional snapshot plus the updates after it, whatever the engine) made into a
 * Y.Doc: the one place the server reads a board's stored form. The doc's layout is
 * src/shared/boardFormat.ts.
 */
import * as Y from 'yjs'
import type { Storage, StoredDoc } from './Storage.js'

/** Apply a stored board to `doc` in one transaction (origin undefined): snapshot first, then its updates in order. */
export function applyStoredDoc(doc: Y.Doc, stored: StoredDoc): void {
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const u of stored.updates) Y.applyUpdate(doc, u)
  })
}

/** What a stored board takes: the snapshot's bytes, and the number and bytes of the updates after it. */
export function storedSize(stored: StoredDoc): { snapshotBytes: number; updates: number; updateBytes: number } {
  let updateBytes = 0
  for (const u of stored.updates) updateBytes += u.byteLength
  return { snapshotBytes: stored.snapshot?.byteLength ?? 0, updates: stored.updates.length, updateBytes }
}

/** A board's whole stored state as one Yjs update (for a board that is not in memory). */
export async function loadBoardState(storage: Storage, boardId: string): Promise<Uint8Array> {
  const stored = await storage.loadDoc(boardId)
  const doc = new Y.Doc()
  try {
    applyStoredDoc(doc, stored)
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
