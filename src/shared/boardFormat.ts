/**
 * The layout of a board's Y.Doc, for every side that reads or writes one (docs/board-format.md is the
 * reference): the names of its root types, the fixed ids tldraw gives the document record and the
 * first page, and the shape of one `records` entry. Runtime-neutral: no Yjs, DOM or Node import.
 */
import { isObject } from './guards.js'

/** `Y.Array<{ key, val }>`, used as a y-utility YKeyValue: one entry per tldraw document-scope record. */
export const RECORDS_ROOT = 'records'
/** `Y.Map` of plain values; `SCHEMA_KEY` → the tldraw schema the records are written in. */
export const META_ROOT = 'meta'
/** `Y.Map`, written only by the server: record id → who created it (docs/permissions.md). */
export const OWNERS_ROOT = 'owners'
/** The key of `meta` that holds the serialized tldraw schema of the records. */
export const SCHEMA_KEY = 'schema'

/** The id (and key) of tldraw's document record: always this one. */
export const DOCUMENT_KEY = 'document:document'
/** The id (and key) of every board's first page. */
export const FIRST_PAGE_KEY = 'page:page'

/** One element of the `records` array. `key` equals `val.id`; for a key held twice the entry further right wins. */
export interface RecordEntry { key: string; val: unknown }

/** Whether an element of the `records` array has the shape of an entry (anything else is ignored). */
export function isEntry(v: unknown): v is RecordEntry {
  return isObject(v) && typeof v.key === 'string' && 'val' in v
}
