/** Records another client or tool wrote that this app cannot read: skipped, never fatal, never deleted. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { openBoardDoc, RECORDS_KEY, SCHEMA_KEY, type RecordEntry, type StoredRecord } from '../../src/sync/boardDoc'
import { bindPeer, createStore, docRecords, geoShape, relay, shapesIn } from './harness'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
  vi.restoreAllMocks()
})

function invalidShape(name: string): StoredRecord {
  const shape = geoShape(name)
  return { ...shape, props: { ...shape.props, w: 'very wide' } } as unknown as StoredRecord
}

/** A remote writer that is not our binding: a doc of its own, relayed to the client's. */
function remoteWriter(target: Y.Doc) {
  const doc = new Y.Doc()
  cleanups.push(relay(doc, target))
  return new YKeyValue<StoredRecord>(doc.getArray<RecordEntry>(RECORDS_KEY))
}

describe('records that fail validation', () => {
  it('skips a bad record arriving from the other side and applies the rest of its batch', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = bindPeer(new Y.Doc())
    cleanups.push(client.unbind)
    const remote = remoteWriter(client.doc)

    remote.doc.transact(() => {
      remote.set(geoShape('good-1').id, geoShape('good-1') as unknown as StoredRecord)
      remote.set(geoShape('bad').id, invalidShape('bad'))
      remote.set(geoShape('good-2').id, geoShape('good-2', { x: 7 }) as unknown as StoredRecord)
    })

    expect(client.store.get(geoShape('good-1').id)).toBeDefined()
    expect(client.store.get(geoShape('good-2').id)).toMatchObject({ x: 7 })
    expect(client.store.get(geoShape('bad').id)).toBeUndefined()
    // Syncing goes on afterwards, and the unreadable record is kept for whoever can read it.
    remote.set(geoShape('good-3').id, geoShape('good-3') as unknown as StoredRecord)
    expect(client.store.get(geoShape('good-3').id)).toBeDefined()
    expect(docRecords(client.doc).has(geoShape('bad').id)).toBe(true)
  })

  it('loads a board containing a bad record, without it', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const author = bindPeer(new Y.Doc())
    author.store.put([geoShape('a'), geoShape('b')])
    author.unbind()
    openBoardDoc(author.doc).records.set(geoShape('bad').id, invalidShape('bad'))

    const readerDoc = new Y.Doc()
    Y.applyUpdate(readerDoc, Y.encodeStateAsUpdate(author.doc))
    const reader = bindPeer(readerDoc)
    cleanups.push(reader.unbind)

    expect(shapesIn(reader.store).map((s) => s.id).sort()).toEqual([geoShape('a').id, geoShape('b').id])
  })

  it('ignores session records and unknown types written into the doc by a careless tool', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = bindPeer(new Y.Doc())
    cleanups.push(client.unbind)
    const instanceBefore = client.store.get('instance:instance' as never) as unknown as StoredRecord
    const remote = remoteWriter(client.doc)

    remote.doc.transact(() => {
      remote.set('instance:instance', { ...instanceBefore, isFocusMode: true })
      remote.set('comment:1', { id: 'comment:1', typeName: 'comment', text: 'hi' })
      remote.set('shape:mismatch', { ...geoShape('other') } as unknown as StoredRecord)
    })
    remote.delete('instance:instance')

    expect(client.store.get('instance:instance' as never)).toEqual(instanceBefore)
    expect(client.store.get('comment:1' as never)).toBeUndefined()
    expect(client.store.get(geoShape('other').id)).toBeUndefined()
  })

  it('loads a doc with records but no stored schema as written by this version', () => {
    const store = createStore()
    const doc = new Y.Doc()
    const board = openBoardDoc(doc)
    doc.transact(() => {
      board.records.set('document:document', { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} })
      board.records.set('page:page', { id: 'page:page', typeName: 'page', name: '花园', index: 'a1', meta: {} })
      board.records.set(geoShape('x').id, geoShape('x') as unknown as StoredRecord)
    })
    expect(board.meta.get(SCHEMA_KEY)).toBeUndefined()

    const client = bindPeer(doc, store)
    cleanups.push(client.unbind)
    expect(store.get(geoShape('x').id)).toBeDefined()
    expect(client.schemaErrors).toEqual([])
  })
})
