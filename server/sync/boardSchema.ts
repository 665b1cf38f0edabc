/**
 * The tldraw schema the server checks records against: the same default shapes and bindings the
 * browser's store uses (src/sync/createBoardStore.ts), from the same pinned tldraw version, so "valid
 * for the server" is exactly "valid for every browser on the board". Also the server-side upgrade of a
 * board written by an older version, so that clients never have to rewrite other people's records.
 */
import { createTLSchema } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { isAllowedAssetSrc } from '../../src/shared/boardRules.js'
import { isObject } from '../../src/shared/guards.js'
import { DOCUMENT_KEY, FIRST_PAGE_KEY, META_ROOT, RECORDS_ROOT, SCHEMA_KEY } from '../../src/shared/boardFormat.js'
import type { RecordIndex } from './RecordIndex.js'

export const tlSchema = createTLSchema()
export const serverSchema = tlSchema.serialize()
const serverSchemaJson = sortedJson(serverSchema)

/** Record types a board stores (tldraw's document scope); session records never belong in the doc. */
export const DOCUMENT_TYPES: ReadonlySet<string> = new Set(
  Object.values(tlSchema.types).filter((t) => t.scope === 'document').map((t) => t.typeName),
)

function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    isObject(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v)
}

export function isServerSchema(value: unknown): boolean {
  return sortedJson(value) === serverSchemaJson
}

export type RecordProblem = { code: 'invalid_record' | 'bad_asset'; message: string }

type TLRec = Parameters<typeof tlSchema.validateRecord>[1]

/**
 * Why `val` may not be stored under `key`, or null. `before` is the current value (an update) or
 * undefined (a create). tldraw's own validators decide the shape of every record.
 */
export function recordProblem(key: string, val: unknown, before: unknown): RecordProblem | null {
  const r = isObject(val) ? val : undefined
  if (r === undefined) return { code: 'invalid_record', message: `${key}: not a record` }
  if (r.id !== key) return { code: 'invalid_record', message: `${key}: the record's id differs from its key` }
  if (typeof r.typeName !== 'string' || !DOCUMENT_TYPES.has(r.typeName)) {
    return { code: 'invalid_record', message: `${key}: "${String(r.typeName)}" records are not stored in a board` }
  }
  try {
    // Security: the same validators every browser runs; a record they would reject (and that
    // would fail for everyone who loads the board) never gets in. tldraw's types expect a store and
    // records already typed: the validators read no store, and typing `val` is what they are for.
    tlSchema.validateRecord(null as never, val as TLRec, before === undefined ? 'createRecord' : 'updateRecord', (before ?? null) as TLRec | null)
  } catch (err) {
    return { code: 'invalid_record', message: `${key}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300) }
  }
  if (r.typeName === 'asset') {
    // Security: an image that points elsewhere (a data: URL, a foreign host) would make every
    // phone on the board load it from there, or carry megabytes inside the doc.
    if (r.type !== 'image' && r.type !== 'video') return { code: 'bad_asset', message: `${key}: only uploaded images and videos` }
    if (!isAllowedAssetSrc(isObject(r.props) ? r.props.src : undefined)) return { code: 'bad_asset', message: `${key}: the image must be uploaded to this server` }
  }
  if (r.typeName === 'shape' && (r.type === 'embed' || r.type === 'bookmark')) {
    // Embeds and link previews load other sites inside the board, for everyone who opens it.
    return { code: 'bad_asset', message: `${key}: content from other sites is not shown on boards` }
  }
  return null
}

/**
 * Bring a board written by an older tldraw up to the server's schema, inside the caller's
 * transaction. Returns whether anything changed. A board from a NEWER schema is left alone (its
 * records are not ours to rewrite); a record that cannot be migrated is left as it is.
 */
export function upgradeBoardDoc(doc: Y.Doc): boolean {
  const meta = doc.getMap<unknown>(META_ROOT)
  const stored = meta.get(SCHEMA_KEY)
  if (stored === undefined || isServerSchema(stored)) return false
  // Only a well-formed tldraw schema (format 2) is migrated from; anything else is left for the
  // clients to report ("saved by another version") rather than guessed at.
  let pending: ReturnType<typeof tlSchema.getMigrationsSince> | undefined
  if (isObject(stored) && stored.schemaVersion === 2 && typeof stored.sequences === 'object' && stored.sequences !== null) {
    try {
      // tldraw takes a typed SerializedSchema; this one is only checked this far, and tldraw
      // refuses (throws, or answers not ok) what it cannot migrate from.
      pending = tlSchema.getMigrationsSince(stored as never)
    } catch {
      pending = undefined
    }
  }
  if (!pending || !pending.ok) return repairSchema(doc)
  const records = doc.getArray<{ key: string; val: unknown }>(RECORDS_ROOT)
  if (pending.value.length > 0) {
    const entries = records.toArray()
    const store: Record<string, unknown> = {}
    for (const e of entries) if (e && typeof e.key === 'string') store[e.key] = e.val
    // tldraw types the store as its records and the schema as a SerializedSchema: these are the
    // doc's unchecked values, which its migrations read (and `schema` passed getMigrationsSince).
    const migrated = tlSchema.migrateStoreSnapshot({ store: store as never, schema: stored as never })
    if (migrated.type !== 'success') return false
    const next: Record<string, unknown> = migrated.value
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i]
      if (!e || typeof e.key !== 'string') continue
      if (!(e.key in next) || JSON.stringify(next[e.key]) !== JSON.stringify(e.val)) records.delete(i, 1)
    }
    const kept = new Set(records.toArray().map((e) => e.key))
    const puts = Object.entries(next).filter(([k]) => !kept.has(k)).map(([key, val]) => ({ key, val }))
    if (puts.length > 0) records.push(puts)
  }
  meta.set(SCHEMA_KEY, serverSchema)
  return true
}

/**
 * Repair of a board damaged before the server checked updates: its `meta.schema`
 * was set to something this app cannot read (a made-up "newer" version froze every browser). If
 * every record the board holds is valid under the server's own schema, the records were never
 * changed, only the label: it is set back to the server's schema. Otherwise the board is left as it
 * is (browsers skip what they cannot read) and the organizer can restore an earlier snapshot.
 */
function repairSchema(doc: Y.Doc): boolean {
  const records = doc.getArray<{ key: string; val: unknown }>(RECORDS_ROOT).toArray()
  for (const e of records) {
    if (!e || typeof e.key !== 'string' || recordProblem(e.key, e.val, undefined)?.code === 'invalid_record') return false
  }
  doc.getMap<unknown>(META_ROOT).set(SCHEMA_KEY, serverSchema)
  return true
}

/**
 * The first page's name, as tldraw names it in Chinese (`page-menu.new-page-initial-name` of its zh-cn
 * translation). A page name is document data everybody sees, not UI text: the product is Chinese
 * first, and the English 'Page 1' was the one English word in the organizer's page menu. The organizer may rename it.
 */
export const FIRST_PAGE_NAME = '页面 1'

/**
 * Give a board without a document record what tldraw needs to show it, exactly as a browser would
 * create it (tldraw's own defaults, fixed ids): the document record, the first page if there is none,
 * and the schema label. Inside the caller's transaction.
 */
export function seedBoardDoc(doc: Y.Doc, index: RecordIndex): void {
  const records = doc.getArray<{ key: string; val: unknown }>(RECORDS_ROOT)
  const puts: { key: string; val: unknown }[] = []
  // `as never`: tldraw brands ids and index keys (TLDocumentId, IndexKey…); our keys are the plain
  // strings of src/shared/boardFormat.ts, which cannot import tldraw's types.
  puts.push({ key: DOCUMENT_KEY, val: tlSchema.types.document.create({ id: DOCUMENT_KEY as never }) })
  if (!index.hasKeyWithPrefix('page:')) {
    puts.push({ key: FIRST_PAGE_KEY, val: tlSchema.types.page.create({ id: FIRST_PAGE_KEY as never, name: FIRST_PAGE_NAME, index: 'a1' as never }) })
  }
  records.push(puts)
  const meta = doc.getMap<unknown>(META_ROOT)
  if (meta.get(SCHEMA_KEY) === undefined) meta.set(SCHEMA_KEY, serverSchema)
}
