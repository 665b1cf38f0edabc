/** Shared setup for the binding tests: stores, docs wired to each other, shapes. */
import * as Y from 'yjs'
import {
  createShapeId,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  GeoShapeUtil,
  type TLGeoShape,
  type TLRecord,
  type TLStore,
} from 'tldraw'
import { bindStoreToYDoc, type BindOptions } from '../../src/sync/bindStoreToYDoc'
import { RECORDS_KEY, type RecordEntry, type StoredRecord } from '../../src/sync/boardDoc'

export const RELAY = Symbol('relay')

export function createStore(): TLStore {
  return createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
}

const geoDefaults = GeoShapeUtil.prototype.getDefaultProps.call({ options: {} } as never)

export function geoShape(name: string, overrides: Partial<TLGeoShape> = {}): TLGeoShape {
  return {
    id: createShapeId(name),
    typeName: 'shape',
    type: 'geo',
    parentId: 'page:page' as TLGeoShape['parentId'],
    index: 'a1' as TLGeoShape['index'],
    x: 0,
    y: 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { ...geoDefaults },
    ...overrides,
  }
}

/** Relay every update between two docs, as a server would; returns a function that stops it. */
export function relay(a: Y.Doc, b: Y.Doc): () => void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), RELAY)
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b), RELAY)
  const ab = (update: Uint8Array, origin: unknown) => {
    if (origin !== RELAY) Y.applyUpdate(b, update, RELAY)
  }
  const ba = (update: Uint8Array, origin: unknown) => {
    if (origin !== RELAY) Y.applyUpdate(a, update, RELAY)
  }
  a.on('update', ab)
  b.on('update', ba)
  return () => {
    a.off('update', ab)
    b.off('update', ba)
  }
}

/** Counts the updates a doc produces itself (not those relayed into it). */
export function countOwnUpdates(doc: Y.Doc): { readonly count: number } {
  const counter = { count: 0 }
  doc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (origin !== RELAY) counter.count++
  })
  return counter
}

/** A client: a store bound to its own doc. */
export interface Peer {
  doc: Y.Doc
  store: TLStore
  schemaErrors: (string | null)[]
  unbind: () => void
}

export function bindPeer(doc: Y.Doc, store: TLStore = createStore(), options: Omit<BindOptions, 'onSchemaError'> = {}): Peer {
  const schemaErrors: (string | null)[] = []
  const unbind = bindStoreToYDoc(store, doc, { ...options, onSchemaError: (m) => schemaErrors.push(m) })
  return { doc, store, schemaErrors, unbind }
}

/** What the doc holds, the way another tool would read it (no YKeyValue, just the array). */
export function docRecords(doc: Y.Doc): Map<string, StoredRecord> {
  const map = new Map<string, StoredRecord>()
  for (const entry of doc.getArray<RecordEntry>(RECORDS_KEY).toArray()) map.set(entry.key, entry.val)
  return map
}

export function shapesIn(store: TLStore): TLRecord[] {
  return store.allRecords().filter((r) => r.typeName === 'shape')
}

/**
 * Frames under the test's control, for BindOptions.schedule: nothing scheduled runs until `next()`,
 * as in a browser where remote changes wait for the next animation frame.
 */
export function manualFrames(): { schedule: NonNullable<BindOptions['schedule']>; next(): void; readonly waiting: number } {
  let queued: (() => void)[] = []
  return {
    schedule: (flush) => {
      queued.push(flush)
      return () => {
        queued = queued.filter((f) => f !== flush)
      }
    },
    next() {
      const due = queued
      queued = []
      for (const flush of due) flush()
    },
    get waiting() {
      return queued.length
    },
  }
}
