/** The examples of docs/board-format.md, run against a board the binding wrote. */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { createTLSchema, type SerializedSchema, type TLRecord } from 'tldraw'
import { bindPeer, geoShape } from './harness'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

/** A board as the server would hand it out: one encoded update. */
function savedBoard(): Uint8Array {
  const client = bindPeer(new Y.Doc())
  cleanups.push(client.unbind)
  client.store.put([geoShape('garden', { x: 420, y: 300 }), geoShape('bench', { index: 'a2' as never })])
  client.store.remove([geoShape('bench').id])
  client.store.update(geoShape('garden').id, (s) => ({ ...s, x: 500 }))
  return Y.encodeStateAsUpdate(client.doc)
}

describe('the documented board format', () => {
  it('reads with yjs, y-utility and tldraw migrations as docs/board-format.md shows', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, savedBoard())

    const records = new YKeyValue<TLRecord>(doc.getArray('records'))
    const stored = Object.fromEntries([...records.map].map(([id, entry]) => [id, entry.val]))
    const schema = doc.getMap('meta').get('schema') as SerializedSchema
    const migrated = createTLSchema().migrateStoreSnapshot({ store: stored, schema })
    if (migrated.type === 'error') throw new Error(migrated.reason)
    const shapes = Object.values(migrated.value).filter((r) => r.typeName === 'shape')

    expect(shapes).toEqual([expect.objectContaining({ id: geoShape('garden').id, x: 500, type: 'geo' })])
    expect(Object.keys(stored).sort()).toEqual(['document:document', 'page:page', geoShape('garden').id])
    expect(schema).toMatchObject({ schemaVersion: 2, sequences: { 'com.tldraw.shape.geo': expect.any(Number) } })
  })

  it('reads read-only from the array, one { key, val } per record with key === val.id', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, savedBoard())

    const latest = new Map<string, TLRecord>()
    for (const { key, val } of doc.getArray<{ key: string; val: TLRecord }>('records').toArray()) {
      expect(key).toBe(val.id)
      latest.set(key, val)
    }
    expect(latest.get(geoShape('garden').id)).toMatchObject({ x: 500 })
    expect([...doc.share.keys()].sort()).toEqual(['meta', 'records'])
  })
})
