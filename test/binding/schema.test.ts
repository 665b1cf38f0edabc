/** Boards written by older and newer versions of the app. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import type { SerializedSchemaV2, TLGeoShape } from 'tldraw'
import { openBoardDoc, SCHEMA_KEY, type StoredRecord } from '../../src/sync/boardDoc'
import { bindPeer, countOwnUpdates, createStore, docRecords, geoShape, relay } from './harness'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
  vi.restoreAllMocks()
})

const current = createStore().schema.serialize() as SerializedSchemaV2

/**
 * A geo shape as tldraw wrote it at geo version 9, before AddRichText (10: `text` → `richText`),
 * AddRichTextAttrs (11) and AddFlipProps (12) — real migrations in @tldraw/tlschema's TLGeoShape.
 */
function geoV9(name: string, text: string): StoredRecord {
  const { richText: _r, flipX: _x, flipY: _y, ...props } = geoShape(name).props
  return { ...geoShape(name), props: { ...props, text } } as unknown as StoredRecord
}

const schemaGeoV9: SerializedSchemaV2 = {
  ...current,
  sequences: { ...current.sequences, 'com.tldraw.shape.geo': 9 },
}

/** A doc as an older client left it: its schema and records in that schema. */
function boardDoc(schema: object, records: StoredRecord[]): Y.Doc {
  const doc = new Y.Doc()
  const board = openBoardDoc(doc)
  doc.transact(() => {
    board.meta.set(SCHEMA_KEY, schema)
    board.records.set('document:document', { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} })
    board.records.set('page:page', { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} })
    for (const r of records) board.records.set(r.id, r)
  })
  return doc
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

interface RichNode {
  text?: string
  content?: RichNode[]
}
const plain = (node: RichNode): string => (node.text ?? '') + (node.content ?? []).map(plain).join('')
const textOf = (shape: unknown) => plain((shape as TLGeoShape).props.richText as RichNode)

describe('a board written by an older version', () => {
  it('is migrated when opened, and opening it writes nothing', () => {
    const server = boardDoc(schemaGeoV9, [geoV9('old', '入口')])
    const docs = [copyOf(server), copyOf(server)]
    const writes = docs.map(countOwnUpdates)
    const peers = docs.map((doc) => bindPeer(doc))
    cleanups.push(...peers.map((p) => p.unbind))

    for (const peer of peers) {
      const shape = peer.store.get(geoShape('old').id) as TLGeoShape
      expect(shape.props).toMatchObject({ flipX: false, flipY: false })
      expect(textOf(shape)).toBe('入口')
      expect(peer.schemaErrors).toEqual([])
    }
    // Twenty people opening an old board at once must not all rewrite it.
    expect(writes.map((w) => w.count)).toEqual([0, 0])
    expect(openBoardDoc(docs[0]).meta.get(SCHEMA_KEY)).toEqual(schemaGeoV9)
  })

  it('is upgraded in the doc by the first edit, in the same transaction', () => {
    const a = bindPeer(boardDoc(schemaGeoV9, [geoV9('old', 'x')]))
    const docB = new Y.Doc()
    cleanups.push(relay(a.doc, docB))
    const b = bindPeer(docB)
    cleanups.push(a.unbind, b.unbind)
    const writes = countOwnUpdates(a.doc)

    a.store.put([geoShape('new')])

    expect(writes.count).toBe(1)
    expect(openBoardDoc(a.doc).meta.get(SCHEMA_KEY)).toEqual(current)
    const upgraded = docRecords(a.doc).get(geoShape('old').id) as unknown as TLGeoShape
    expect(upgraded.props).toMatchObject({ flipX: false })
    expect(textOf(upgraded)).toBe('x')
    // The other client now reads the doc as current: later changes to the upgraded record reach it
    // (migrating it a second time from the old schema would fail and drop them).
    a.store.update(geoShape('old').id, (s) => ({ ...s, x: 77 }))
    expect(b.store.get(geoShape('old').id)).toMatchObject({ x: 77 })
    expect(textOf(b.store.get(geoShape('old').id))).toBe('x')
    const writesB = countOwnUpdates(b.doc)
    b.store.update(geoShape('old').id, (s) => ({ ...s, x: 1 }))
    expect(writesB.count).toBe(1)
    expect(textOf(a.store.get(geoShape('old').id))).toBe('x')
  })

  it('migrates records an older client writes while the board is open', () => {
    const client = bindPeer(boardDoc(schemaGeoV9, []))
    cleanups.push(client.unbind)
    const olderClient = new Y.Doc()
    cleanups.push(relay(olderClient, client.doc))

    openBoardDoc(olderClient).records.set(geoShape('late').id, geoV9('late', '长椅'))

    expect(textOf(client.store.get(geoShape('late').id))).toBe('长椅')
  })
})

describe('a board written by a newer version', () => {
  const future: SerializedSchemaV2 = {
    ...current,
    sequences: { ...current.sequences, 'com.tldraw.shape.geo': 99, 'com.tldraw.shape.sparkle': 1 },
  }
  const fromTheFuture = () =>
    ({ ...geoShape('new-kind'), props: { ...geoShape('new-kind').props, sparkle: true } }) as unknown as StoredRecord

  it('reports a schema error instead of throwing, and loads what it can', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const doc = boardDoc(future, [geoShape('plain') as unknown as StoredRecord, fromTheFuture()])

    const client = bindPeer(doc)
    cleanups.push(client.unbind)

    expect(client.schemaErrors).toHaveLength(1)
    expect(client.schemaErrors[0]).toMatch(/version 99/)
    expect(client.store.get(geoShape('plain').id)).toBeDefined()
    expect(client.store.get(geoShape('new-kind').id)).toBeUndefined()
    expect(client.store.get('page:page' as never)).toBeDefined()
  })

  it('stops writing to the doc, so old-shaped records never overwrite newer ones', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const doc = boardDoc(future, [geoShape('plain') as unknown as StoredRecord])
    const client = bindPeer(doc)
    cleanups.push(client.unbind)
    const writes = countOwnUpdates(doc)

    client.store.put([geoShape('mine')])
    client.store.update(geoShape('plain').id, (s) => ({ ...s, x: 50 }))

    expect(writes.count).toBe(0)
    expect(docRecords(doc).get(geoShape('plain').id)).toMatchObject({ x: 0 })
  })

  it('notices when a newer client upgrades the board while it is open', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = bindPeer(new Y.Doc())
    cleanups.push(client.unbind)
    expect(client.schemaErrors).toEqual([])

    const newer = new Y.Doc()
    cleanups.push(relay(newer, client.doc))
    openBoardDoc(newer).meta.set(SCHEMA_KEY, future)

    expect(client.schemaErrors).toHaveLength(1)
    const writes = countOwnUpdates(client.doc)
    client.store.put([geoShape('after')])
    expect(writes.count).toBe(0)
  })
})
