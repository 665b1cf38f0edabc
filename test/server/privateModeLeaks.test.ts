/**
 * Private mode (各自先想), attacked from the side: the paths around the view that could still tell
 * someone about a need they may not see yet — a comment thread on it, the projector's focus, a merge
 * that moves its ticks, an action by its id — two organizers starting at once, and a restart.
 */
import http from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ParticipationState } from '../../src/shared/participation.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { addNeed, addOption, openRoom, type Person, type Room } from './participationTestKit.js'

const texts = (s: ParticipationState) => s.needs.map((n) => n.text).sort()

describe('private mode (各自先想): side paths', () => {
  let server: TestServer
  let room: Room
  let neighbour: Person

  beforeEach(async () => {
    server = await startTestServer()
    room = await openRoom(server)
    neighbour = await room.join(room.resident.linkToken, '李大爷', 'resident')
    await room.moveTo('needs')
  })

  afterEach(async () => {
    await server.stop()
  })

  const start = (leadersSee: 'content' | 'counts') => room.call(room.organizer, 'POST', '/private', { leadersSee })

  it('withholds a comment thread on a need with the need, and refuses threads and replies by a hidden id', async () => {
    expect((await start('content')).status).toBe(200)
    const lamp = await addNeed(room, room.resident, '晚上太黑，想装路灯')
    // The organizer sees it (content) and comments on it; the author comments on her own.
    const organizers = await room.call(room.organizer, 'POST', '/comments', { target: { kind: 'need', id: lamp }, text: '路灯这条我记下了' })
    expect(organizers.status).toBe(201)
    expect((await room.call(room.resident, 'POST', '/comments', { target: { kind: 'need', id: lamp }, text: '三号楼门口最黑' })).status).toBe(201)

    const seen = await room.state(neighbour)
    expect(seen.threads).toEqual([])
    const raw = JSON.stringify(seen)
    for (const leak of [lamp, '路灯', '三号楼']) expect(raw).not.toContain(leak)
    // Known ids (a screenshot, a shared link) do not open it either: answered as if it did not exist.
    expect(await room.call(neighbour, 'POST', '/comments', { target: { kind: 'need', id: lamp }, text: '我也觉得' }))
      .toMatchObject({ status: 400, body: { code: 'invalid_target' } })
    expect(await room.call(neighbour, 'POST', `/comments/${organizers.body.id as string}/replies`, { text: '是哪条？' }))
      .toMatchObject({ status: 404, body: { code: 'thread_not_found' } })
    expect(await room.call(neighbour, 'PUT', `/comments/${organizers.body.id as string}/resolved`, { resolved: true }))
      .toMatchObject({ status: 404, body: { code: 'thread_not_found' } })
    // The author and the leaders who see content see both threads.
    expect((await room.state(room.resident)).threads).toHaveLength(2)
    expect((await room.state(room.committee)).threads).toHaveLength(2)

    expect((await room.call(room.organizer, 'POST', '/private/reveal')).status).toBe(200)
    expect((await room.state(neighbour)).threads.flatMap((t) => t.comments.map((c) => c.text)).sort()).toEqual(['三号楼门口最黑', '路灯这条我记下了'].sort())
  })

  it('keeps a thread on a withheld need withheld after its author deletes the need', async () => {
    expect((await start('counts')).status).toBe(200)
    const lamp = await addNeed(room, room.resident, '晚上太黑，想装路灯')
    expect((await room.call(room.resident, 'POST', '/comments', { target: { kind: 'need', id: lamp }, text: '三号楼门口最黑' })).status).toBe(201)
    expect((await room.call(room.resident, 'DELETE', `/needs/${lamp}`)).status).toBe(200)
    for (const who of [neighbour, room.organizer, room.resident.linkToken]) {
      const raw = JSON.stringify(await room.state(who))
      for (const leak of [lamp, '三号楼']) expect(raw).not.toContain(leak)
    }
  })

  it('answers an action on a need the caller cannot see as if the need did not exist', async () => {
    expect((await start('counts')).status).toBe(200)
    const lamp = await addNeed(room, room.resident, '晚上太黑，想装路灯')
    // The committee manages needs, but chose-for-them counts only: not someone else's hidden one.
    expect(await room.call(room.committee, 'PATCH', `/needs/${lamp}`, { text: '改掉' })).toMatchObject({ status: 404, body: { code: 'need_not_found' } })
    expect(await room.call(room.committee, 'DELETE', `/needs/${lamp}`)).toMatchObject({ status: 404, body: { code: 'need_not_found' } })
    expect(await room.call(neighbour, 'DELETE', `/needs/${lamp}/tick`)).toMatchObject({ status: 404, body: { code: 'need_not_found' } })
    expect(await room.call(room.organizer, 'PUT', '/facilitation/focus', { kind: 'need', id: lamp })).toMatchObject({ status: 404, body: { code: 'need_not_found' } })
    expect(texts(await room.state(room.resident))).toEqual(['晚上太黑，想装路灯'])
    // Its author still edits her own.
    expect((await room.call(room.resident, 'PATCH', `/needs/${lamp}`, { text: '晚上太黑，想装两盏路灯' })).status).toBe(200)
  })

  it('keeps a hidden need off the projector and out of merges until the reveal', async () => {
    const ramp = await addNeed(room, room.committee, '门口需要坡道')
    expect((await start('content')).status).toBe(200)
    const lamp = await addNeed(room, room.resident, '门口要坡道，推车上不去')
    // The organizer sees it, but putting it on the projector shows it to the whole room.
    expect(await room.call(room.organizer, 'PUT', '/facilitation/focus', { kind: 'need', id: lamp })).toMatchObject({ status: 409, body: { code: 'private_period' } })
    expect((await room.call(room.organizer, 'PUT', '/facilitation/focus', { kind: 'need', id: ramp })).status).toBe(200)
    // A merge moves the hidden need's tick onto one everyone sees (or makes that one point at it).
    expect(await room.call(room.committee, 'POST', `/needs/${ramp}/merge`, { needIds: [lamp] })).toMatchObject({ status: 409, body: { code: 'private_period' } })
    expect(await room.call(room.committee, 'POST', `/needs/${lamp}/merge`, { needIds: [ramp] })).toMatchObject({ status: 409, body: { code: 'private_period' } })
    const seen = (await room.state(neighbour)).needs
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ id: ramp, ticks: 1, mergedInto: null, mergedFrom: [] })

    expect((await room.call(room.organizer, 'POST', '/private/reveal')).status).toBe(200)
    expect((await room.call(room.committee, 'POST', `/needs/${ramp}/merge`, { needIds: [lamp] })).status).toBe(200)
    expect((await room.state(neighbour)).needs.find((n) => n.id === ramp)).toMatchObject({ ticks: 2, mergedFrom: [lamp] })
  })

  it('in Negotiate withholds a revision request on an option like a comment on it', async () => {
    const need = await addNeed(room, room.committee, '需要遮阳')
    await room.moveTo('negotiate')
    const option = await addOption(room, '方案 A：树下座椅', [need])
    expect((await start('counts')).status).toBe(200)
    // A revision request is what a resident thinks of the option: what the banner promises she alone sees.
    const raised = await room.call(room.resident, 'POST', `/options/${option}/revisions`, { text: '座椅要有靠背' })
    expect(raised.status).toBe(201)
    const revision = raised.body.id as string
    for (const who of [neighbour, room.expert, room.organizer, room.committee]) {
      const seen = await room.state(who)
      expect(seen.revisions).toEqual([])
      expect(JSON.stringify(seen)).not.toContain('靠背')
    }
    expect((await room.state(room.organizer)).privatePeriod).toMatchObject({ items: 1, hidden: 1 })
    expect((await room.state(room.resident)).revisions.map((r) => r.text)).toEqual(['座椅要有靠背'])
    expect(await room.call(room.expert, 'POST', `/revisions/${revision}/answers`, { text: '可以加' })).toMatchObject({ status: 404, body: { code: 'revision_not_found' } })
    expect(await room.call(room.expert, 'PUT', `/revisions/${revision}/done`, { done: true })).toMatchObject({ status: 404, body: { code: 'revision_not_found' } })
    // A thread on the option started now is withheld whole, and its id opens nothing.
    const thread = await room.call(neighbour, 'POST', '/comments', { target: { kind: 'option', id: option }, text: '座椅离树太近' })
    expect(thread.status).toBe(201)
    expect(await room.call(room.resident, 'POST', `/comments/${thread.body.id as string}/replies`, { text: '哪里近？' }))
      .toMatchObject({ status: 404, body: { code: 'thread_not_found' } })

    expect((await room.call(room.organizer, 'POST', '/private/reveal')).status).toBe(200)
    expect((await room.state(neighbour)).revisions.map((r) => r.text)).toEqual(['座椅要有靠背'])
    expect((await room.call(room.expert, 'POST', `/revisions/${revision}/answers`, { text: '可以加' })).status).toBe(201)
  })

  /**
   * POST whose body arrives only after `meanwhile` has run. Its "100 Continue" says the server has
   * begun handling it (Node answers it as it hands the request on), up to where it reads the body.
   */
  const slowPost = (path: string, token: string, body: unknown, meanwhile: () => Promise<void>) => new Promise<number>((resolve, reject) => {
    const req = http.request(`${server.url}${room.base}${path}`, {
      method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Expect: '100-continue' },
    }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.on('continue', () => { meanwhile().then(() => req.end(JSON.stringify(body)), reject) })
    req.flushHeaders()
  })

  it('starts one period when two organizer screens press start at once', async () => {
    const slow = await slowPost('/private', room.organizer.token, { leadersSee: 'counts' }, async () => {
      expect((await start('content')).status).toBe(200)
    })
    expect(slow).toBe(409)
    expect((await room.state(room.organizer)).privatePeriod).toMatchObject({ leadersSee: 'content' })
    expect((await room.call(room.organizer, 'POST', '/private/reveal')).status).toBe(200)
    // Nothing left running behind the revealed one.
    expect((await room.state(room.organizer)).privatePeriod).toBeNull()
  })

  it('does not start a period in a stage the project left while the start was on its way', async () => {
    const need = await addNeed(room, room.committee, '门口需要坡道')
    const slow = await slowPost('/private', room.organizer.token, { leadersSee: 'counts' }, () => room.moveTo('siteVisit'))
    // Started in Site visit it could not be revealed there (privateMode is not granted) and would block ticks.
    expect(slow).toBe(403)
    expect((await room.state(room.organizer)).privatePeriod).toBeNull()
    expect((await room.call(neighbour, 'POST', `/needs/${need}/tick`)).status).toBe(200)
  })

  it('keeps a running period through a server restart', async () => {
    expect((await start('counts')).status).toBe(200)
    await addNeed(room, room.resident, '晚上太黑，想装路灯')
    await server.restart()
    expect(texts(await room.state(neighbour))).toEqual([])
    expect(await room.call(neighbour, 'POST', '/needs/x/tick')).toMatchObject({ status: 409, body: { code: 'private_period' } })
    expect((await room.state(room.organizer)).privatePeriod).toMatchObject({ leadersSee: 'counts', items: 1, hidden: 1 })
    expect((await room.call(room.organizer, 'POST', '/private/reveal')).status).toBe(200)
    expect(texts(await room.state(neighbour))).toEqual(['晚上太黑，想装路灯'])
  })
})
