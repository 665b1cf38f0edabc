import fs from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ParticipationState } from '../../src/shared/participation.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { pdfText, postReport, tempDir } from './exportTestKit.js'
import { IMAGES } from './httpTestKit.js'
import { addNeed, openRoom, type Person, type Room } from './participationTestKit.js'
import { api, closeAllStreams, openEvents, uploadAsset, type EventReader } from './workflowTestKit.js'

/** Moderation (docs/permissions.md "Moderation", docs/api.md "Moderation"): who may hide, who sees what, where it leaks. */
describe('moderation: hiding and restoring, and masked phone and ID-card numbers', () => {
  let server: TestServer
  let room: Room
  let dir: string

  beforeAll(async () => {
    server = await startTestServer()
    dir = tempDir()
  })
  afterAll(async () => {
    await server.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  afterEach(() => closeAllStreams())

  const hide = (who: Person | string, target: { kind: string; id: string }, reason = 'offTopic', note?: string) =>
    room.call(who, 'POST', '/moderation/hide', { target, reason, ...(note !== undefined && { note }) })
  const restore = (who: Person | string, target: { kind: string; id: string }) => room.call(who, 'POST', '/moderation/restore', { target })
  const csv = async (token: string, kind: string) => {
    const res = await fetch(`${server.url}${room.base}/export/${kind}.csv`, { headers: { Authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
    return res.text()
  }
  /** The first participation event of the stream that passes `until`. */
  const pushed = async (stream: EventReader, until: (s: ParticipationState) => boolean): Promise<ParticipationState> => {
    for (;;) {
      const e = await stream.next('a participation event')
      if (e.event !== 'participation') continue
      const state = e.data as unknown as ParticipationState
      if (until(state)) return state
    }
  }

  it('refuses residents, experts, bare links and bad bodies (raw HTTP); a hide or restore that changes nothing is a conflict', async () => {
    room = await openRoom(server)
    await room.moveTo('needs')
    const id = await addNeed(room, room.resident, '楼下想放一张乒乓球桌')
    const target = { kind: 'need', id }

    for (const who of [room.resident, room.expert, room.resident.linkToken, room.expert.linkToken]) {
      expect(await hide(who, target)).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    }
    expect((await api(server.url, 'POST', `${room.base}/moderation/hide`, { body: { target, reason: 'offTopic' } })).status).toBe(401)
    for (const [body, code] of [
      [{ target, reason: 'boring' }, 'invalid_reason'],
      [{ target, reason: 'other' }, 'invalid_note'],
      [{ target, reason: 'other', note: '   ' }, 'invalid_note'],
      [{ target, reason: 'offensive', note: 'x'.repeat(201) }, 'invalid_note'],
      [{ target: { kind: 'board', id }, reason: 'offTopic' }, 'invalid_kind'],
      [{ target: { kind: 'need', id: '../x' }, reason: 'offTopic' }, 'invalid_target'],
      [{ target: { kind: 'photo', id }, reason: 'personal' }, 'invalid_target'],
      [{ reason: 'offTopic' }, 'invalid_target'],
    ] as const) {
      expect(await room.call(room.committee, 'POST', '/moderation/hide', body)).toMatchObject({ status: 400, body: { code } })
    }
    expect(await hide(room.committee, { kind: 'need', id: 'nosuchneed' })).toMatchObject({ status: 404, body: { code: 'need_not_found' } })
    expect(await hide(room.committee, { kind: 'comment', id: 'nosuchcomment' })).toMatchObject({ status: 404, body: { code: 'comment_not_found' } })
    // Nothing of that was recorded.
    expect((await room.state(room.organizer)).moderation).toEqual([])

    // The committee's shared link (no name) may hide too; the organizer restores; each only once.
    expect((await hide(room.committee.linkToken, target)).status).toBe(200)
    expect(await hide(room.organizer, target, 'duplicate')).toMatchObject({ status: 409, body: { code: 'already_hidden' } })
    expect(await restore(room.resident, target)).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(await restore(room.expert, target)).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect((await restore(room.organizer, target)).status).toBe(200)
    expect(await restore(room.committee, target)).toMatchObject({ status: 409, body: { code: 'not_hidden' } })

    // Who hid what and when, and who restored it: the log the moderators get; nobody else does.
    const log = (await room.state(room.committee)).moderation!
    expect(log).toMatchObject([
      { target, action: 'hide', reason: 'offTopic', note: '', by: { participantId: null, role: 'committee' }, at: expect.any(Number) },
      { target, action: 'restore', reason: null, by: { name: '王老师', role: 'organizer' }, at: expect.any(Number) },
    ])
    expect((await room.state(room.resident)).moderation).toEqual([])
    expect((await room.state(room.expert)).moderation).toEqual([])
    // Hiding still works once the project is agreed (personal information found late).
    await room.moveTo('agreed')
    expect((await hide(room.committee, target, 'personal')).status).toBe(200)
  })

  it("takes a hidden need out of everyone else's view — state, live events, ticks, comments, CSVs, report — and restores all of it", async () => {
    room = await openRoom(server)
    await room.moveTo('needs')
    const other = await room.join(room.resident.linkToken, '李大爷', 'resident')
    const id = await addNeed(room, room.resident, '想在花坛边养鸡')
    const kept = await addNeed(room, room.committee, '需要更多垃圾桶')
    expect((await room.call(other, 'POST', `/needs/${id}/tick`)).status).toBe(200)
    expect((await room.call(room.expert, 'POST', `/needs/${id}/tick`)).status).toBe(200)
    const thread = await room.call(other, 'POST', '/comments', { target: { kind: 'need', id }, text: '养鸡会有味道' })
    expect(thread.status).toBe(201)

    const otherStream = await openEvents(server.url, room.project.projectId, other.token)
    const authorStream = await openEvents(server.url, room.project.projectId, room.resident.token)
    await otherStream.next('the first state')
    await authorStream.next('the first state')

    expect((await hide(room.committee, { kind: 'need', id }, 'offTopic')).status).toBe(200)

    // Live: the other resident's page loses it without a reload; the author's keeps it, marked.
    const live = await pushed(otherStream, (s) => !s.needs.some((n) => n.id === id))
    expect(live.needs.map((n) => n.id)).toEqual([kept])
    expect(live.threads).toEqual([])
    const authorLive = await pushed(authorStream, (s) => s.needs.some((n) => n.id === id && n.hidden))
    expect(authorLive.needs.find((n) => n.id === id)).toMatchObject({
      mine: true, ticks: 3, hidden: { reason: 'offTopic', note: '', by: { name: '刘主任', role: 'committee' }, at: expect.any(Number) },
    })
    expect(authorLive.moderation).toEqual([])

    for (const who of [other, room.expert, room.resident.linkToken]) {
      const s = await room.state(who)
      expect(s.needs.map((n) => n.id)).toEqual([kept])
      expect(JSON.stringify(s)).not.toContain('养鸡')
    }
    for (const who of [room.organizer, room.committee]) {
      const s = await room.state(who)
      expect(s.needs.find((n) => n.id === id)).toMatchObject({ ticks: 3, hidden: { reason: 'offTopic' } })
      expect(s.threads).toHaveLength(1)
      expect(s.moderation).toMatchObject([{ target: { kind: 'need', id }, action: 'hide', by: { name: '刘主任' } }])
    }

    // A tampered client acting on what it was not shown: as if it did not exist.
    expect(await room.call(other, 'DELETE', `/needs/${id}/tick`)).toMatchObject({ status: 404, body: { code: 'need_not_found' } })
    expect(await room.call(room.expert, 'POST', `/needs/${id}/tick`)).toMatchObject({ status: 404, body: { code: 'need_not_found' } })
    expect(await room.call(other, 'POST', '/comments', { target: { kind: 'need', id }, text: '还在吗' }))
      .toMatchObject({ status: 400, body: { code: 'invalid_target' } })
    expect(await room.call(other, 'POST', `/comments/${thread.body.id as string}/replies`, { text: '还在吗' }))
      .toMatchObject({ status: 404, body: { code: 'thread_not_found' } })
    // Its author may still reply under it (they see it).
    expect((await room.call(room.resident, 'POST', `/comments/${thread.body.id as string}/replies`, { text: '好的，我明白了' })).status).toBe(201)

    // The public documents leave it out, whoever downloads them.
    for (const token of [room.organizer.token, room.committee.token]) {
      const needs = await csv(token, 'needs')
      expect(needs).toContain('需要更多垃圾桶')
      expect(needs).not.toContain('养鸡')
      expect(await csv(token, 'comments')).not.toContain('养鸡会有味道')
    }
    const report = await postReport(server.url, room.project.projectId, room.committee.token, { lang: 'zh-CN', paper: 'a4-portrait' })
    expect(report.status).toBe(200)
    const text = pdfText(new Uint8Array(await report.arrayBuffer()), dir)
    expect(text).toContain('需要更多垃圾桶')
    expect(text).not.toContain('养鸡')

    // Restored: everything back as it was, ticks included, for everyone, live.
    expect((await restore(room.organizer, { kind: 'need', id })).status).toBe(200)
    const back = await pushed(otherStream, (s) => s.needs.some((n) => n.id === id))
    expect(back.needs.find((n) => n.id === id)).toMatchObject({ ticks: 3, tickedByMe: true, hidden: null })
    expect(back.threads[0].comments.map((c) => c.text)).toEqual(['养鸡会有味道', '好的，我明白了'])
    expect(await csv(room.organizer.token, 'needs')).toContain('想在花坛边养鸡')
  })

  it("keeps a design option's link to a need hidden from the expert who edits the option", async () => {
    room = await openRoom(server)
    await room.moveTo('needs')
    const id = await addNeed(room, room.resident, '想在花坛边养鸡')
    const other = await addNeed(room, room.resident, '需要更多垃圾桶')
    await room.moveTo('siteVisit')
    const option = await room.call(room.expert, 'POST', '/options', { title: '方案 A', addressedNeedIds: [id] })
    expect(option.status).toBe(201)
    const optionId = option.body.id as string
    expect((await hide(room.committee, { kind: 'need', id })).status).toBe(200)
    expect((await room.state(room.expert)).options[0].addressedNeedIds).toEqual([])

    // The expert cannot name it (a tampered client), and an edit of the list keeps it.
    expect(await room.call(room.expert, 'PATCH', `/options/${optionId}`, { addressedNeedIds: [id] }))
      .toMatchObject({ status: 400, body: { code: 'invalid_addressedNeedIds' } })
    expect((await room.call(room.expert, 'PATCH', `/options/${optionId}`, { addressedNeedIds: [other] })).status).toBe(200)
    expect(await room.call(room.expert, 'POST', `/needs/${id}/addressed-by`, { optionId }))
      .toMatchObject({ status: 404, body: { code: 'need_not_found' } })
    expect((await restore(room.committee, { kind: 'need', id })).status).toBe(200)
    expect((await room.state(room.expert)).options[0].addressedNeedIds.sort()).toEqual([id, other].sort())
  })

  it('hides a photo apart from its need, and one comment apart from its thread', async () => {
    room = await openRoom(server)
    await room.moveTo('needs')
    const other = await room.join(room.resident.linkToken, '李大爷', 'resident')
    const src = (await uploadAsset(server.url, room.project.projectId, IMAGES.png, room.resident.token)).body.src as string
    const id = await addNeed(room, room.resident, '健身器材坏了', { photoSrc: src })
    const thread = await room.call(other, 'POST', '/comments', { target: { kind: 'need', id }, text: '去年就坏了' })
    const reply = await room.call(room.expert, 'POST', `/comments/${thread.body.id as string}/replies`, { text: '这人真是个笨蛋' })

    expect((await hide(room.committee, { kind: 'photo', id }, 'personal', '照片里有门牌号')).status).toBe(200)
    expect((await hide(room.organizer, { kind: 'comment', id: reply.body.id as string }, 'offensive')).status).toBe(200)

    const theirs = await room.state(other)
    expect(theirs.needs[0]).toMatchObject({ id, text: '健身器材坏了', photoSrc: null, photoHidden: null, hidden: null })
    expect(theirs.threads[0].comments.map((c) => c.text)).toEqual(['去年就坏了'])
    expect(JSON.stringify(theirs)).not.toContain(src)

    const authors = await room.state(room.resident)
    expect(authors.needs[0]).toMatchObject({ photoSrc: src, photoHidden: { reason: 'personal', note: '照片里有门牌号' }, hidden: null })
    const expert = await room.state(room.expert)
    expect(expert.threads[0].comments).toMatchObject([{ text: '去年就坏了', hidden: null }, { text: '这人真是个笨蛋', mine: true, hidden: { reason: 'offensive' } }])
    expect(expert.needs[0].photoSrc).toBeNull()
    const committee = await room.state(room.committee)
    expect(committee.needs[0]).toMatchObject({ photoSrc: src, photoHidden: { reason: 'personal' } })
    expect(committee.threads[0].comments).toHaveLength(2)

    // A thread whose every comment is hidden is gone for others (its writer still has theirs).
    expect((await hide(room.committee, { kind: 'comment', id: theirs.threads[0].comments[0].id })).status).toBe(200)
    expect((await room.state(room.resident)).threads).toEqual([])
    expect((await room.state(other)).threads[0].comments).toMatchObject([{ text: '去年就坏了', mine: true, hidden: { reason: 'offTopic' } }])
    expect((await room.state(room.organizer)).threads).toHaveLength(1)
    expect(await csv(room.organizer.token, 'comments')).not.toContain('笨蛋')
  })

  it('masks phone and ID-card numbers for all but the committee: answers, live events, CSVs, report; the stored text keeps them', async () => {
    room = await openRoom(server)
    await room.moveTo('needs')
    const typed = '路灯坏了，请打我电话 138-1234-5678 或 13912345678，身份证 11010119900307123x'
    const masked = '路灯坏了，请打我电话 138****5678 或 139****5678，身份证 1101**********123X'
    const committeeStream = await openEvents(server.url, room.project.projectId, room.committee.token)
    const residentStream = await openEvents(server.url, room.project.projectId, room.resident.token)
    await committeeStream.next('the first state')
    await residentStream.next('the first state')

    const created = await room.call(room.resident, 'POST', '/needs', { x: 1, y: 2, categoryId: 'lighting', text: typed })
    expect(created.status).toBe(201)
    // Even its author's own answer is masked: only the committee reads the numbers.
    expect((created.body.participation as ParticipationState).needs[0].text).toBe(masked)
    const id = created.body.id as string
    expect((await pushed(residentStream, (s) => s.needs.length === 1)).needs[0].text).toBe(masked)
    expect((await pushed(committeeStream, (s) => s.needs.length === 1)).needs[0].text).toBe(typed)

    expect((await room.call(room.expert, 'POST', '/comments', { target: { kind: 'need', id }, text: '我打 15800001111 联系您' })).status).toBe(201)
    expect((await hide(room.committee, { kind: 'need', id }, 'personal', '写了电话 13812345678')).status).toBe(200)

    for (const who of [room.resident, room.organizer, room.expert]) {
      const s = await room.state(who)
      const all = JSON.stringify(s)
      for (const digits of ['5678', '1111']) expect(all).not.toMatch(new RegExp(`\\d{5}${digits}`))
      expect(all).not.toContain('110101199003071')
    }
    expect((await room.state(room.resident)).needs[0]).toMatchObject({ text: masked, hidden: { note: '写了电话 138****5678' } })
    expect((await room.state(room.organizer)).threads[0].comments[0].text).toBe('我打 158****1111 联系您')
    const committee = await room.state(room.committee)
    expect(committee.needs[0]).toMatchObject({ text: typed, hidden: { note: '写了电话 13812345678' } })
    expect(committee.threads[0].comments[0].text).toBe('我打 15800001111 联系您')

    // Restored, the public documents show it masked (they are the public view whoever downloads them).
    expect((await restore(room.committee, { kind: 'need', id })).status).toBe(200)
    const needs = await csv(room.committee.token, 'needs')
    expect(needs).toContain('138****5678')
    expect(needs).not.toContain('1234-5678')
    expect(await csv(room.committee.token, 'comments')).toContain('158****1111')
    // A committee member who typed her number into her name: named in the report, masked.
    await room.join(room.committee.linkToken, '张委员13900001111', 'committee')
    const report = await postReport(server.url, room.project.projectId, room.committee.token, { lang: 'en', paper: 'a4-portrait' })
    const text = pdfText(new Uint8Array(await report.arrayBuffer()), dir).replace(/\s+/g, '')
    expect(text).toContain('138****5678')
    expect(text).not.toContain('13912345678')
    expect(text).toContain('张委员139****1111')
    expect(text).not.toContain('13900001111')
  })

  it('keeps hidden items and the log through an archive round trip', async () => {
    room = await openRoom(server)
    await room.moveTo('needs')
    const id = await addNeed(room, room.resident, '电话 13812345678 找我')
    const kept = await addNeed(room, room.resident, '想要秋千')
    expect((await hide(room.committee, { kind: 'need', id }, 'personal')).status).toBe(200)
    expect((await hide(room.committee, { kind: 'need', id: kept }, 'duplicate')).status).toBe(200)
    expect((await restore(room.organizer, { kind: 'need', id: kept })).status).toBe(200)

    const res = await fetch(`${server.url}${room.base}/export/archive`, { headers: { Authorization: `Bearer ${room.organizer.token}` } })
    expect(res.status).toBe(200)
    const zip = new Uint8Array(await res.arrayBuffer())
    const other = await startTestServer()
    try {
      const imported = await fetch(`${other.url}/api/projects/import`, { method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: zip })
      expect(imported.status).toBe(201)
      const { projectId, organizerToken } = await imported.json() as { projectId: string; organizerToken: string }
      const read = await api(other.url, 'GET', `/api/projects/${projectId}/participation`, { token: organizerToken })
      const state = read.body as unknown as ParticipationState
      expect(state.needs.find((n) => n.id === id)).toMatchObject({ hidden: { reason: 'personal', by: { name: '刘主任', role: 'committee' } } })
      expect(state.needs.find((n) => n.id === kept)).toMatchObject({ hidden: null })
      expect(state.moderation!.map((e) => [e.action, e.target.id, e.reason])).toEqual([
        ['hide', id, 'personal'], ['hide', kept, 'duplicate'], ['restore', kept, null],
      ])
      const needs = await fetch(`${other.url}/api/projects/${projectId}/export/needs.csv`, { headers: { Authorization: `Bearer ${organizerToken}` } })
      const text = await needs.text()
      expect(text).toContain('想要秋千')
      expect(text).not.toContain('找我')
    } finally {
      await other.stop()
    }
  })
})
