/**
 * The projector's focus: what the facilitator's projector shows is pushed to
 * everyone, and only a facilitator may set it — a follower's screen goes wherever it points.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FOCUS_TTL_MS, type FacilitationState } from '../../src/shared/participation.js'
import { Facilitation } from '../../server/participation/Facilitation.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { addNeed, addOption, openRoom, type Room } from './participationTestKit.js'
import { closeAllStreams, openEvents, type EventReader } from './workflowTestKit.js'

describe('the projector focus', () => {
  let server: TestServer
  let room: Room
  let other: Room

  beforeEach(async () => {
    server = await startTestServer()
    room = await openRoom(server)
    other = await openRoom(server)
  })

  afterEach(async () => {
    closeAllStreams()
    await server.stop()
  })

  const nextOf = async (stream: EventReader, event: string) => {
    for (;;) {
      const e = await stream.next(`a ${event} event`)
      if (e.event === event) return e.data as unknown as FacilitationState
    }
  }

  it('is pushed to everyone when the organizer sets it, and cleared when the projector closes', async () => {
    await room.moveTo('siteVisit')
    const a = await addOption(room, '方案 A')
    const stream = await openEvents(server.url, room.project.projectId, room.resident.token)
    await stream.next('the first state')

    expect((await room.call(room.organizer, 'PUT', '/facilitation/focus', { kind: 'option', id: a })).status).toBe(200)
    const pushed = await nextOf(stream, 'facilitation')
    expect(pushed.focus).toEqual({ kind: 'option', id: a, byName: '王老师', at: expect.any(Number) })
    expect((await room.call(room.resident, 'GET', '/facilitation')).body).toMatchObject({ focus: { kind: 'option', id: a } })

    expect((await room.call(room.organizer, 'DELETE', '/facilitation/focus')).status).toBe(200)
    expect((await nextOf(stream, 'facilitation')).focus).toBeNull()
  })

  it('stops reporting a focus its projector no longer renews (a closed lid, a lost network)', () => {
    const f = new Facilitation()
    f.setFocus('p1', '王老师', 'option', 'a', 1_000)
    expect(f.state('p1', 1_000 + FOCUS_TTL_MS).focus).toMatchObject({ id: 'a', at: 1_000 })
    expect(f.state('p1', 1_001 + FOCUS_TTL_MS).focus).toBeNull()
    // Renewed (the projector sets it again): reported again, from the renewal on.
    f.setFocus('p1', '王老师', 'option', 'a', 2_000 + FOCUS_TTL_MS)
    expect(f.state('p1', 2_000 + 2 * FOCUS_TTL_MS).focus).toMatchObject({ id: 'a' })
    expect(f.state('p2', 2_000).focus).toBeNull()
  })

  it('refuses anyone who may not facilitate (403), and ids that are not a live option or need of this project', async () => {
    await room.moveTo('needs')
    const need = await addNeed(room, room.resident, '需要路灯')
    await room.moveTo('siteVisit')
    const a = await addOption(room, '方案 A')
    await other.moveTo('siteVisit')
    const foreign = await addOption(other, '别的项目的方案')

    // A resident, the expert (who drew the option) and the committee may not steer everyone's screen.
    for (const who of [room.resident, room.expert, room.committee]) {
      expect(await room.call(who, 'PUT', '/facilitation/focus', { kind: 'option', id: a })).toMatchObject({ status: 403 })
      expect(await room.call(who, 'DELETE', '/facilitation/focus')).toMatchObject({ status: 403 })
    }
    // A bare role link without a participant is refused too (the resident link is not a facilitator's).
    expect(await room.call(room.resident.linkToken, 'PUT', '/facilitation/focus', { kind: 'option', id: a })).toMatchObject({ status: 403 })

    const bad = [
      [{ kind: 'option', id: foreign }, 404, 'option_not_found'],
      [{ kind: 'need', id: a }, 404, 'need_not_found'],
      [{ kind: 'option', id: need }, 404, 'option_not_found'],
      [{ kind: 'shape', id: a }, 400, 'invalid_kind'],
      [{ kind: 'option', id: '../x' }, 400, 'invalid_id'],
      [{ kind: 'option' }, 400, 'invalid_id'],
    ] as const
    for (const [body, status, code] of bad) {
      expect(await room.call(room.organizer, 'PUT', '/facilitation/focus', body), JSON.stringify(body)).toMatchObject({ status, body: { code } })
    }
    // Nothing refused changed the focus.
    expect((await room.call(room.organizer, 'GET', '/facilitation')).body).toMatchObject({ focus: null })

    expect((await room.call(room.organizer, 'PUT', '/facilitation/focus', { kind: 'need', id: need })).status).toBe(200)
    // A merged need is history, not something to discuss.
    const second = await addNeed(room, room.committee, '需要更多路灯')
    expect((await room.call(room.committee, 'POST', `/needs/${second}/merge`, { needIds: [need] })).status).toBe(200)
    expect(await room.call(room.organizer, 'PUT', '/facilitation/focus', { kind: 'need', id: need })).toMatchObject({ status: 404, body: { code: 'need_not_found' } })
  })
})
