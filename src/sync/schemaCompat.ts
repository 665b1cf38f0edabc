/**
 * Reading a board written by another version of the app: compare the doc's stored tldraw schema with
 * ours and migrate records from it, one bad record never stopping the others.
 */
import type { SerializedSchema, SerializedSchemaV2, StoreSchema, TLRecord, TLStoreProps } from 'tldraw'
import { isObject } from '../shared/guards'
import type { StoredRecord } from './boardDoc'

type Schema = StoreSchema<TLRecord, TLStoreProps>

/** tldraw's SerializedSchema, told apart by the fields tldraw itself looks at (it checks the rest). */
function isSerializedSchema(value: unknown): value is SerializedSchema {
  if (!isObject(value) || typeof value.schemaVersion !== 'number') return false
  if (value.schemaVersion >= 2) return typeof value.sequences === 'object' && value.sequences !== null
  return typeof value.storeVersion === 'number'
}

/** The doc's schema as stored, or null when absent or not a schema at all. */
export function parseSchema(value: unknown): SerializedSchema | null {
  return isSerializedSchema(value) ? value : null
}

export function schemasEqual(a: SerializedSchema | null, b: SerializedSchema | null): boolean {
  if (!a || !b) return a === b
  return JSON.stringify(sortedSchema(a)) === JSON.stringify(sortedSchema(b))
}

function sortedSchema(s: SerializedSchema): unknown {
  if (s.schemaVersion !== 2) return s
  return { v: 2, sequences: Object.entries(s.sequences).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)) }
}

/**
 * Why the doc's schema is newer than this client, or null if it is not. A sequence we do not know
 * counts as newer: the app is served by one server, so an unknown part almost always means this tab
 * runs an older build than whoever wrote the board, and a reload fixes it.
 */
export function futureSchemaReason(docSchema: SerializedSchema, ours: SerializedSchemaV2): string | null {
  if (docSchema.schemaVersion > 2) return `schema format ${docSchema.schemaVersion} is newer than this app's (2)`
  if (docSchema.schemaVersion !== 2) return null
  for (const [sequenceId, version] of Object.entries(docSchema.sequences)) {
    const ourVersion = ours.sequences[sequenceId]
    if (ourVersion === undefined) return `the board uses "${sequenceId}", unknown to this version of the app`
    if (version > ourVersion) return `"${sequenceId}" is at version ${version}, this app knows up to ${ourVersion}`
  }
  return null
}

/**
 * A schema from the future cannot be migrated down. Pretend each newer sequence is at our version
 * (and drop unknown ones) so older parts still migrate; records really written in a newer shape then
 * fail validation and are skipped one by one instead of the whole board failing to load.
 */
export function clampSchema(docSchema: SerializedSchemaV2, ours: SerializedSchemaV2): SerializedSchemaV2 {
  const sequences: Record<string, number> = {}
  for (const [sequenceId, version] of Object.entries(docSchema.sequences)) {
    const ourVersion = ours.sequences[sequenceId]
    if (ourVersion !== undefined) sequences[sequenceId] = Math.min(version, ourVersion)
  }
  return { schemaVersion: 2, sequences }
}

export interface MigrationOutcome {
  /** Migrated records, keyed by id (store-level migrations may drop or add records). */
  records: Map<string, TLRecord>
  /** Ids of records that could not be migrated (left untouched in the doc). */
  failed: string[]
}

/** Bring records written with `from` up to our schema. */
export function migrateRecords(schema: Schema, records: readonly StoredRecord[], from: SerializedSchema): MigrationOutcome {
  // Cast: stored records are tldraw records as JSON (isSharedRecord checked id and type); tldraw migrates them.
  const asTL = records as unknown as TLRecord[]
  const pending = schema.getMigrationsSince(from)
  if (pending.ok && pending.value.length === 0) {
    return { records: new Map(asTL.map((r) => [r.id, r])), failed: [] }
  }
  const all = migrateSnapshot(schema, asTL, from)
  if (all) return { records: all, failed: [] }
  // The batch failed: find the culprits one by one so the rest still loads.
  const migrated = new Map<string, TLRecord>()
  const failed: string[] = []
  for (const record of asTL) {
    const one = migrateSnapshot(schema, [record], from)
    if (one) for (const [id, r] of one) migrated.set(id, r)
    else failed.push(record.id)
  }
  return { records: migrated, failed }
}

function migrateSnapshot(schema: Schema, records: TLRecord[], from: SerializedSchema): Map<string, TLRecord> | null {
  // Cast: Object.fromEntries types its keys as string; they are the records' own (branded) ids.
  // (Not a typed loop of assignments: an id "__proto__" from the doc would set the prototype.)
  const store = Object.fromEntries(records.map((r) => [r.id, r])) as Record<TLRecord['id'], TLRecord>
  const result = schema.migrateStoreSnapshot({ store, schema: from })
  if (result.type === 'error') return null
  return new Map(Object.values(result.value).map((r) => [r.id, r]))
}
