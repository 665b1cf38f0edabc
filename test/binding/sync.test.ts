/** Two clients, each a tldraw store bound to its own Y.Doc, the docs relayed as a server would. */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { transact, type TLCamera, type TLGeoShape, type TLRecord } from 'tldraw'
import { bindPeer, countOwnUpdates, docRecords, geoShape, relay, shapesIn, type Peer } from './harness'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

/** A seeds a new board; B joins after the first sync, as openBoard orders it. */
function twoClients(): { a: Peer; b: Peer } {
  const a = bindPeer(new Y.Doc())
  const docB = new Y.Doc()
  cleanups.push(relay(a.doc, docB))
  const b = bindPeer(docB)
  cleanups.push(a.unbind, b.unbind)
  return { a, b }
}

describe('a board shared by two stores', () => {
  it('shows a shape created, changed and deleted in one store in the other', () => {
    const { a, b } = twoClients()
    const shape = geoShape('box', { x: 10, y: 20 })

    a.store.put([shape])
    expect(b.store.get(shape.id)).toMatchObject({ x: 10, y: 20, type: 'geo' })

    a.store.put([{ ...shape, x: 300, props: { ...shape.props, w: 250 } }])
    expect(b.store.get(shape.id)).toMatchObject({ x: 300, props: { w: 250 } })

    b.store.remove([shape.id])
    expect(a.store.get(shape.id)).toBeUndefined()
    expect(docRecords(a.doc).has(shape.id)).toBe(false)
  })

  it('writes one tldraw change batch as one Yjs transaction', () => {
    const { a } = twoClients()
    a.store.put([geoShape('old')])
    const updates = countOwnUpdates(a.doc)
    let transactions = 0
    a.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.local && tr.changed.size > 0) transactions++
    })

    transact(() => {
      a.store.put([geoShape('one'), geoShape('two', { index: 'a2' as TLGeoShape['index'] })])
      a.store.update(geoShape('old').id, (s) => ({ ...s, x: 5 }))
      a.store.remove([geoShape('two').id])
      a.store.put([geoShape('three', { index: 'a3' as TLGeoShape['index'] })])
    })

    expect(updates.count).toBe(1)
    expect(transactions).toBe(1)
    const stored = docRecords(a.doc)
    expect(stored.has(geoShape('one').id) && stored.has(geoShape('three').id)).toBe(true)
    expect(stored.has(geoShape('two').id)).toBe(false)
    expect(stored.get(geoShape('old').id)).toMatchObject({ x: 5 })
  })

  it('does not echo a remote change back into the doc', () => {
    const { a, b } = twoClients()
    const updatesFromB = countOwnUpdates(b.doc)

    a.store.put([geoShape('box')])
    a.store.update(geoShape('box').id, (s) => ({ ...s, y: 99 }))
    a.store.remove([geoShape('box').id])

    expect(updatesFromB.count).toBe(0)
    expect(b.store.get(geoShape('box').id)).toBeUndefined()
  })

  it('never puts camera, instance, pointer or page state into the doc', () => {
    const { a } = twoClients()
    const updates = countOwnUpdates(a.doc)
    const camera = a.store.allRecords().find((r): r is TLCamera => r.typeName === 'camera')!
    a.store.put([{ ...camera, x: 400, z: 2 }])
    a.store.update('pointer:pointer' as TLRecord['id'], (p) => ({ ...p, x: 12, y: 34 }))
    a.store.update('instance:instance' as TLRecord['id'], (i) => ({ ...i, isFocusMode: true }))

    expect(updates.count).toBe(0)
    const types = new Set([...docRecords(a.doc).values()].map((r) => r.typeName))
    expect([...types].sort()).toEqual(['document', 'page'])
  })

  it('seeds a new board once: the joining client writes nothing', () => {
    const a = bindPeer(new Y.Doc())
    const docB = new Y.Doc()
    cleanups.push(relay(a.doc, docB), a.unbind)
    const updatesFromB = countOwnUpdates(docB)
    const b = bindPeer(docB)
    cleanups.push(b.unbind)

    expect(updatesFromB.count).toBe(0)
    expect(b.store.allRecords().filter((r) => r.typeName === 'page')).toHaveLength(1)
  })

  it('ends with one page even if two clients did seed before their docs met', () => {
    // openBoard never binds before the first sync; this is the fallback if that were bypassed.
    const a = bindPeer(new Y.Doc())
    const b = bindPeer(new Y.Doc())
    cleanups.push(a.unbind, b.unbind)
    a.store.put([geoShape('from-a')])
    b.store.put([geoShape('from-b')])

    cleanups.push(relay(a.doc, b.doc))

    for (const peer of [a, b]) {
      expect(peer.store.allRecords().filter((r) => r.typeName === 'page')).toHaveLength(1)
      expect(shapesIn(peer.store)).toHaveLength(2)
      expect(peer.doc.getArray('records').length).toBe(docRecords(peer.doc).size)
    }
  })

  it('gives a late joiner the whole board', () => {
    const { a } = twoClients()
    a.store.put(Array.from({ length: 500 }, (_, i) => geoShape(`s${i}`, { x: i })))
    const lateDoc = new Y.Doc()
    cleanups.push(relay(a.doc, lateDoc))
    const late = bindPeer(lateDoc)
    cleanups.push(late.unbind)
    expect(shapesIn(late.store)).toHaveLength(500)
    expect(late.store.get(geoShape('s499').id)).toMatchObject({ x: 499 })
  })
})
