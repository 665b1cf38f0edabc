/**
 * Presence on the wire: what a moving cursor costs every phone on the board, and that a
 * peer gets back the cursor, view and selection it needs to draw it.
 */
import { describe, expect, it } from 'vitest'
import { InstancePresenceRecordType, createUserId, type TLInstancePresence } from 'tldraw'
import { packPresence, unpackPresence } from '../../src/sync/presenceWire'

function record(over: Partial<TLInstancePresence> = {}): TLInstancePresence {
  return InstancePresenceRecordType.create({
    id: InstancePresenceRecordType.createId('client-1'), userId: createUserId('device-abcdefgh1234'), userName: '王阿姨',
    color: '#1864ab', currentPageId: 'page:page' as TLInstancePresence['currentPageId'], lastActivityTimestamp: 1_733_460_000_000,
    camera: { x: -120.53125, y: -48.25, z: 1.2345678 }, screenBounds: { x: 0, y: 0, w: 390.4, h: 844 },
    cursor: { x: 412.3456789, y: 268.987654, type: 'default', rotation: 0 },
    ...over,
  })
}

describe('packed presence', () => {
  it('makes a cursor move a few dozen bytes instead of a whole tldraw record', () => {
    const whole = JSON.stringify(record())
    const packed = JSON.stringify(packPresence(record()))
    expect(whole.length).toBeGreaterThan(450)
    expect(packed.length).toBeLessThan(60)
  })

  it('gives a peer back the cursor, page, view and selection, rounded to what a screen shows', () => {
    const sent = record({ selectedShapeIds: ['shape:a' as never], chatMessage: '这里', brush: { x: 1.26, y: 2, w: 30, h: 40 } })
    const got = unpackPresence(JSON.parse(JSON.stringify(packPresence(sent))))!
    expect(got.cursor).toEqual({ x: 412.3, y: 269, type: 'default', rotation: 0 })
    expect(got.camera).toEqual({ x: -120.5, y: -48.2, z: 1.235 })
    expect(got.currentPageId).toBe('page:page')
    expect(got.screenBounds).toEqual({ x: 0, y: 0, w: 390, h: 844 })
    expect(got.selectedShapeIds).toEqual(['shape:a'])
    expect(got.chatMessage).toBe('这里')
    expect(got.brush).toEqual({ x: 1.3, y: 2, w: 30, h: 40 })
    const other = unpackPresence(packPresence(record({ currentPageId: 'page:two' as never, cursor: { x: 1, y: 2, type: 'grab', rotation: 0.5 } })))!
    expect(other.currentPageId).toBe('page:two')
    expect(other.cursor).toEqual({ x: 1, y: 2, type: 'grab', rotation: 0.5 })
  })

  it('reads nothing from a state it does not understand', () => {
    for (const bad of [null, 'x', [], [2, 1, 2], { cursor: 1 }, [1, 'a']]) expect(unpackPresence(bad)).toBeNull()
  })
})
