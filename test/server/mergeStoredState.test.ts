/**
 * mergeStoredState (server/storage/mergeStoredState.ts), what a shared database's compaction
 * writes: the instance's state plus whatever the stored pieces hold that it lacks. Checked against
 * Yjs itself: the merged update must give the same document as applying every piece to one doc,
 * with edits, deletions and array changes made on several docs that see each other only in part.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { mergeStoredState } from '../../server/storage/mergeStoredState.js'
import { prng } from './syncTestKit.js'

function content(update: Uint8Array): unknown {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return { m: doc.getMap('m').toJSON(), a: doc.getArray('a').toJSON() }
}

describe('mergeStoredState', () => {
  it('gives back the state itself, byte for byte, when it holds every stored piece', () => {
    const doc = new Y.Doc()
    const pieces: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => pieces.push(u))
    for (let i = 0; i < 20; i++) doc.getMap('m').set(`k${i % 5}`, i)
    doc.getMap('m').delete('k1')
    const state = Y.encodeStateAsUpdate(doc)
    expect(mergeStoredState(state, pieces)).toBe(state)
    expect(mergeStoredState(state, [])).toBe(state)
  })

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`equals applying everything, for edits and deletions on three docs that see each other in part (seed ${seed})`, () => {
      const random = prng(seed)
      const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
      const stored: Uint8Array[] = []
      const all = new Y.Doc()
      for (const d of docs) d.on('update', (u: Uint8Array, origin: unknown) => {
        if (origin === 'relay') return
        stored.push(u)
        Y.applyUpdate(all, u)
      })
      for (let step = 0; step < 300; step++) {
        const d = docs[Math.floor(random() * docs.length)]
        const r = random()
        const key = `k${Math.floor(random() * 12)}`
        if (r < 0.4) d.getMap('m').set(key, step)
        else if (r < 0.55) d.getMap('m').delete(key)
        else if (r < 0.8) d.getArray('a').insert(Math.floor(random() * (d.getArray('a').length + 1)), [step])
        else if (d.getArray('a').length > 0) d.getArray('a').delete(Math.floor(random() * d.getArray('a').length), 1)
        // Now and then a doc receives another's edits (the relay), never all of them.
        if (random() < 0.1) {
          const from = docs[Math.floor(random() * docs.length)]
          Y.applyUpdate(d, Y.encodeStateAsUpdate(from, Y.encodeStateVector(d)), 'relay')
        }
      }
      const expected = content(Y.encodeStateAsUpdate(all))
      for (const d of docs) {
        const merged = mergeStoredState(Y.encodeStateAsUpdate(d), stored)
        expect(content(merged)).toEqual(expected)
        // And merging again, as the next compaction would with the snapshot among the pieces.
        expect(content(mergeStoredState(Y.encodeStateAsUpdate(d), [merged, ...stored.slice(-10)]))).toEqual(expected)
      }
    })
  }
})
