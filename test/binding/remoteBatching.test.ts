/**
 * Remote changes applied once per frame (BindOptions.schedule): what a person at the receiving
 * client sees, and that nothing they do meanwhile is lost or leaves the two clients apart.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import type { TLGeoShape, TLRecord, TLShapeId, TLStore } from 'tldraw'
import { scheduleFrame } from '../../src/sync/scheduleFrame'
import { bindPeer, docRecords, geoShape, manualFrames, relay, type Peer } from './harness'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

/** A seeds the board and applies remote changes at once; B applies them when its frame comes. */
function writerAndFramedReader(maxRecordsPerFlush?: number) {
  const a = bindPeer(new Y.Doc())
  const docB = new Y.Doc()
  cleanups.push(relay(a.doc, docB))
  const frames = manualFrames()
  const b = bindPeer(docB, undefined, { schedule: frames.schedule, maxRecordsPerFlush })
  cleanups.push(a.unbind, b.unbind)
  return { a, b, frames }
}

const x = (store: TLStore, id: TLShapeId) => (store.get(id) as TLGeoShape | undefined)?.x

/** The store shows exactly the shared records the doc holds. */
function expectStoreMatchesDoc(peer: Peer): void {
  const shared = (r: TLRecord) => r.typeName === 'shape' || r.typeName === 'page' || r.typeName === 'document'
  const inStore = new Map(peer.store.allRecords().filter(shared).map((r) => [r.id as string, r]))
  const inDoc = new Map([...docRecords(peer.doc)].filter(([, r]) => shared(r as unknown as TLRecord)))
  expect([...inStore.keys()].sort()).toEqual([...inDoc.keys()].sort())
  for (const [id, record] of inStore) expect(record).toEqual(inDoc.get(id))
}

describe('remote changes applied once per frame', () => {
  it('shows a burst of remote changes when the frame comes, as one store change', () => {
    const { a, b, frames } = writerAndFramedReader()
    const boxes = Array.from({ length: 20 }, (_, i) => geoShape(`box${i}`, { x: i }))
    // Each its own Yjs transaction, as 20 messages from the server would be.
    for (const box of boxes) a.store.put([box])
    for (const box of boxes) a.store.update(box.id, (s) => ({ ...s, y: 50 }))

    expect(b.store.get(boxes[0].id)).toBeUndefined()
    expect(frames.waiting).toBe(1)

    let remoteBatches = 0
    cleanups.push(b.store.listen(() => remoteBatches++, { source: 'remote', scope: 'document' }))
    frames.next()

    expect(boxes.map((box) => b.store.get(box.id))).toEqual(boxes.map((box) => ({ ...box, y: 50 })))
    expect(remoteBatches).toBe(1)
    expect(frames.waiting).toBe(0)
  })

  it('ends with the latest value of each record: a later move wins, a delete after a move deletes', () => {
    const { a, b, frames } = writerAndFramedReader()
    const [moved, deleted, shortLived] = [geoShape('moved'), geoShape('deleted'), geoShape('short-lived')]
    a.store.put([moved, deleted])
    frames.next()

    a.store.update(moved.id, (s) => ({ ...s, x: 1 }))
    a.store.update(deleted.id, (s) => ({ ...s, x: 1 }))
    a.store.update(moved.id, (s) => ({ ...s, x: 2 }))
    a.store.remove([deleted.id])
    a.store.put([shortLived])
    a.store.remove([shortLived.id])
    frames.next()

    expect(x(b.store, moved.id)).toBe(2)
    expect(b.store.get(deleted.id)).toBeUndefined()
    expect(b.store.get(shortLived.id)).toBeUndefined()
    expectStoreMatchesDoc(b)
  })

  it('applies a shape after the page it was created on, and a shape recreated after its delete', () => {
    const { a, b, frames } = writerAndFramedReader()
    const page = { ...a.store.get('page:page' as TLRecord['id'])!, id: 'page:second', name: '第二页', index: 'a2' } as TLRecord
    a.store.put([page])
    a.store.put([geoShape('on-second', { parentId: 'page:second' as TLGeoShape['parentId'] })])
    const box = geoShape('box', { x: 5 })
    a.store.put([box])
    frames.next()
    a.store.remove([box.id])
    a.store.put([{ ...box, x: 9 }])
    frames.next()

    expect(b.store.get(geoShape('on-second').id)).toMatchObject({ parentId: 'page:second' })
    expect(x(b.store, box.id)).toBe(9)
  })

  it('keeps a local edit made while a remote change of the same shape waits for its frame, on both clients', () => {
    const { a, b, frames } = writerAndFramedReader()
    const box = geoShape('box')
    a.store.put([box])
    frames.next()

    a.store.update(box.id, (s) => ({ ...s, x: 100 }))
    // B has not seen A's move yet when its person drags the same shape.
    b.store.update(box.id, (s) => ({ ...s, x: 200, y: 7 }))
    frames.next()

    // B's edit is the later one in the doc both share: both clients show it.
    for (const peer of [a, b]) {
      expect(peer.store.get(box.id)).toMatchObject({ x: 200, y: 7 })
      expectStoreMatchesDoc(peer)
    }
  })

  it('keeps a local edit of one shape and applies a pending remote edit of another', () => {
    const { a, b, frames } = writerAndFramedReader()
    const [mine, theirs] = [geoShape('mine'), geoShape('theirs')]
    a.store.put([mine, theirs])
    frames.next()

    a.store.update(theirs.id, (s) => ({ ...s, x: 30 }))
    b.store.update(mine.id, (s) => ({ ...s, x: 40 }))
    // The remote change is applied no later than B's own write, without waiting for the frame.
    expect(x(b.store, theirs.id)).toBe(30)
    frames.next()

    for (const peer of [a, b]) {
      expect(x(peer.store, mine.id)).toBe(40)
      expect(x(peer.store, theirs.id)).toBe(30)
      expectStoreMatchesDoc(peer)
    }
  })

  it('converges when one client edits a shape the other has deleted but not yet shown as deleted', () => {
    const { a, b, frames } = writerAndFramedReader()
    const box = geoShape('box')
    a.store.put([box])
    frames.next()

    a.store.remove([box.id])
    b.store.update(box.id, (s) => ({ ...s, x: 60 }))
    frames.next()

    // Whichever way it ends, both show the same board and their stores are what their docs hold.
    expect(a.store.get(box.id)).toEqual(b.store.get(box.id))
    expectStoreMatchesDoc(a)
    expectStoreMatchesDoc(b)
  })

  it('keeps a local edit that tldraw has not yet handed to the binding when the frame applies a remote one', async () => {
    // In a browser, tldraw delivers local changes to store listeners on the next frame, so a remote
    // flush can come between the edit and the binding hearing of it. Reproduce that in Node.
    const rafQueue: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => rafQueue.push(cb))
    vi.stubGlobal('cancelAnimationFrame', () => {})
    const g = globalThis as { __FORCE_RAF_IN_TESTS__?: boolean }
    g.__FORCE_RAF_IN_TESTS__ = true
    cleanups.push(() => {
      delete g.__FORCE_RAF_IN_TESTS__
    })
    // tldraw's frame scheduler runs a frame's work only once enough time has passed since the last.
    const runTldrawFrames = async () => {
      for (let i = 0; i < 20 && rafQueue.length > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10))
        rafQueue.splice(0).forEach((cb) => cb(performance.now()))
      }
    }

    const { a, b, frames } = writerAndFramedReader()
    const box = geoShape('box')
    a.store.put([box])
    await runTldrawFrames()
    frames.next()
    expect(b.store.get(box.id)).toBeDefined()

    a.store.update(box.id, (s) => ({ ...s, x: 100 }))
    await runTldrawFrames()
    expect(frames.waiting).toBe(1)
    b.store.update(box.id, (s) => ({ ...s, x: 200 }))
    // Our frame first, tldraw's delivery of B's edit to the binding after.
    frames.next()
    await runTldrawFrames()
    frames.next()

    for (const peer of [a, b]) {
      expect(x(peer.store, box.id)).toBe(200)
      expectStoreMatchesDoc(peer)
    }
  })

  it('keeps what tldraw derived from a shape when a remote change only moves it', () => {
    const { a, b, frames } = writerAndFramedReader()
    const note = geoShape('labelled')
    a.store.put([note])
    frames.next()
    const before = b.store.get(note.id) as TLGeoShape

    a.store.update(note.id, (s) => ({ ...s, x: 80 }))
    a.store.update(note.id, (s) => ({ ...s, x: 0 }))
    a.store.update(note.id, (s) => ({ ...s, x: 90 }))
    frames.next()

    // tldraw keeps a shape's measured label and geometry while its props are the same object.
    const after = b.store.get(note.id) as TLGeoShape
    expect(after.x).toBe(90)
    expect(after.props).toBe(before.props)
    expect(after.meta).toBe(before.meta)
  })

  it('spreads a large burst over several frames without losing any change', () => {
    const { a, b, frames } = writerAndFramedReader(4)
    const boxes = Array.from({ length: 10 }, (_, i) => geoShape(`box${i}`, { x: i }))
    for (const box of boxes) a.store.put([box])

    frames.next()
    expect(boxes.filter((box) => b.store.get(box.id)).length).toBe(4)
    frames.next()
    frames.next()
    expect(boxes.map((box) => x(b.store, box.id))).toEqual(boxes.map((_, i) => i))
    expect(frames.waiting).toBe(0)
  })

  it('never splits what another client changed in one go over two frames', () => {
    const { a, b, frames } = writerAndFramedReader(4)
    const boxes = Array.from({ length: 6 }, (_, i) => geoShape(`box${i}`, { x: i }))
    a.store.put(boxes)
    a.store.put([geoShape('later')])

    frames.next()
    expect(boxes.every((box) => b.store.get(box.id))).toBe(true)
    expect(b.store.get(geoShape('later').id)).toBeUndefined()
    frames.next()
    expect(b.store.get(geoShape('later').id)).toBeDefined()
  })

  it('closes without error while remote changes wait, the store then showing them', () => {
    const { a, b, frames } = writerAndFramedReader()
    const box = geoShape('box', { x: 3 })
    a.store.put([box])
    expect(() => b.unbind()).not.toThrow()
    expect(x(b.store, box.id)).toBe(3)
    expect(frames.waiting).toBe(0)
    // Later changes no longer reach the unbound store.
    a.store.update(box.id, (s) => ({ ...s, x: 4 }))
    frames.next()
    expect(x(b.store, box.id)).toBe(3)
  })

  it('applies remote changes in a tab whose frames never come (hidden), through the timer', async () => {
    vi.stubGlobal('document', { visibilityState: 'visible' })
    vi.stubGlobal('requestAnimationFrame', () => 1)
    vi.stubGlobal('cancelAnimationFrame', () => {})
    const a = bindPeer(new Y.Doc())
    const docB = new Y.Doc()
    cleanups.push(relay(a.doc, docB))
    const b = bindPeer(docB, undefined, { schedule: scheduleFrame })
    cleanups.push(a.unbind, b.unbind)

    a.store.put([geoShape('box', { x: 11 })])
    expect(b.store.get(geoShape('box').id)).toBeUndefined()
    await vi.waitFor(() => expect(x(b.store, geoShape('box').id)).toBe(11), { timeout: 5_000, interval: 10 })

    vi.stubGlobal('document', { visibilityState: 'hidden' })
    a.store.update(geoShape('box').id, (s) => ({ ...s, x: 12 }))
    await vi.waitFor(() => expect(x(b.store, geoShape('box').id)).toBe(12), { timeout: 5_000, interval: 10 })
  })
})
