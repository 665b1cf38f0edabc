/**
 * The layout of a board's Y.Doc (docs/board-format.md is the reference for other tools):
 *
 * - `doc.getArray('records')`: a y-utility YKeyValue of `{ key: recordId, val: record }`, one entry
 *   per tldraw document-scope record (document, pages, shapes, bindings, assets, users).
 * - `doc.getMap('meta')`: `'schema'` → the tldraw schema the records are written in
 *   (`store.schema.serialize()`).
 *
 * Runtime-neutral: no DOM, no tldraw runtime import, so a server-side tool can use it too.
 */
import type * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { META_ROOT, RECORDS_ROOT, SCHEMA_KEY } from '../shared/boardFormat'

// The names are the board format's (src/shared/boardFormat.ts), which the server reads too.
export const RECORDS_KEY = RECORDS_ROOT
export const META_KEY = META_ROOT
export { SCHEMA_KEY }

/** A tldraw record as stored: plain JSON with at least an id and a type name. */
export interface StoredRecord {
  id: string
  typeName: string
  [key: string]: unknown
}

/** One element of the records Y.Array. */
export interface RecordEntry {
  key: string
  val: StoredRecord
}

export interface BoardDoc {
  doc: Y.Doc
  records: YKeyValue<StoredRecord>
  meta: Y.Map<unknown>
}

/**
 * Open the board's shared types. Constructing a YKeyValue removes duplicate keys left by
 * concurrent writers, which is itself a (local, harmless) Yjs transaction.
 */
export function openBoardDoc(doc: Y.Doc): BoardDoc {
  const array = doc.getArray<RecordEntry>(RECORDS_KEY)
  return { doc, records: new YKeyValue<StoredRecord>(array), meta: doc.getMap<unknown>(META_KEY) }
}

/** How many records the doc holds (0 = never seeded). */
export function recordCount(doc: Y.Doc): number {
  // Read the raw array: a YKeyValue per call would run a cleanup transaction each time.
  return doc.getArray<RecordEntry>(RECORDS_KEY).length
}

export function readRecords(board: BoardDoc): StoredRecord[] {
  return Array.from(board.records.map.values(), (entry) => entry.val)
}

/**
 * Write a batch of records: replace `puts` (whole records, last writer wins per record) and delete
 * `removedIds`. Call inside `doc.transact`. Equivalent to YKeyValue.set/delete per key, but scans
 * the array once per batch instead of once per record: dragging 50 shapes on a 5,000-record board
 * would otherwise copy the array 50 times a frame.
 */
export function writeRecords(board: BoardDoc, puts: readonly StoredRecord[], removedIds: readonly string[]): void {
  const array = board.records.yarray
  const replaced = new Set<string>(removedIds)
  for (const record of puts) replaced.add(record.id)
  if (replaced.size === 0) return
  const entries = array.toArray()
  // Right to left so earlier indexes stay valid; every entry of a key goes, duplicates included.
  for (let i = entries.length - 1; i >= 0; i--) {
    if (replaced.has(entries[i].key)) array.delete(i, 1)
  }
  if (puts.length > 0) array.push(puts.map((record) => ({ key: record.id, val: record })))
}
