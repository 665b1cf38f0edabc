/**
 * The tldraw store ⇄ Y.Doc binding. Framework-free: runs in the browser and in plain Node.
 *
 * - Local → doc: every tldraw change batch (user source, document scope) becomes one Yjs
 *   transaction with this binding's own origin.
 * - Doc → local: the keys of every YKeyValue change whose transaction is not ours are queued; when
 *   the scheduler (BindOptions.schedule) says so, their current doc values are migrated from the
 *   doc's stored schema and applied in one `store.mergeRemoteChanges`, so tldraw neither echoes them
 *   back nor lets one invalid record stop the rest. The browser applies the queue once per frame:
 *   every store transaction makes tldraw recompute culling over all shapes and re-render, so a
 *   burst of 1,000 remote moves applied one by one blocked the page for tens of seconds.
 */
import type * as Y from 'yjs'
import { isEqual, type SerializedSchema, type TLRecord, type TLStore } from 'tldraw'
import { openBoardDoc, readRecords, SCHEMA_KEY, writeRecords, type StoredRecord } from './boardDoc'
import { clampSchema, futureSchemaReason, migrateRecords, parseSchema, schemasEqual } from './schemaCompat'
import { shareUnchanged } from './shareUnchanged'
import { isObject } from '../shared/guards'

export interface BindOptions {
  /**
   * Called with a sentence when the doc's schema is newer than this client (and with null once it
   * no longer is). While set, local changes are not written to the doc: an older client would write
   * records in the old shape under the newer schema's name and break them for everyone else.
   */
  onSchemaError?: (message: string | null) => void
  /**
   * When queued remote changes are applied: called with `flush` whenever a remote change is queued
   * and no flush is scheduled yet; returns a function that cancels that call. Default: at once
   * (synchronously, inside the Yjs observer), which tests and one-shot readers rely on. openBoard
   * passes scheduleFrame (once per animation frame).
   */
  schedule?: (flush: () => void) => () => void
  /**
   * A flush stops after this many queued records (at the end of a Yjs transaction, never inside
   * one) and schedules the rest, so a frame stays short when thousands of changes arrive at once.
   * Default: no limit.
   */
  maxRecordsPerFlush?: number
}

const applyAtOnce = (flush: () => void) => {
  flush()
  return () => {}
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
  // Asked with any stored typeName, so typed as a set of strings (tldraw's is of its own type names).
  const documentTypes: ReadonlySet<string> = store.scopedTypes.document
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
    const r = isObject(value) ? value : null
    const ok = !!r && r.id === key && typeof r.typeName === 'string' && documentTypes.has(r.typeName)
    if (!ok) console.warn(`[sync] skipped doc entry "${key}": not a shared tldraw record this app knows`)
    return ok
  }

  /**
   * Apply records and deletions to the store as remote changes, in one store transaction. Records
   * are validated first, one by one, so that one bad record is skipped without stopping the rest;
   * the valid ones then go in with a single put (one put of 5,000 records costs about half of 5,000
   * puts of one). A put that throws part-way would leave records in the store that tldraw's indexes
   * never heard of, which is why validation is done before it rather than by catching it.
   */
  function applyRemote(incoming: StoredRecord[], removedIds: string[]): void {
    const from = checkSchema()
    const { records, failed } = migrateRecords(store.schema, incoming, from)
    for (const id of failed) console.warn(`[sync] skipped record ${id}: it could not be migrated to this version`)
    store.mergeRemoteChanges(() => {
      const valid: TLRecord[] = []
      for (const incomingRecord of records.values()) {
        const existing = store.get(incomingRecord.id)
        // Keep the store's own objects for the parts that did not change (see shareUnchanged):
        // tldraw then keeps its measured text and geometry, and an unchanged record is no change.
        const record = existing ? shareUnchanged(existing, incomingRecord) : incomingRecord
        if (record === existing) continue
        try {
          store.schema.validateRecord(store, record, existing ? 'updateRecord' : 'createRecord', existing ?? null)
          valid.push(record)
        } catch (error) {
          console.warn(`[sync] skipped record ${record.id}: it failed validation`, error)
        }
      }
      if (valid.length > 0) {
        try {
          store.put(valid)
        } catch (error) {
          // Only a side-effect handler can still throw here (validation passed); fall back to one
          // put per record so the others still arrive.
          console.warn('[sync] a batch of remote records failed; applying them one by one', error)
          for (const record of valid) {
            try {
              store.put([record])
            } catch (e) {
              console.warn(`[sync] skipped record ${record.id}`, e)
            }
          }
        }
      }
      // Only shared records: a doc entry can never delete this tab's camera or instance state.
      const removable = removedIds.flatMap((id) => {
        // Cast: tldraw's record ids are branded strings and no guard tells them apart for every
        // record type; these are ids of records in the doc.
        const existing = store.get(id as TLRecord['id'])
        return existing && documentTypes.has(existing.typeName) ? [existing.id] : []
      })
      if (removable.length > 0) {
        try {
          store.remove(removable)
        } catch (error) {
          console.warn('[sync] could not apply remote deletions', removable, error)
        }
      }
    })
  }

  // Keys of remote changes not applied to the store yet, in the order Yjs delivered them (first
  // change of each key), each with the number of the Yjs transaction that first changed it. Keys,
  // not values: the flush reads what the doc holds then, so the latest value of a key wins and a
  // delete after an update deletes.
  const pending = new Map<string, number>()
  let remoteTransactions = 0
  let cancelScheduled: (() => void) | null = null
  let flushing = false
  let unbound = false
  const schedule = options.schedule ?? applyAtOnce
  const maxPerFlush = options.maxRecordsPerFlush ?? Infinity

  function scheduleFlush(): void {
    if (cancelScheduled || flushing || unbound || pending.size === 0) return
    let scheduling = true
    let ranAtOnce = false
    const cancel = schedule(() => {
      ranAtOnce = scheduling
      cancelScheduled = null
      try {
        flushRemote()
      } catch (error) {
        console.warn('[sync] could not apply remote changes; they are tried again', error)
        // Again with the next frame; a scheduler that runs at once would recurse, so there the
        // next remote change (or unbinding) tries again.
        if (!ranAtOnce) scheduleFlush()
      }
    })
    scheduling = false
    // A scheduler that runs at once has already flushed (and maybe rescheduled) when it returns.
    if (!ranAtOnce) cancelScheduled = cancel
  }

  /** Apply the queued remote changes to the store now (up to maxRecordsPerFlush of them). */
  function flushRemote(): void {
    if (cancelScheduled) {
      cancelScheduled()
      cancelScheduled = null
    }
    if (flushing || pending.size === 0) return
    flushing = true
    try {
      // Local edits the store has not handed to its listeners yet (tldraw delivers them once per
      // frame) go into the doc first, as tldraw's own sync client does before a rebase. Otherwise
      // a pending remote value of a record edited here would overwrite the edit in the store while
      // the listener, a moment later, writes the edit into the doc: store and doc would disagree.
      // Written first, the edit is what the doc holds for that key when it is read back below.
      // (_flushHistory is tldraw-internal; its canary is in test/shared/privateApis.test.ts.)
      store._flushHistory()
      // A flush that stops at maxPerFlush stops between two Yjs transactions, never inside one
      // (a shape and the binding or page it needs arrive together, as the other client wrote them).
      const keys: string[] = []
      let lastTransaction = -1
      for (const [key, transaction] of pending) {
        if (keys.length >= maxPerFlush && transaction !== lastTransaction) break
        keys.push(key)
        lastTransaction = transaction
      }
      for (const key of keys) pending.delete(key)
      try {
        const incoming: StoredRecord[] = []
        const removedIds: string[] = []
        for (const key of keys) {
          const value = board.records.get(key)
          if (value === undefined) removedIds.push(key)
          else if (isSharedRecord(key, value)) incoming.push(value)
        }
        applyRemote(incoming, removedIds)
      } catch (error) {
        // Not applied (tldraw refuses a remote merge inside one of its own operations): the keys
        // go back to the front of the queue and are tried again by the next flush.
        const rest = [...pending]
        pending.clear()
        for (const key of keys) pending.set(key, lastTransaction)
        for (const [key, transaction] of rest) if (!pending.has(key)) pending.set(key, transaction)
        throw error
      }
    } finally {
      flushing = false
    }
    scheduleFlush()
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
          // Cast: a tldraw record is stored as the JSON it is (StoredRecord is that JSON's type, which
          // tldraw's record interfaces, having no index signature, are not assignable to).
          puts.push(migrated as unknown as StoredRecord)
        }
      }
      // Cast: as above, a tldraw record is stored as the JSON it is.
      for (const [id, record] of records) if (!board.records.has(id)) puts.push(record as unknown as StoredRecord)
      writeRecords(board, puts, removed)
    }
    board.meta.set(SCHEMA_KEY, ourSchema)
    upgradedFrom = board.meta.get(SCHEMA_KEY)
  }

  function writeLocal(puts: readonly TLRecord[], removedIds: readonly string[]): void {
    writeToDoc(puts, removedIds)
    // Remote changes still queued are applied right after this write, never left behind it: they
    // are read back from the doc, where a record edited here and also changed remotely now holds
    // this edit (written last), so store and doc agree on it; every other queued record gets its
    // remote value. Applying them before the write instead would put the older remote value over
    // this newer edit in the store while the doc keeps the edit.
    if (pending.size === 0) return
    try {
      flushRemote()
    } catch (error) {
      console.warn('[sync] remote changes are applied with the next frame instead', error)
      scheduleFlush()
    }
  }

  function writeToDoc(puts: readonly TLRecord[], removedIds: readonly string[]): void {
    if (schemaError) {
      if (!warnedReadOnly) console.warn('[sync] local changes are not saved until the page is reloaded')
      warnedReadOnly = true
      return
    }
    doc.transact(() => {
      upgradeDocIfNeeded()
      // Cast: tldraw records are stored as the JSON they are (StoredRecord is that JSON's type;
      // tldraw's record interfaces have no index signature).
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
      writeToDoc(store.allRecords().filter((r) => documentTypes.has(r.typeName)), [])
    }
  } else {
    const entries = Array.from(board.records.map.values()).filter((e) => isSharedRecord(e.key, e.val))
    applyRemote(entries.map((e) => e.val), [])
    // mergeRemoteChanges has run the integrity check; whatever it had to create (a document record,
    // a page when the doc had none) is a shared record the doc lacks.
    const missing = store.allRecords().filter((r) => documentTypes.has(r.typeName) && !board.records.has(r.id))
    if (missing.length > 0) writeToDoc(missing, [])
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
    const number = remoteTransactions++
    for (const key of changes.keys()) if (!pending.has(key)) pending.set(key, number)
    scheduleFlush()
  }
  board.records.on('change', onRecordsChange)

  // The schema can change without any record changing (a newer client upgrading an empty board).
  const onMetaChange = () => void checkSchema()
  board.meta.observe(onMetaChange)

  return () => {
    // Whatever is still queued or not yet handed to the listener is applied/written before the
    // binding goes: the last local edits reach the doc (and so the offline copy and the server),
    // and the store ends as the doc is. Unbinding must not throw (it runs while a page closes).
    unbound = true
    try {
      store._flushHistory()
      while (pending.size > 0 && !flushing) flushRemote()
    } catch (error) {
      console.warn('[sync] could not apply the last changes while closing the board', error)
    }
    if (cancelScheduled) {
      cancelScheduled()
      cancelScheduled = null
    }
    pending.clear()
    stopListening()
    board.records.off('change', onRecordsChange)
    // YKeyValue has no destroy: its array observer lives as long as the doc, which the caller destroys.
    board.records.destroy()
    board.meta.unobserve(onMetaChange)
  }
}
