import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FacilitationState, ParticipationState } from '../../src/shared/participation.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { addNeed, openRoom, type Room } from './participationTestKit.js'
import { closeAllStreams, openEvents, type EventReader } from './workflowTestKit.js'

describe('participation pushed live on the event stream', () => {
  let server: TestServer
  let room: Room

  beforeEach(async () => {
    server = await startTestServer()
    room = await openRoom(server)
  })

  afterEach(async () => {
    closeAllStreams()
    await server.stop()
  })

  const nextOf = async (stream: EventReader, event: string) => {
    for (;;) {
      const e = await stream.next(`a ${event} event`)
      if (e.event === event) return e.data
    }
  }

  it("sends each open stream its own viewer's participation state after every change", async () => {
    await room.moveTo('needs')
    const residentStream = await openEvents(server.url, room.project.projectId, room.resident.token)
    const committeeStream = await openEvents(server.url, room.project.projectId, room.committee.token)
    const bareStream = await openEvents(server.url, room.project.projectId, room.resident.linkToken)
    for (const s of [residentStream, committeeStream, bareStream]) await s.next('the first state')

    const id = await addNeed(room, room.committee, '需要更多垃圾桶')
    const first = await nextOf(residentStream, 'participation') as unknown as ParticipationState
    expect(first.needs).toMatchObject([{ id, text: '需要更多垃圾桶', ticks: 1, tickedByMe: false }])
    expect(first.revision).toBeGreaterThan(0)

    expect((await room.call(room.resident, 'POST', `/needs/${id}/tick`)).status).toBe(200)
    let mine = await nextOf(residentStream, 'participation') as unknown as ParticipationState
    while (mine.needs[0].ticks < 2) mine = await nextOf(residentStream, 'participation') as unknown as ParticipationState
    expect(mine.needs[0]).toMatchObject({ ticks: 2, tickedByMe: true })
    expect(mine.revision).toBeGreaterThan(first.revision)

    let theirs = await nextOf(committeeStream, 'participation') as unknown as ParticipationState
    while (theirs.needs[0].ticks < 2) theirs = await nextOf(committeeStream, 'participation') as unknown as ParticipationState
    expect(theirs.needs[0]).toMatchObject({ ticks: 2, tickedByMe: true, mine: true })

    let bare = await nextOf(bareStream, 'participation') as unknown as ParticipationState
    while (bare.needs[0].ticks < 2) bare = await nextOf(bareStream, 'participation') as unknown as ParticipationState
    expect(bare.needs[0]).toMatchObject({ ticks: 2, tickedByMe: false, mine: false })

    // The GET answers the same state as the stream (the client reads it whenever its stream opens).
    expect(await room.state(room.resident)).toEqual(mine)
  })

  it('pushes the meeting controls to everyone: gather and the countdown timer', async () => {
    const stream = await openEvents(server.url, room.project.projectId, room.resident.token)
    await stream.next('the first state')
    expect(await room.call(room.resident, 'POST', '/facilitation/gather', { viewport: { x: 1, y: 2, z: 1 } })).toMatchObject({ status: 403 })
    expect(await room.call(room.organizer, 'POST', '/facilitation/gather', { viewport: { x: 1, y: 2, z: 0 } })).toMatchObject({ status: 400, body: { code: 'invalid_z' } })

    const gathered = await room.call(room.organizer, 'POST', '/facilitation/gather', { viewport: { x: -120, y: 40.5, z: 1.5 } })
    expect(gathered.status).toBe(200)
    const pushed = await nextOf(stream, 'facilitation') as unknown as FacilitationState
    expect(pushed.gather).toEqual({ id: expect.any(String), byName: '王老师', viewport: { x: -120, y: 40.5, z: 1.5 }, at: expect.any(Number) })

    expect((await room.call(room.organizer, 'PUT', '/facilitation/timer', { seconds: 300, label: '讨论方案 A' })).status).toBe(200)
    const timed = await nextOf(stream, 'facilitation') as unknown as FacilitationState
    expect(timed.timer).toMatchObject({ label: '讨论方案 A', byName: '王老师' })
    expect(timed.timer!.endsAt - timed.timer!.startedAt).toBe(300_000)
    expect(timed.gather?.id).toBe(pushed.gather!.id)
    expect(await room.call(room.organizer, 'PUT', '/facilitation/timer', { seconds: 0 })).toMatchObject({ status: 400, body: { code: 'invalid_seconds' } })

    expect((await room.call(room.organizer, 'DELETE', '/facilitation/timer')).status).toBe(200)
    expect((await nextOf(stream, 'facilitation') as unknown as FacilitationState).timer).toBeNull()
    expect((await room.call(room.resident, 'GET', '/facilitation')).body).toMatchObject({ timer: null, gather: { id: pushed.gather!.id } })
  })

  it('makes the dashboard count needs, comments and votes under the stage they were made in', async () => {
    await room.moveTo('needs')
    const need = await addNeed(room, room.resident, '座椅')
    await addNeed(room, room.committee, '路灯')
    const thread = await room.call(room.resident, 'POST', '/comments', { target: { kind: 'need', id: need }, text: '同意' })
    expect(thread.status).toBe(201)
    await room.moveTo('siteVisit')
    expect((await room.call(room.expert, 'POST', `/comments/${thread.body.id as string}/replies`, { text: '会考虑' })).status).toBe(201)
    // Refused actions count nothing.
    await room.call(room.resident, 'POST', '/needs', { x: 0, y: 0, categoryId: 'seating', text: 'x' })
    const res = await room.call(room.organizer, 'GET', '/dashboard')
    expect(res.body.countsByStage).toMatchObject({
      organize: { needs: 0, comments: 0, votes: 0 },
      needs: { needs: 2, comments: 1, votes: 0 },
      siteVisit: { needs: 0, comments: 1, votes: 0 },
    })
  })
})
