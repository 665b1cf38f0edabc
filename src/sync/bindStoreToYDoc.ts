/**
 * The tldraw store ⇄ Y.Doc binding. Framework-free: runs in the browser and in plain Node.
 *
 * - Local → doc: every tldraw change batch (user source, document scope) becomes one Yjs
 *   transaction with this binding's own origin.
 * - Doc → local: every YKeyValue change whose transaction is not ours is migrated from the doc's
 *   stored schema and applied inside `store.mergeRemoteChanges`, record by record, so tldraw
 *   neither echoes it back nor lets one invalid record stop the rest.
 */
import type * as Y from 'yjs'
import { isEqual, type SerializedSchema, type TLRecord, type TLStore } from 'tldraw'
import { openBoardDoc, readRecords, SCHEMA_KEY, writeRecords, type StoredRecord } from './boardDoc'
import { clampSchema, futureSchemaReason, migrateRecords, parseSchema, schemasEqual } from './schemaCompat'

export interface BindOptions {
  /**
   * Called with a sentence when the doc's schema is newer than this client (and with null once it
   * no longer is). While set, local changes are not written to the doc: an older client would write
   * records in the old shape under the newer schema's name and break them for everyone else.
   */
  onSchemaError?: (message: string | null) => void
}

type KeyValueChange =
  | { action: 'add'; newValue: StoredRecord }
  | { action: 'update'; oldValue: StoredRecord; newValue: StoredRecord }
  | { action: 'delete'; oldValue: StoredRecord }

/** Bind `store` to `doc`. The doc is the truth: call this once the doc holds what is known of the board. */
export function bindStoreToYDoc(store: TLStore, doc: Y.Doc, options: BindOptions = {}): () => void {
  const board = openBoardDoc(doc)
  // A fresh object per binding: our own transactions are recognised by identity, not by `local`,
  // so another local writer of the doc (a tool, a second binding in a test) still reaches the store.
  const origin = { binding: 'tldraw-store' }
  const ourSchema = store.schema.serialize()
  const documentTypes = store.scopedTypes.document
  let schemaError: string | null = null
  let warnedReadOnly = false
  let upgradedFrom: unknown = undefined

  /**
   * The schema to migrate incoming records from. Read from the doc every time rather than cached:
   * a newer client upgrades the records and the stored schema in one transaction, and the records
   * observer may run before the meta observer does.
   */
  function checkSchema(): SerializedSchema {
    const stored = parseSchema(board.meta.get(SCHEMA_KEY))
    const reason = stored ? futureSchemaReason(stored, ourSchema) : null
    if (reason !== schemaError) {
      schemaError = reason
      if (reason) console.warn(`[sync] this board was saved by a newer version of the app: ${reason}`)
      options.onSchemaError?.(reason)
    }
    // No stored schema: records written by a tool that did not say; take them as current.
    if (!stored) return ourSchema
    if (reason) return stored.schemaVersion === 2 ? clampSchema(stored, ourSchema) : ourSchema
    return stored
  }

  function isSharedRecord(key: string, value: unknown): value is StoredRecord {
    const r = value as Partial<StoredRecord> | null
    const ok = !!r && typeof r === 'object' && r.id === key && typeof r.typeName === 'string' &&
      documentTypes.has(r.typeName as TLRecord['typeName'])
    if (!ok) console.warn(`[sync] skipped doc entry "${key}": not a shared tldraw record this app knows`)
    return ok
  }

  function applyRemote(incoming: StoredRecord[], removedIds: string[]): void {
    const from = checkSchema()
    const { records, failed } = migrateRecords(store.schema, incoming, from)
    for (const id of failed) console.warn(`[sync] skipped record ${id}: it could not be migrated to this version`)
    store.mergeRemoteChanges(() => {
      for (const record of records.values()) {
        try {
          store.put([record])
        } catch (error) {
          console.warn(`[sync] skipped record ${record.id}: it failed validation`, error)
        }
      }
      // Only shared records: a doc entry can never delete this tab's camera or instance state.
      const removable = removedIds.filter((id) => {
        const existing = store.get(id as TLRecord['id'])
        return existing && documentTypes.has(existing.typeName)
      }) as TLRecord['id'][]
      if (removable.length > 0) {
        try {
          store.remove(removable)
        } catch (error) {
          console.warn('[sync] could not apply remote deletions', removable, error)
        }
      }
    })
  }

  /**
   * The first write of a client newer than the board brings the whole doc to our schema, in the
   * same transaction as the edit. Done lazily, not at load: when 20 people open an old board at once,
   * those who only look write nothing, and the first editor's upgrade reaches the others before
   * they edit (then their doc schema equals ours and they skip it). Concurrent first edits may both
   * upgrade; they write the same migrated records, so it costs bytes, not correctness.
   */
  function upgradeDocIfNeeded(): void {
    const storedValue = board.meta.get(SCHEMA_KEY)
    if (storedValue !== undefined && storedValue === upgradedFrom) return
    const stored = parseSchema(storedValue)
    if (stored && schemasEqual(stored, ourSchema)) {
      upgradedFrom = storedValue
      return
    }
    if (stored) {
      const before = readRecords(board)
      const { records, failed } = migrateRecords(store.schema, before, stored)
      const puts: StoredRecord[] = []
      const removed: string[] = []
      for (const old of before) {
        const migrated = records.get(old.id)
        // A record that cannot be migrated stays as it was: nothing is ever deleted for being unreadable.
        if (!migrated) {
          if (!failed.includes(old.id)) removed.push(old.id)
        } else if (!isEqual(migrated, old)) {
          puts.push(migrated as unknown as StoredRecord)
        }
      }
      for (const [id, record] of records) if (!board.records.has(id)) puts.push(record as unknown as StoredRecord)
      writeRecords(board, puts, removed)
    }
    board.meta.set(SCHEMA_KEY, ourSchema)
    upgradedFrom = board.meta.get(SCHEMA_KEY)
  }

  function writeLocal(puts: readonly TLRecord[], removedIds: readonly string[]): void {
    if (schemaError) {
      if (!warnedReadOnly) console.warn('[sync] local changes are not saved until the page is reloaded')
      warnedReadOnly = true
      return
    }
    doc.transact(() => {
      upgradeDocIfNeeded()
      writeRecords(board, puts as unknown as StoredRecord[], removedIds)
    }, origin)
  }

  // Initial state. The caller only binds once the doc holds what is known of the board (see
  // openBoard), so an empty doc here really is a new board and seeding cannot duplicate anything.
  checkSchema()
  if (board.records.map.size === 0) {
    if (!schemaError) {
      // An empty merge runs tldraw's integrity check (ensureStoreIsUsable is internal): it creates
      // the document record and the page with fixed ids ('document:document', 'page:page'), so even
      // two seeds that did race would land on the same keys rather than make two pages.
      store.mergeRemoteChanges(() => {})
      writeLocal(store.allRecords().filter((r) => documentTypes.has(r.typeName)), [])
    }
  } else {
    const entries = Array.from(board.records.map.values()).filter((e) => isSharedRecord(e.key, e.val))
    applyRemote(entries.map((e) => e.val), [])
    // mergeRemoteChanges has run the integrity check; whatever it had to create (a document record,
    // a page when the doc had none) is a shared record the doc lacks.
    const missing = store.allRecords().filter((r) => documentTypes.has(r.typeName) && !board.records.has(r.id))
    if (missing.length > 0) writeLocal(missing, [])
  }

  // Registered after the initial load: changes made before it are already in the doc.
  const stopListening = store.listen(
    ({ changes }) => {
      const puts = [...Object.values(changes.added), ...Object.values(changes.updated).map(([, to]) => to)]
      writeLocal(puts, Object.keys(changes.removed))
    },
    { source: 'user', scope: 'document' },
  )

  const onRecordsChange = (changes: Map<string, KeyValueChange>, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return
    const incoming: StoredRecord[] = []
    const removedIds: string[] = []
    for (const [key, change] of changes) {
      if (change.action === 'delete') removedIds.push(key)
      else if (isSharedRecord(key, change.newValue)) incoming.push(change.newValue)
    }
    applyRemote(incoming, removedIds)
  }
  board.records.on('change', onRecordsChange)

  // The schema can change without any record changing (a newer client upgrading an empty board).
  const onMetaChange = () => void checkSchema()
  board.meta.observe(onMetaChange)

  return () => {
    stopListening()
    board.records.off('change', onRecordsChange)
    // YKeyValue has no destroy: its array observer lives as long as the doc, which the caller destroys.
    board.records.destroy()
    board.meta.unobserve(onMetaChange)
  }
}
