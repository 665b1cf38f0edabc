/**
 * The board's records as the light view draws them: read straight from the connection's Y.Doc once
 * it holds the whole board (the same first-sync rule the editor binds by, boardConnection.ts), and
 * again after every change — live, so what shows is the board as stored now, never an old picture.
 *
 * Read-only on purpose: the raw records array, not a YKeyValue, whose constructor tidies duplicate
 * keys in a transaction of its own — a write this view has no business making (the editor's
 * binding does that once it takes over). Where a key appears twice, the later entry wins, as
 * YKeyValue decides.
 */
import { useEffect, useState } from 'react'
import { type RecordEntry, RECORDS_KEY, type StoredRecord } from '../sync'
import type { BoardConnection } from '../sync'

function readAll(connection: BoardConnection): StoredRecord[] {
  const byKey = new Map<string, StoredRecord>()
  for (const entry of connection.doc.getArray<RecordEntry>(RECORDS_KEY).toArray()) {
    if (entry && typeof entry.key === 'string' && entry.val && typeof entry.val === 'object') byKey.set(entry.key, entry.val)
  }
  return [...byKey.values()]
}

/** Null until the doc holds the whole board. */
export function useBoardRecords(connection: BoardConnection): StoredRecord[] | null {
  const [records, setRecords] = useState<StoredRecord[] | null>(() => (connection.state().complete ? readAll(connection) : null))
  useEffect(() => {
    let frame: number | null = null
    let watching = false
    // Many updates arrive in a burst (a catch-up): read once per frame, not once per update.
    const onUpdate = () => {
      if (frame !== null) return
      frame = requestAnimationFrame(() => {
        frame = null
        setRecords(readAll(connection))
      })
    }
    const start = () => {
      if (watching || !connection.state().complete) return
      watching = true
      setRecords(readAll(connection))
      connection.doc.on('update', onUpdate)
    }
    start()
    const stop = connection.listen(start)
    return () => {
      stop()
      if (frame !== null) cancelAnimationFrame(frame)
      if (watching) connection.doc.off('update', onUpdate)
    }
  }, [connection])
  return records
}
