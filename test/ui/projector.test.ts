import { describe, expect, it } from 'vitest'
import { cameraToFit, focusIsLive, indexOfFocus, projectorItems } from '../../src/participation/negotiate/projectorItems'
import { FOCUS_RENEW_MS, FOCUS_TTL_MS, type DesignOption, type Need, type ParticipationState } from '../../src/shared/participation'

const actor = { participantId: 'p', name: '王老师', role: 'organizer' as const }
const need = (id: string, support: number, createdAt: number, mergedInto: string | null = null): Need => ({
  id, x: 0, y: 0, categoryId: 'seating', text: id, photoSrc: null, source: 'board', raisedBy: 0, author: actor, stage: 'needs',
  createdAt, updatedAt: createdAt, ticks: support, support, tickedByMe: false, mine: false, mergedInto, mergedFrom: [], addressedBy: [],
})
const option = (id: string): DesignOption => ({
  id, title: id, description: '', frameShapeId: null, addressedNeedIds: [], author: actor, createdAt: 1, updatedAt: 1,
})
const state = (needs: Need[], options: DesignOption[]) => ({ needs, options }) as unknown as ParticipationState

describe('what the projector steps through', () => {
  it('shows the options once there are any, in their order', () => {
    const items = projectorItems(state([need('n1', 5, 1)], [option('a'), option('b')]))
    expect(items.map((i) => [i.kind, i.id])).toEqual([['option', 'a'], ['option', 'b']])
  })

  it('before that, the needs on the plan, most supported first (older first on a tie), merged ones left out', () => {
    const items = projectorItems(state([need('n1', 2, 1), need('n2', 7, 2), need('n3', 2, 0), need('n4', 9, 3, 'n2')], []))
    expect(items.map((i) => i.id)).toEqual(['n2', 'n3', 'n1'])
  })

  it('leaves off the needs added during 各自先想 (needs) until the reveal, even on a screen that sees them', () => {
    const period = { id: 'p', scope: 'needs' as const, leadersSee: 'content' as const, startedAt: 10, startedBy: '王老师', items: 1, mine: 0, hidden: 0 }
    const during = { ...state([need('old', 1, 5), need('new', 9, 10)], []), privatePeriod: period }
    expect(projectorItems(during).map((i) => i.id)).toEqual(['old'])
    expect(projectorItems({ ...during, privatePeriod: { ...period, scope: 'comments' } }).map((i) => i.id)).toEqual(['new', 'old'])
    expect(projectorItems({ ...during, privatePeriod: null }).map((i) => i.id)).toEqual(['new', 'old'])
  })

  it('starts where the room already looks, if that is among them', () => {
    const items = projectorItems(state([], [option('a'), option('b')]))
    expect(indexOfFocus(items, { kind: 'option', id: 'b', byName: 'x', at: 1 })).toBe(1)
    expect(indexOfFocus(items, { kind: 'need', id: 'b', byName: 'x', at: 1 })).toBe(-1)
    expect(indexOfFocus(items, null)).toBe(-1)
  })
})

describe('the camera that puts an option in the free part of the screen', () => {
  // The camera shows page point p at viewport point (p + camera) × z.
  const toScreen = (cam: { x: number; y: number; z: number }, p: { x: number; y: number }) => ({ x: (p.x + cam.x) * cam.z, y: (p.y + cam.y) * cam.z })

  it('fits the frame inside the area, centred, with the padding kept', () => {
    const frame = { x: 2000, y: 100, w: 1600, h: 1000 }
    const area = { x: 880, y: 0, w: 1040, h: 1080 }
    const cam = cameraToFit(frame, area, 32, { min: 0.1, max: 8 })
    expect(cam.z).toBeCloseTo((1040 - 64) / 1600)
    const tl = toScreen(cam, { x: frame.x, y: frame.y })
    const br = toScreen(cam, { x: frame.x + frame.w, y: frame.y + frame.h })
    expect(tl.x).toBeCloseTo(880 + 32)
    expect(br.x).toBeCloseTo(1920 - 32)
    expect((tl.y + br.y) / 2).toBeCloseTo(540)
  })

  it('keeps the zoom within the editor\'s range', () => {
    expect(cameraToFit({ x: 0, y: 0, w: 2, h: 2 }, { x: 0, y: 0, w: 1000, h: 1000 }, 0, { min: 0.1, max: 8 }).z).toBe(8)
    expect(cameraToFit({ x: 0, y: 0, w: 1e6, h: 1e6 }, { x: 0, y: 0, w: 1000, h: 1000 }, 0, { min: 0.1, max: 8 }).z).toBe(0.1)
  })
})

describe('following a projector that may have gone', () => {
  it('follows a focus renewed within the time to live, on the server\'s clock', () => {
    expect(FOCUS_RENEW_MS * 2).toBeLessThan(FOCUS_TTL_MS)
    const focus = { at: 100_000 }
    expect(focusIsLive(focus, 100_000 + FOCUS_TTL_MS, 0)).toBe(true)
    expect(focusIsLive(focus, 100_001 + FOCUS_TTL_MS, 0)).toBe(false)
    // A phone whose clock is 10 minutes slow still sees it as fresh.
    expect(focusIsLive(focus, 100_000 - 600_000, 600_000)).toBe(true)
    expect(focusIsLive(null, 0, 0)).toBe(false)
  })
})

describe('projector items and moderation', () => {
  it('never puts a hidden need on the projector, though the organizer has it', () => {
    const hidden = { ...need('h', 9, 1), hidden: { reason: 'personal' as const, note: '', by: actor, at: 2 } }
    expect(projectorItems(state([need('a', 1, 1), hidden], [])).map((i) => i.id)).toEqual(['a'])
  })
})
