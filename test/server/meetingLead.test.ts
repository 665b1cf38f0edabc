/**
 * The presenter's lead and the speaking queue (issue 18, points 4 and 5): who may take, move and
 * release the lead and run the queue, as raw HTTP would try it; the order of hands, one hand per
 * person, a hand that outlives its person's reconnect, a lead that lapses when its presenter's page
 * stops renewing it, and "everyone look here for 3 minutes" ending by itself.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LEAD_TTL_MS, MAX_RAISED_HANDS, type FacilitationState } from '../../src/shared/participation.js'
import { Facilitation } from '../../server/participation/Facilitation.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { openRoom, otherDevice, type Room } from './participationTestKit.js'
import { closeAllStreams, openEvents, type EventReader } from './workflowTestKit.js'

const VIEW = { x: 100, y: 50, width: 1600, height: 900 }

describe('the presenter’s lead and the speaking queue', () => {
  let server: TestServer
  let room: Room

  beforeEach(async () => {
    server = await startTestServer()
    room = await openRoom(server)
  })

  afterEach(async () => {
    closeAllStreams()
    vi.useRealTimers()
    await server.stop()
  })

  const nextOf = async (stream: EventReader, test: (s: FacilitationState) => boolean) => {
    for (;;) {
      const e = await stream.next('a facilitation event')
      if (e.event === 'facilitation' && test(e.data as unknown as FacilitationState)) return e.data as unknown as FacilitationState
    }
  }
  const facilitation = async () => (await room.call(room.resident, 'GET', '/facilitation')).body as unknown as FacilitationState

  it('lets only the facilitator take, move and release the lead; everyone’s stream gets it', async () => {
    const stream = await openEvents(server.url, room.project.projectId, room.resident.token)
    await stream.next('the first state')

    // A hostile link holder with raw HTTP: residents, experts and the committee cannot steer screens,
    // nor can the bare resident link; nothing changes for anyone.
    for (const who of [room.resident, room.expert, room.committee, room.resident.linkToken]) {
      expect(await room.call(who, 'PUT', '/facilitation/lead', { viewport: VIEW })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
      expect(await room.call(who, 'DELETE', '/facilitation/lead')).toMatchObject({ status: 403 })
    }
    expect((await facilitation()).lead).toBeNull()

    const taken = await room.call(room.organizer, 'PUT', '/facilitation/lead', { viewport: VIEW })
    expect(taken.status).toBe(200)
    const lead = (taken.body as unknown as FacilitationState).lead
    expect(lead).toMatchObject({ byName: '王老师', byParticipantId: room.organizer.participantId, view: VIEW, until: null })
    expect((await nextOf(stream, (s) => s.lead !== null)).lead?.id).toBe(lead?.id)

    // The presenter pans: the same lead, a new view, pushed.
    const moved = { x: -300, y: 20, width: 800, height: 450 }
    expect(await room.call(room.organizer, 'PUT', '/facilitation/lead', { viewport: moved, id: lead?.id })).toMatchObject({ status: 200 })
    expect((await nextOf(stream, (s) => s.lead?.view.x === -300)).lead).toMatchObject({ id: lead?.id, view: moved })

    // Bad views are refused with the field that is wrong, and change nothing.
    const bad: [unknown, string][] = [
      [{}, 'invalid_viewport'],
      [{ viewport: { ...VIEW, width: 0 } }, 'invalid_width'],
      [{ viewport: { ...VIEW, height: 'tall' } }, 'invalid_height'],
      [{ viewport: { ...VIEW, x: 1e12 } }, 'invalid_x'],
      [{ viewport: VIEW, id: '../x' }, 'invalid_id'],
      [{ viewport: VIEW, seconds: 0 }, 'invalid_seconds'],
    ]
    for (const [body, code] of bad) expect(await room.call(room.organizer, 'PUT', '/facilitation/lead', body)).toMatchObject({ status: 400, body: { code } })
    expect((await facilitation()).lead).toMatchObject({ id: lead?.id, view: moved })

    expect(await room.call(room.organizer, 'DELETE', '/facilitation/lead')).toMatchObject({ status: 200 })
    expect((await nextOf(stream, (s) => s.lead === null)).lead).toBeNull()
    // A move from the page that led before cannot bring the ended lead back.
    expect(await room.call(room.organizer, 'PUT', '/facilitation/lead', { viewport: VIEW, id: lead?.id })).toMatchObject({ status: 409, body: { code: 'lead_lost' } })
    expect((await facilitation()).lead).toBeNull()
  })

  it('hands another page the lead when it takes it; the old page’s moves are refused', async () => {
    const first = (await room.call(room.organizer, 'PUT', '/facilitation/lead', { viewport: VIEW })).body as unknown as FacilitationState
    const second = (await room.call(room.organizer, 'PUT', '/facilitation/lead', { viewport: { ...VIEW, x: 5 } })).body as unknown as FacilitationState
    expect(second.lead?.id).not.toBe(first.lead?.id)
    expect(await room.call(room.organizer, 'PUT', '/facilitation/lead', { viewport: VIEW, id: first.lead?.id })).toMatchObject({ status: 409, body: { code: 'lead_lost' } })
    expect((await facilitation()).lead).toMatchObject({ id: second.lead?.id, view: { x: 5 } })
  })

  it('lets a lead lapse when its presenter stops renewing it, and pushes that at once', () => {
    vi.useFakeTimers({ now: 1_000_000 })
    const f = new Facilitation()
    const pushed: string[] = []
    f.subscribe((id) => pushed.push(id))
    const by = { participantId: 'p-o', name: '王老师', role: 'organizer' as const }
    const lead = f.takeLead('p1', by, VIEW, null).lead
    expect(lead).not.toBeNull()
    // Renewed in time: it holds past the first TTL.
    vi.advanceTimersByTime(LEAD_TTL_MS - 1)
    if (lead) f.moveLead('p1', lead, VIEW)
    vi.advanceTimersByTime(LEAD_TTL_MS - 1)
    expect(f.state('p1').lead?.id).toBe(lead?.id)
    pushed.length = 0
    // Not renewed: gone, and every stream is told without anyone asking.
    vi.advanceTimersByTime(10)
    expect(f.state('p1').lead).toBeNull()
    expect(pushed).toEqual(['p1'])
    f.close()
  })

  it('ends a timed lead ("everyone look here for 3 minutes") with its timer, by itself or when the timer is stopped', async () => {
    const stream = await openEvents(server.url, room.project.projectId, room.expert.token)
    await stream.next('the first state')
    const timed = await room.call(room.organizer, 'PUT', '/facilitation/lead', { viewport: VIEW, seconds: 1, label: '看这里' })
    const state = timed.body as unknown as FacilitationState
    expect(state.lead?.until).toBe(state.timer?.endsAt)
    expect(state.timer).toMatchObject({ label: '看这里', byName: '王老师' })
    // No one does anything: the server ends it when the time is up and tells everyone.
    expect((await nextOf(stream, (s) => s.lead === null)).lead).toBeNull()

    // Stopping the timer early ends the timed lead too; an untimed lead outlives a stopped timer.
    await room.call(room.organizer, 'PUT', '/facilitation/lead', { viewport: VIEW, seconds: 180 })
    expect(((await room.call(room.organizer, 'DELETE', '/facilitation/timer')).body as unknown as FacilitationState).lead).toBeNull()
    await room.call(room.organizer, 'PUT', '/facilitation/lead', { viewport: VIEW })
    await room.call(room.organizer, 'PUT', '/facilitation/timer', { seconds: 60 })
    expect(((await room.call(room.organizer, 'DELETE', '/facilitation/timer')).body as unknown as FacilitationState).lead).not.toBeNull()
  })

  it('queues hands in order, one per person, and lets the organizer or the committee call the next', async () => {
    const stream = await openEvents(server.url, room.project.projectId, room.organizer.token)
    await stream.next('the first state')
    const neighbour = await room.join(room.resident.linkToken, '李大爷', 'resident')
    // Before the facilitator opens hands up, no hand goes up; only the organizer or committee opens it.
    expect(await room.call(room.resident, 'PUT', '/facilitation/hands/mine')).toMatchObject({ status: 409, body: { code: 'hands_closed' } })
    for (const who of [room.resident, room.expert, room.resident.linkToken]) expect(await room.call(who, 'PUT', '/facilitation/hands')).toMatchObject({ status: 403 })
    expect(await room.call(room.committee, 'PUT', '/facilitation/hands')).toMatchObject({ status: 200, body: { handsOpen: true } })

    expect(await room.call(room.resident, 'PUT', '/facilitation/hands/mine')).toMatchObject({ status: 200 })
    expect(await room.call(room.expert, 'PUT', '/facilitation/hands/mine')).toMatchObject({ status: 200 })
    // Raising again keeps her place (one hand per person), from any of her devices.
    expect(await room.call(room.resident, 'PUT', '/facilitation/hands/mine')).toMatchObject({ status: 200 })
    const phone2 = await otherDevice(room, room.resident)
    expect(await room.call(phone2, 'PUT', '/facilitation/hands/mine')).toMatchObject({ status: 200 })
    expect(await room.call(neighbour, 'PUT', '/facilitation/hands/mine')).toMatchObject({ status: 200 })
    const queued = await nextOf(stream, (s) => s.hands.length === 3)
    expect(queued.hands.map((h) => h.name)).toEqual(['王阿姨', '陈设计师', '李大爷'])
    expect(queued.hands[0]).toMatchObject({ participantId: room.resident.participantId, role: 'resident', at: expect.any(Number) })

    // Nobody but the organizer and the committee runs the queue.
    for (const who of [room.resident, room.expert, room.resident.linkToken]) {
      expect(await room.call(who, 'POST', '/facilitation/hands/next')).toMatchObject({ status: 403 })
      expect(await room.call(who, 'DELETE', '/facilitation/hands')).toMatchObject({ status: 403 })
    }
    // The organizer never raises a hand (they run the meeting); a bare link is nobody to call.
    expect(await room.call(room.organizer, 'PUT', '/facilitation/hands/mine')).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(await room.call(room.resident.linkToken, 'PUT', '/facilitation/hands/mine')).toMatchObject({ status: 403, body: { code: 'join_first' } })

    const called = (await room.call(room.organizer, 'POST', '/facilitation/hands/next')).body as unknown as FacilitationState
    expect(called.speaker).toMatchObject({ participantId: room.resident.participantId, name: '王阿姨', byName: '王老师' })
    expect(called.hands.map((h) => h.name)).toEqual(['陈设计师', '李大爷'])
    const next = (await room.call(room.committee, 'POST', '/facilitation/hands/next')).body as unknown as FacilitationState
    expect(next.speaker).toMatchObject({ name: '陈设计师', byName: '刘主任' })

    // He puts his hand down himself; the one speaking says she is done.
    expect(((await room.call(neighbour, 'DELETE', '/facilitation/hands/mine')).body as unknown as FacilitationState).hands).toEqual([])
    expect(((await room.call(room.expert, 'DELETE', '/facilitation/hands/mine')).body as unknown as FacilitationState).speaker).toBeNull()
    expect(await room.call(room.organizer, 'POST', '/facilitation/hands/next')).toMatchObject({ status: 409, body: { code: 'no_raised_hands' } })

    await room.call(room.resident, 'PUT', '/facilitation/hands/mine')
    await room.call(room.organizer, 'POST', '/facilitation/hands/next')
    await room.call(room.expert, 'PUT', '/facilitation/hands/mine')
    // Ending hands up clears the queue and the speaker, and closes it again.
    const cleared = (await room.call(room.committee, 'DELETE', '/facilitation/hands')).body as unknown as FacilitationState
    expect(cleared).toMatchObject({ handsOpen: false, hands: [], speaker: null })
    expect(await room.call(room.expert, 'PUT', '/facilitation/hands/mine')).toMatchObject({ status: 409, body: { code: 'hands_closed' } })
  })

  it('keeps a hand through its person’s reconnect, and bounds the queue', async () => {
    await room.call(room.organizer, 'PUT', '/facilitation/hands')
    expect(await room.call(room.resident, 'PUT', '/facilitation/hands/mine')).toMatchObject({ status: 200 })
    // Her phone's stream drops and comes back: her hand is still up, read afresh on the reopen.
    const first = await openEvents(server.url, room.project.projectId, room.resident.token)
    await first.next('the first state')
    first.close()
    await openEvents(server.url, room.project.projectId, room.resident.token)
    expect((await facilitation()).hands.map((h) => h.participantId)).toEqual([room.resident.participantId])

    // Filled to the bound directly (joining hundreds of people over HTTP would only be slow): one
    // more person is refused, one already waiting may still raise again and keeps her place.
    const f = new Facilitation()
    f.openHands('p')
    for (let i = 0; i < MAX_RAISED_HANDS; i++) expect(typeof f.raiseHand('p', { participantId: `x${i}`, name: `${i}`, role: 'resident' })).toBe('object')
    expect(f.raiseHand('p', { participantId: 'late', name: 'late', role: 'resident' })).toBe('full')
    const again = f.raiseHand('p', { participantId: 'x7', name: '7', role: 'resident' })
    expect(typeof again === 'object' && again.hands[7].participantId).toBe('x7')
    expect(f.state('p').hands).toHaveLength(MAX_RAISED_HANDS)
  })
})
