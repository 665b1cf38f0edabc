import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { addNeed, addOption, openRoom, type Room } from './participationTestKit.js'

describe('design options, comments and revision requests', () => {
  let server: TestServer
  let room: Room

  beforeEach(async () => {
    server = await startTestServer()
    room = await openRoom(server)
  })

  afterEach(async () => {
    await server.stop()
  })

  it('lets an expert make an option with its frame that addresses two needs, and edit it', async () => {
    await room.moveTo('needs')
    const shade = await addNeed(room, room.resident, '需要遮阳')
    const seats = await addNeed(room, room.resident, '需要座椅')
    expect(await room.call(room.expert, 'POST', '/options', { title: '方案 A' })).toMatchObject({ status: 403, body: { code: 'wrong_stage' } })
    await room.moveTo('siteVisit')
    expect(await room.call(room.resident, 'POST', '/options', { title: '方案 A' })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(await room.call(room.expert.linkToken, 'POST', '/options', { title: '方案 A' })).toMatchObject({ status: 403, body: { code: 'join_first' } })
    for (const [body, code] of [
      [{ title: '' }, 'invalid_title'],
      [{ title: '方'.repeat(61) }, 'invalid_title'],
      [{ title: 'A', frameShapeId: 'not a shape' }, 'invalid_frameShapeId'],
      [{ title: 'A', addressedNeedIds: ['AAAAAAAAAAAAAAAAAAAAAA'] }, 'invalid_addressedNeedIds'],
    ] as const) {
      expect(await room.call(room.expert, 'POST', '/options', body)).toMatchObject({ status: 400, body: { code } })
    }
    const created = await room.call(room.expert, 'POST', '/options', {
      title: '方案 A：廊架与座椅', description: '在南侧加一条廊架，\n下面放座椅', frameShapeId: 'shape:frameA', addressedNeedIds: [shade, seats],
    })
    expect(created.status).toBe(201)
    const id = created.body.id as string
    let state = await room.state(room.resident)
    expect(state.options).toEqual([{
      id, title: '方案 A：廊架与座椅', description: '在南侧加一条廊架，\n下面放座椅', frameShapeId: 'shape:frameA', addressedNeedIds: [shade, seats],
      author: { participantId: room.expert.participantId, name: '陈设计师', role: 'expert' }, createdAt: expect.any(Number), updatedAt: expect.any(Number),
    }])
    expect(state.needs.map((n) => n.addressedBy)).toEqual([[id], [id]])

    expect((await room.call(room.organizer, 'PATCH', `/options/${id}`, { title: '方案 A', addressedNeedIds: [seats] })).status).toBe(200)
    state = await room.state(room.resident)
    expect(state.options[0]).toMatchObject({ title: '方案 A', frameShapeId: 'shape:frameA', addressedNeedIds: [seats] })
    expect(await room.call(room.expert, 'PATCH', '/options/AAAAAAAAAAAAAAAAAAAAAA', { title: 'x' })).toMatchObject({ status: 404, body: { code: 'option_not_found' } })
  })

  it('keeps comment threads on needs, options and shapes, with replies, mentions and resolving by the right people', async () => {
    await room.moveTo('needs')
    const need = await addNeed(room, room.resident, '需要遮阳')
    await room.moveTo('siteVisit')
    const option = await addOption(room, '方案 B', [need])
    await room.moveTo('negotiate')

    for (const [body, code] of [
      [{ target: { kind: 'need', id: 'AAAAAAAAAAAAAAAAAAAAAA' }, text: 'x' }, 'invalid_target'],
      [{ target: { kind: 'shape', id: 'frame' }, text: 'x' }, 'invalid_target'],
      [{ target: { kind: 'wall', id: need }, text: 'x' }, 'invalid_kind'],
      [{ target: { kind: 'need', id: need }, text: '' }, 'invalid_text'],
      [{ target: { kind: 'need', id: need }, text: 'x', mentions: ['mayor'] }, 'invalid_mentions'],
    ] as const) {
      expect(await room.call(room.resident, 'POST', '/comments', body)).toMatchObject({ status: 400, body: { code } })
    }
    const onOption = await room.call(room.resident, 'POST', '/comments', {
      target: { kind: 'option', id: option }, text: '@居委 这个廊架会不会挡住一楼的光？', mentions: ['committee', 'committee'],
    })
    expect(onOption.status).toBe(201)
    const threadId = onOption.body.id as string
    expect((await room.call(room.resident, 'POST', '/comments', { target: { kind: 'shape', id: 'shape:tree1' }, text: '这棵树要保留' })).status).toBe(201)
    expect((await room.call(room.committee, 'POST', `/comments/${threadId}/replies`, { text: '我们去问问一楼住户', mentions: ['resident'] })).status).toBe(201)

    // Resolving: not a neighbour, but the thread's starter, an expert or the organizer.
    const neighbour = await room.join(room.resident.linkToken, '李大爷', 'resident')
    expect(await room.call(neighbour, 'PUT', `/comments/${threadId}/resolved`, { resolved: true })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(await room.call(room.committee, 'PUT', `/comments/${threadId}/resolved`, { resolved: true })).toMatchObject({ status: 403 })
    expect((await room.call(room.resident, 'PUT', `/comments/${threadId}/resolved`, { resolved: true })).status).toBe(200)
    let thread = (await room.state(room.resident)).threads.find((t) => t.id === threadId)!
    expect(thread).toMatchObject({
      target: { kind: 'option', id: option }, stage: 'negotiate', resolved: true, resolvedBy: { name: '王阿姨', role: 'resident' },
      comments: [
        { text: '@居委 这个廊架会不会挡住一楼的光？', mentions: ['committee'], author: { name: '王阿姨' }, mine: true },
        { text: '我们去问问一楼住户', mentions: ['resident'], author: { name: '刘主任', role: 'committee' }, mine: false },
      ],
    })
    expect((await room.call(room.expert, 'PUT', `/comments/${threadId}/resolved`, { resolved: false })).status).toBe(200)
    thread = (await room.state(room.resident)).threads.find((t) => t.id === threadId)!
    expect(thread).toMatchObject({ resolved: false, resolvedBy: null, resolvedAt: null })
    expect(await room.call(room.resident, 'PUT', '/comments/AAAAAAAAAAAAAAAAAAAAAA/resolved', { resolved: true })).toMatchObject({ status: 404 })

    // Once agreed, only the organizer comments.
    await room.moveTo('agreed')
    expect(await room.call(room.resident, 'POST', `/comments/${threadId}/replies`, { text: '晚了吗' })).toMatchObject({ status: 403, body: { code: 'wrong_stage' } })
  })

  it('records revision requests on an option, every expert answer, and when they are done', async () => {
    await room.moveTo('siteVisit')
    const option = await addOption(room, '方案 C：高架平台')
    await room.moveTo('negotiate')
    const raised = await room.call(room.resident, 'POST', `/options/${option}/revisions`, { text: '下沉口离住宅太近，噪音大' })
    expect(raised.status).toBe(201)
    const id = raised.body.id as string
    expect(await room.call(room.resident, 'POST', `/revisions/${id}/answers`, { text: '我来回答' })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect((await room.call(room.expert, 'POST', `/revisions/${id}/answers`, { text: '我们研究一下' })).status).toBe(201)
    expect((await room.call(room.expert, 'POST', `/revisions/${id}/answers`, { text: '下沉口东移一个路口' })).status).toBe(201)
    expect(await room.call(room.committee, 'PUT', `/revisions/${id}/done`, { done: true })).toMatchObject({ status: 403 })
    expect(await room.call(room.expert, 'PUT', `/revisions/${id}/done`, {})).toMatchObject({ status: 400, body: { code: 'invalid_done' } })
    expect((await room.call(room.expert, 'PUT', `/revisions/${id}/done`, { done: true })).status).toBe(200)
    const [revision] = (await room.state(room.committee)).revisions
    expect(revision).toMatchObject({
      id, optionId: option, text: '下沉口离住宅太近，噪音大', author: { name: '王阿姨', role: 'resident' }, stage: 'negotiate',
      answers: [{ text: '我们研究一下', author: { name: '陈设计师' } }, { text: '下沉口东移一个路口' }],
      done: true, doneBy: { name: '陈设计师', role: 'expert' },
    })
    expect(await room.call(room.resident, 'POST', '/options/AAAAAAAAAAAAAAAAAAAAAA/revisions', { text: 'x' })).toMatchObject({ status: 404 })
  })
})
