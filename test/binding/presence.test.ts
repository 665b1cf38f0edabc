/** Cursors and names over Yjs awareness, as tldraw's cursors, people menu and follow read them. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import {
  atom,
  createUserId,
  InstancePresenceRecordType,
  type TLInstancePresence,
  type TLPageId,
  type TLRecord,
  type TLStore,
} from 'tldraw'
import { bindPresence, type Scheduler } from '../../src/sync/bindPresence'
import type { LocalUser } from '../../src/sync/types'
import { bindPeer } from './harness'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
  vi.restoreAllMocks()
})

const RELAY = 'relay'
const immediately: Scheduler = (fn) => {
  fn()
  return () => {}
}

function newAwareness(): Awareness {
  const awareness = new Awareness(new Y.Doc())
  cleanups.push(() => awareness.destroy())
  return awareness
}

/** Relay awareness updates both ways, as the server does. */
function relayAwareness(a: Awareness, b: Awareness) {
  const forward = (from: Awareness, to: Awareness) => {
    const handler = ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      if (origin === RELAY) return
      applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...added, ...updated, ...removed]), RELAY)
    }
    from.on('update', handler)
    cleanups.push(() => from.off('update', handler))
  }
  applyAwarenessUpdate(b, encodeAwarenessUpdate(a, [a.clientID]), RELAY)
  applyAwarenessUpdate(a, encodeAwarenessUpdate(b, [b.clientID]), RELAY)
  forward(a, b)
  forward(b, a)
}

function participant(user: LocalUser): { store: TLStore; awareness: Awareness; unbind: () => void } {
  const peer = bindPeer(new Y.Doc())
  const awareness = newAwareness()
  const unbind = bindPresence(peer.store, awareness, atom('user', user), immediately)
  cleanups.push(peer.unbind)
  return { store: peer.store, awareness, unbind }
}

const presences = (store: TLStore) => store.query.records('instance_presence').get()

describe('presence', () => {
  it("shows each participant's named, coloured cursor to the other and removes it when they leave", () => {
    const wang = participant({ id: 'wang', name: '王老师', color: '#e03131' })
    const li = participant({ id: 'li', name: '李阿姨', color: '#1971c2' })
    cleanups.push(wang.unbind)
    relayAwareness(wang.awareness, li.awareness)

    expect(presences(wang.store)).toHaveLength(1)
    expect(presences(li.store)).toEqual([
      expect.objectContaining({ userId: 'user:wang', userName: '王老师', color: '#e03131' }),
    ])

    wang.store.update('pointer:pointer' as TLRecord['id'], (p) => ({ ...p, x: 320, y: 240 }))
    expect(presences(li.store)[0].cursor).toMatchObject({ x: 320, y: 240 })

    // Leaving (the hook unbinds on unmount) removes Li's presence for Wang at once.
    li.unbind()
    expect(presences(wang.store)).toEqual([])
  })

  it('removes the record when an awareness state disappears (connection closed, timed out)', () => {
    const me = participant({ id: 'me', name: 'Me', color: '#000000' })
    cleanups.push(me.unbind)
    const other = newAwareness()
    other.setLocalState({
      user: { id: 'zhao', name: '赵主任', color: '#2f9e44' },
      presence: InstancePresenceRecordType.create({
        id: InstancePresenceRecordType.createId('anything'),
        userId: createUserId('zhao'),
        userName: '赵主任',
        color: '#2f9e44',
        currentPageId: 'page:page' as TLPageId,
      }),
    })
    relayAwareness(other, me.awareness)
    expect(presences(me.store).map((p) => p.userName)).toEqual(['赵主任'])

    removeAwarenessStates(me.awareness, [other.clientID], 'connection closed')
    expect(presences(me.store)).toEqual([])
  })

  it('ignores awareness states that are not presence, without stopping the others', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const me = participant({ id: 'me', name: 'Me', color: '#000000' })
    cleanups.push(me.unbind)
    const garbage = newAwareness()
    garbage.setLocalState({ user: 'nobody', presence: { typeName: 'instance_presence', cursor: 'here' } })
    const empty = newAwareness()
    empty.setLocalState({ hello: 1 })
    const real = participant({ id: 'real', name: '真的', color: '#f08c00' })
    cleanups.push(real.unbind)

    relayAwareness(garbage, me.awareness)
    relayAwareness(empty, me.awareness)
    relayAwareness(real.awareness, me.awareness)

    expect(presences(me.store).map((p: TLInstancePresence) => p.userName)).toEqual(['真的'])
  })
})
