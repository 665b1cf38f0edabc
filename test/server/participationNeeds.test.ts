import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { IMAGES } from './httpTestKit.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { addNeed, addOption, openRoom, otherDevice, type Room } from './participationTestKit.js'
import { uploadAsset } from './workflowTestKit.js'

describe('needs, ticks, merges and categories', () => {
  let server: TestServer
  let room: Room

  beforeEach(async () => {
    server = await startTestServer()
    room = await openRoom(server)
  })

  afterEach(async () => {
    await server.stop()
  })

  const need = async (id: string, who = room.organizer) => (await room.state(who)).needs.find((n) => n.id === id)!

  it('adds a need with its card: category, text, photo of this board, author, stage; its author supports it', async () => {
    await room.moveTo('needs')
    const src = (await uploadAsset(server.url, room.project.projectId, IMAGES.png, room.resident.token)).body.src as string
    const res = await room.call(room.resident, 'POST', '/needs', { x: 12.5, y: -40, categoryId: 'play', text: '  孩子们需要一个沙坑 ', photoSrc: src })
    expect(res.status).toBe(201)
    const id = res.body.id as string
    const mine = (res.body.participation as { needs: unknown[] }).needs[0]
    expect(mine).toEqual({
      id, x: 12.5, y: -40, categoryId: 'play', text: '孩子们需要一个沙坑', photoSrc: src, source: 'board', raisedBy: 0,
      author: { participantId: room.resident.participantId, name: '王阿姨', role: 'resident' }, stage: 'needs',
      createdAt: expect.any(Number), updatedAt: expect.any(Number), ticks: 1, support: 1, tickedByMe: true, mine: true,
      mergedInto: null, mergedFrom: [], addressedBy: [], hidden: null, photoHidden: null,
    })
    expect(await need(id)).toMatchObject({ tickedByMe: false, mine: false, ticks: 1 })
  })

  it('refuses a bad need with a clear error and stores nothing', async () => {
    await room.moveTo('needs')
    const bad = [
      [{ x: 1, y: 1, categoryId: 'nope', text: '想要座椅' }, 'invalid_categoryId'],
      [{ x: 1, y: 1, categoryId: 'seating', text: '' }, 'invalid_text'],
      [{ x: 1, y: 1, categoryId: 'seating', text: '长'.repeat(501) }, 'invalid_text'],
      [{ x: 'a', y: 1, categoryId: 'seating', text: '想要座椅' }, 'invalid_x'],
      [{ x: 1, y: 1e9, categoryId: 'seating', text: '想要座椅' }, 'invalid_y'],
      [{ x: 1, y: 1, categoryId: 'seating', text: '想要座椅', photoSrc: 'https://evil.example/p.png' }, 'invalid_photoSrc'],
      [{ x: 1, y: 1, categoryId: 'seating', text: '想要座椅', photoSrc: `/api/boards/${room.project.projectId}/assets/${'a'.repeat(64)}.png` }, 'invalid_photoSrc'],
    ] as const
    for (const [body, code] of bad) {
      const res = await room.call(room.resident, 'POST', '/needs', body)
      expect(res, JSON.stringify(body).slice(0, 80)).toMatchObject({ status: 400, body: { code, error: expect.any(String) } })
    }
    // Entering a need on residents' behalf is the committee's.
    expect(await room.call(room.resident, 'POST', '/needs', { x: 1, y: 1, categoryId: 'seating', text: '纸质问卷', source: 'paper', raisedBy: 3 }))
      .toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    // A shared link without a name, and a stage where residents may not add needs.
    expect(await room.call(room.resident.linkToken, 'POST', '/needs', { x: 1, y: 1, categoryId: 'seating', text: '想要座椅' }))
      .toMatchObject({ status: 403, body: { code: 'join_first' } })
    await room.moveTo('siteVisit')
    expect(await room.call(room.resident, 'POST', '/needs', { x: 1, y: 1, categoryId: 'seating', text: '想要座椅' }))
      .toMatchObject({ status: 403, body: { code: 'wrong_stage' } })
    expect((await room.state(room.organizer)).needs).toEqual([])
  })

  it('counts one tick per participant: a second tick by the same person is refused and counts nothing', async () => {
    await room.moveTo('needs')
    const id = await addNeed(room, room.committee, '晚上太暗，需要路灯')
    expect((await room.call(room.resident, 'POST', `/needs/${id}/tick`)).status).toBe(200)
    const again = await room.call(room.resident, 'POST', `/needs/${id}/tick`)
    expect(again).toMatchObject({ status: 409, body: { code: 'already_ticked', error: expect.any(String) } })
    // Another device of the same person (added from the first one: same participant, new token) is the same person.
    const secondDevice = await otherDevice(room, room.resident)
    expect(secondDevice.token).not.toBe(room.resident.token)
    expect(await room.call(secondDevice, 'POST', `/needs/${id}/tick`)).toMatchObject({ status: 409, body: { code: 'already_ticked' } })
    // The shared link itself does not say who is ticking.
    expect(await room.call(room.resident.linkToken, 'POST', `/needs/${id}/tick`)).toMatchObject({ status: 403, body: { code: 'join_first' } })
    // A neighbour who scanned the same QR code is a different person.
    const neighbour = await room.join(room.resident.linkToken, '李大爷', 'resident')
    expect((await room.call(neighbour, 'POST', `/needs/${id}/tick`)).status).toBe(200)
    expect(await need(id, room.resident)).toMatchObject({ ticks: 3, support: 3, tickedByMe: true })

    expect((await room.call(room.resident, 'DELETE', `/needs/${id}/tick`)).status).toBe(200)
    expect(await room.call(room.resident, 'DELETE', `/needs/${id}/tick`)).toMatchObject({ status: 409, body: { code: 'not_ticked' } })
    expect(await need(id, room.resident)).toMatchObject({ ticks: 2, tickedByMe: false })
    // Ticks are closed while the project is organised.
    await room.moveTo('organize')
    expect(await room.call(room.resident, 'POST', `/needs/${id}/tick`)).toMatchObject({ status: 403, body: { code: 'wrong_stage' } })
    expect(await room.call(room.organizer, 'POST', '/needs/nope/tick')).toMatchObject({ status: 403 })
  })

  it('merges duplicates keeping every tick once, adding paper counts, and keeps the merged needs as history', async () => {
    await room.moveTo('needs')
    const a = await addNeed(room, room.resident, '想要有树荫的座椅')
    const neighbour = await room.join(room.resident.linkToken, '李大爷', 'resident')
    const b = await addNeed(room, neighbour, '夏天坐的地方太晒')
    const paper = (await room.call(room.committee, 'POST', '/needs', {
      x: 0, y: 0, categoryId: 'seating', text: '问卷：座椅不够', source: 'questionnaire', raisedBy: 12,
    })).body.id as string
    // 王阿姨 supports a (author) and ticks b too; the expert ticks b only.
    expect((await room.call(room.resident, 'POST', `/needs/${b}/tick`)).status).toBe(200)
    expect((await room.call(room.expert, 'POST', `/needs/${b}/tick`)).status).toBe(200)
    expect(await need(a)).toMatchObject({ ticks: 1, support: 1 })
    expect(await need(b)).toMatchObject({ ticks: 3, support: 3 })
    expect(await need(paper)).toMatchObject({ ticks: 0, raisedBy: 12, support: 12, source: 'questionnaire' })

    // Only the committee (and organizer) merge.
    expect(await room.call(room.resident, 'POST', `/needs/${a}/merge`, { needIds: [b] })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(await room.call(room.committee, 'POST', `/needs/${a}/merge`, { needIds: [a] })).toMatchObject({ status: 400 })
    expect(await room.call(room.committee, 'POST', `/needs/${a}/merge`, { needIds: ['AAAAAAAAAAAAAAAAAAAAAA'] })).toMatchObject({ status: 404 })
    expect((await room.call(room.committee, 'POST', `/needs/${a}/merge`, { needIds: [b, paper] })).status).toBe(200)

    // Distinct people: 王阿姨 (a and b), 李大爷, the expert = 3 ticks; plus 12 from the questionnaire.
    expect(await need(a, room.resident)).toMatchObject({ ticks: 3, raisedBy: 12, support: 15, tickedByMe: true, mergedFrom: [b, paper], mergedInto: null })
    expect(await need(b)).toMatchObject({ mergedInto: a, text: '夏天坐的地方太晒' })
    // A merged need is history: no more ticks, edits or merges on it.
    expect(await room.call(room.committee, 'POST', `/needs/${b}/tick`)).toMatchObject({ status: 409, body: { code: 'need_merged' } })
    expect(await room.call(room.committee, 'POST', `/needs/${a}/merge`, { needIds: [b] })).toMatchObject({ status: 409, body: { code: 'need_merged' } })
    expect(await room.call(room.committee, 'DELETE', `/needs/${a}`)).toMatchObject({ status: 409, body: { code: 'need_has_merged' } })
    expect(await room.call(room.committee, 'DELETE', `/needs/${b}`)).toMatchObject({ status: 409, body: { code: 'need_merged' } })
    // Ticking the merged need once more is still one person, one tick.
    expect(await room.call(neighbour, 'POST', `/needs/${a}/tick`)).toMatchObject({ status: 409, body: { code: 'already_ticked' } })
  })

  it('lets the author or the committee edit and delete a need, and nobody else', async () => {
    await room.moveTo('needs')
    const id = await addNeed(room, room.resident, '想要座椅')
    const neighbour = await room.join(room.resident.linkToken, '李大爷', 'resident')
    expect(await room.call(neighbour, 'PATCH', `/needs/${id}`, { text: '改掉' })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect((await room.call(room.resident, 'PATCH', `/needs/${id}`, { text: '想要两张座椅', categoryId: 'greenery' })).status).toBe(200)
    expect(await need(id)).toMatchObject({ text: '想要两张座椅', categoryId: 'greenery' })
    expect((await room.call(room.committee, 'PATCH', `/needs/${id}`, { x: 5, y: 6 })).status).toBe(200)
    expect(await need(id)).toMatchObject({ x: 5, y: 6 })
    expect(await room.call(neighbour, 'DELETE', `/needs/${id}`)).toMatchObject({ status: 403 })
    expect((await room.call(room.committee, 'DELETE', `/needs/${id}`)).status).toBe(200)
    expect((await room.state(room.organizer)).needs).toEqual([])
    expect(await room.call(room.resident, 'PATCH', `/needs/${id}`, { text: 'x' })).toMatchObject({ status: 404, body: { code: 'need_not_found' } })
  })

  it('marks needs as addressed by an option', async () => {
    await room.moveTo('needs')
    const a = await addNeed(room, room.resident, '座椅')
    const b = await addNeed(room, room.resident, '路灯')
    await room.moveTo('siteVisit')
    const option = await addOption(room, '方案 A', [a])
    expect((await room.call(room.committee, 'POST', `/needs/${b}/addressed-by`, { optionId: option })).status).toBe(200)
    expect(await room.call(room.resident, 'POST', `/needs/${b}/addressed-by`, { optionId: option })).toMatchObject({ status: 403 })
    expect(await room.call(room.committee, 'POST', `/needs/${b}/addressed-by`, { optionId: 'nope' })).toMatchObject({ status: 400, body: { code: 'invalid_optionId' } })
    let state = await room.state(room.resident)
    expect(state.options[0].addressedNeedIds).toEqual([a, b])
    expect(state.needs.map((n) => n.addressedBy)).toEqual([[option], [option]])
    expect((await room.call(room.expert, 'DELETE', `/needs/${a}/addressed-by/${option}`)).status).toBe(200)
    state = await room.state(room.resident)
    expect(state.options[0].addressedNeedIds).toEqual([b])
  })

  it("starts with the default categories, and lets the organizer rename, add and hide but not drop one in use", async () => {
    let state = await room.state(room.resident)
    expect(state.categories.map((c) => c.id)).toEqual(['greenery', 'seating', 'play', 'accessibility', 'lighting', 'traffic', 'culture', 'sanitation', 'other'])
    expect(state.categories[0]).toEqual({ id: 'greenery', zh: '绿化', en: 'Greenery', hidden: false, builtIn: true })

    await room.moveTo('needs')
    await addNeed(room, room.resident, '座椅')
    const list = state.categories.map((c) => ({ id: c.id, zh: c.zh, en: c.en, hidden: c.hidden }))
    expect(await room.call(room.committee, 'PUT', '/categories', { categories: list })).toMatchObject({ status: 403 })
    const withoutSeating = list.filter((c) => c.id !== 'seating')
    expect(await room.call(room.organizer, 'PUT', '/categories', { categories: withoutSeating })).toMatchObject({ status: 409, body: { code: 'category_in_use' } })
    const edited = [
      ...list.filter((c) => c.id !== 'traffic').map((c) => c.id === 'seating' ? { ...c, zh: '座椅', hidden: true } : c),
      { zh: '快递柜', en: 'Parcel lockers' },
    ]
    expect(await room.call(room.organizer, 'PUT', '/categories', { categories: [{ id: 'made-up', zh: 'x' }] })).toMatchObject({ status: 400, body: { code: 'invalid_id' } })
    expect(await room.call(room.organizer, 'PUT', '/categories', { categories: [{ zh: '' }] })).toMatchObject({ status: 400, body: { code: 'invalid_zh' } })
    expect((await room.call(room.organizer, 'PUT', '/categories', { categories: edited })).status).toBe(200)
    state = await room.state(room.resident)
    expect(state.categories.find((c) => c.id === 'seating')).toMatchObject({ zh: '座椅', hidden: true, builtIn: true })
    expect(state.categories.some((c) => c.id === 'traffic')).toBe(false)
    const custom = state.categories.at(-1)!
    expect(custom).toMatchObject({ zh: '快递柜', en: 'Parcel lockers', hidden: false, builtIn: false })
    // A hidden category cannot be picked for a new need; the custom one can.
    expect(await room.call(room.resident, 'POST', '/needs', { x: 0, y: 0, categoryId: 'seating', text: '座椅' })).toMatchObject({ status: 400 })
    expect((await room.call(room.resident, 'POST', '/needs', { x: 0, y: 0, categoryId: custom.id, text: '想要快递柜' })).status).toBe(201)
  })

  it('keeps needs, ticks and merges across a restart', async () => {
    await room.moveTo('needs')
    const a = await addNeed(room, room.resident, '座椅')
    const b = await addNeed(room, room.committee, '长椅')
    await room.call(room.expert, 'POST', `/needs/${b}/tick`)
    await room.call(room.committee, 'POST', `/needs/${a}/merge`, { needIds: [b] })
    const before = await room.state(room.resident)
    await server.restart()
    const after = await room.state(room.resident)
    expect(after.revision).toBeGreaterThanOrEqual(before.revision)
    expect({ ...after, revision: 0 }).toEqual({ ...before, revision: 0 })
    expect(after.needs.find((n) => n.id === a)).toMatchObject({ ticks: 3, mergedFrom: [b] })
  })
})
