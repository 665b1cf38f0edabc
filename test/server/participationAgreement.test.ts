import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { connectClient, destroyAllClients, storedDoc, synced, waitFor } from './syncTestKit.js'
import { addOption, openRoom, type Room } from './participationTestKit.js'
import { api } from './workflowTestKit.js'

describe('approvals, agreement and reopening', () => {
  let server: TestServer
  let room: Room
  let a: string
  let b: string

  beforeEach(async () => {
    server = await startTestServer()
    room = await openRoom(server)
    await room.moveTo('siteVisit')
    a = await addOption(room, '方案 A')
    b = await addOption(room, '方案 B')
    await room.moveTo('negotiate')
  })

  afterEach(async () => {
    destroyAllClients()
    await server.stop()
  })

  it('moves to Agreed once the quorum of committee members approved the option, and the board turns read-only for all but the organizer', async () => {
    const second = await room.join(room.committee.linkToken, '张委员', 'committee')
    expect((await room.call(room.organizer, 'PUT', '/quorum', { approvals: 2 })).status).toBe(200)
    expect(await room.call(room.resident, 'POST', '/approvals', { optionId: a })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(await room.call(room.committee.linkToken, 'POST', '/approvals', { optionId: a })).toMatchObject({ status: 403, body: { code: 'join_first' } })
    expect((await room.call(room.committee, 'POST', '/approvals', { optionId: b })).status).toBe(200)
    // One approval per member: approving another option moves it.
    expect((await room.call(room.committee, 'POST', '/approvals', { optionId: a })).status).toBe(200)
    expect((await room.state(room.resident)).approvals).toEqual([
      { optionId: a, participantId: room.committee.participantId, name: '刘主任', at: expect.any(Number) },
    ])
    expect(await room.call(room.organizer, 'POST', '/agreement', { optionId: a }))
      .toMatchObject({ status: 409, body: { code: 'quorum_not_reached', error: expect.stringMatching(/1 of the 2/) } })
    expect(await room.call(room.committee, 'POST', '/agreement', { optionId: a })).toMatchObject({ status: 403 })
    expect((await room.call(second, 'POST', '/approvals', { optionId: a })).status).toBe(200)

    const expert = connectClient(server.syncUrl, room.project.projectId, { token: room.expert.token })
    const organizer = connectClient(server.syncUrl, room.project.projectId, { token: room.organizer.token })
    await Promise.all([synced(expert), synced(organizer)])

    const confirmed = await room.call(room.organizer, 'POST', '/agreement', { optionId: a })
    expect(confirmed.status).toBe(200)
    const project = await room.call(room.resident, 'GET', '')
    expect(project.body).toMatchObject({ stage: 'agreed' })
    const move = (project.body.moves as { id: string; to: string; byName: string }[]).at(-1)!
    expect(move).toMatchObject({ id: confirmed.body.id, to: 'agreed', byName: '王老师' })
    const state = await room.state(room.resident)
    expect(state.agreements).toEqual([{
      id: expect.any(String), optionId: a, quorum: 2, byName: '王老师', at: expect.any(Number), moveId: move.id,
      approvals: [
        { optionId: a, participantId: room.committee.participantId, name: '刘主任', at: expect.any(Number) },
        { optionId: a, participantId: second.participantId, name: '张委员', at: expect.any(Number) },
      ],
    }])
    expect(state.approvals).toEqual([])
    // The agreed stage's snapshot exists, and the board is read-only for everyone but the organizer.
    const snapshot = await fetch(`${server.url}${room.base}/moves/${move.id}/snapshot`, { headers: { Authorization: `Bearer ${room.resident.token}` } })
    expect(snapshot.status).toBe(200)
    await snapshot.arrayBuffer()
    expert.map.set('late change', 'by the expert')
    // The marker is handled after the expert's edit (same connection, in order): once the organizer
    // sees it, the server has dealt with the edit.
    expert.provider.awareness.setLocalStateField('marker', 'after the edit')
    await waitFor(() => [...organizer.provider.awareness.getStates().values()].some((s) => s.marker === 'after the edit'), 'marker')
    organizer.map.set('organizer note', 'final')
    await waitFor(() => expert.map.get('organizer note') === 'final', "the organizer's edit still relayed")
    await waitFor(async () => (await storedDoc(server.running.storage, room.project.projectId)).doc.getMap('test').get('organizer note') === 'final', 'stored')
    expect(organizer.map.get('late change')).toBeUndefined()
    expect((await storedDoc(server.running.storage, room.project.projectId)).doc.getMap('test').get('late change')).toBeUndefined()
    // Nothing more to approve once agreed.
    expect(await room.call(second, 'POST', '/approvals', { optionId: b })).toMatchObject({ status: 403, body: { code: 'wrong_stage' } })
  })

  it('needs a quorum set first, and an option of this project', async () => {
    expect(await room.call(room.organizer, 'POST', '/agreement', { optionId: a })).toMatchObject({ status: 409, body: { code: 'quorum_not_set' } })
    expect(await room.call(room.organizer, 'PUT', '/quorum', { approvals: 0 })).toMatchObject({ status: 400, body: { code: 'invalid_approvals' } })
    expect(await room.call(room.committee, 'PUT', '/quorum', { approvals: 1 })).toMatchObject({ status: 403 })
    expect((await room.call(room.organizer, 'PUT', '/quorum', { approvals: 1 })).status).toBe(200)
    expect(await room.call(room.organizer, 'POST', '/agreement', { optionId: 'AAAAAAAAAAAAAAAAAAAAAA' })).toMatchObject({ status: 400, body: { code: 'invalid_optionId' } })
    expect((await room.state(room.resident)).quorum).toBe(1)
    expect((await room.call(room.resident, 'GET', '')).body).toMatchObject({ stage: 'negotiate' })
  })

  it('reopens an agreed project only with a reason, records it, and starts a fresh round of approvals', async () => {
    await room.call(room.organizer, 'PUT', '/quorum', { approvals: 1 })
    await room.call(room.committee, 'POST', '/approvals', { optionId: b })
    expect((await room.call(room.organizer, 'POST', '/agreement', { optionId: b })).status).toBe(200)

    expect(await room.call(room.organizer, 'POST', '/agreement/reopen', {})).toMatchObject({ status: 400, body: { code: 'invalid_reason' } })
    expect(await room.call(room.committee, 'POST', '/agreement/reopen', { reason: '再想想' })).toMatchObject({ status: 403 })
    const reopened = await room.call(room.organizer, 'POST', '/agreement/reopen', { reason: '居民担心噪音，平台下沉口东移一个路口' })
    expect(reopened.status).toBe(200)
    expect((await room.call(room.resident, 'GET', '')).body).toMatchObject({ stage: 'negotiate' })
    const state = await room.state(room.resident)
    expect(state.reopens).toEqual([{ id: expect.any(String), reason: '居民担心噪音，平台下沉口东移一个路口', byName: '王老师', at: expect.any(Number), moveId: reopened.body.id }])
    expect(state.agreements).toMatchObject([{ optionId: b }])
    expect(state.approvals).toEqual([])
    expect(await room.call(room.organizer, 'POST', '/agreement/reopen', { reason: '再来' })).toMatchObject({ status: 409, body: { code: 'stage_conflict' } })

    // The plain stage move is recorded too: an agreement without a confirmed option, a reopening with its reason.
    expect((await api(server.url, 'POST', `${room.base}/stage`, { token: room.organizer.token, body: { from: 'negotiate', to: 'agreed' } })).status).toBe(200)
    expect(await api(server.url, 'POST', `${room.base}/stage`, { token: room.organizer.token, body: { from: 'agreed', to: 'negotiate' } }))
      .toMatchObject({ status: 400, body: { code: 'invalid_reason' } })
    expect((await api(server.url, 'POST', `${room.base}/stage`, { token: room.organizer.token, body: { from: 'agreed', to: 'negotiate', reason: '补充无障碍坡道' } })).status).toBe(200)
    const after = await room.state(room.resident)
    expect(after.agreements.map((x) => x.optionId)).toEqual([b, null])
    expect(after.reopens.map((x) => x.reason)).toEqual(['居民担心噪音，平台下沉口东移一个路口', '补充无障碍坡道'])
  })
})
