/**
 * Entering for a resident without a phone (代录) and paper ballots, over raw HTTP: who may (and who
 * may not, whatever they send), one tick and one ballot per resident however entered, the clash when
 * she also votes on her phone, paper batches in the tallies and the exports, and the archive round trip.
 */
import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProxyRecord } from '../../src/shared/proxyEntry.js'
import type { Vote } from '../../src/shared/participation.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { parseCsv, pdfText, postReport, tempDir } from './exportTestKit.js'
import { addNeed, addOption, openRoom, type Person, type Room } from './participationTestKit.js'
import { api, createLink } from './workflowTestKit.js'

describe('entering for a resident (代录) and paper ballots', () => {
  let server: TestServer
  let room: Room
  let a: string
  let b: string

  beforeEach(async () => {
    server = await startTestServer()
    room = await openRoom(server)
  })

  afterEach(async () => {
    await server.stop()
  })

  const record = async (who: Person = room.committee): Promise<ProxyRecord> => {
    const res = await room.call(who, 'GET', '/proxy')
    expect(res.status).toBe(200)
    return res.body as unknown as ProxyRecord
  }
  const addResident = async (name: string, unit = ''): Promise<string> => {
    const res = await room.call(room.committee, 'POST', '/proxy/residents', { name, unit })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return (res.body.resident as { id: string }).id
  }
  const toNegotiate = async () => {
    await room.moveTo('siteVisit')
    a = await addOption(room, '方案 A')
    b = await addOption(room, '方案 B')
    await room.moveTo('negotiate')
  }
  const openVote = async (body: Record<string, unknown> = { mode: 'single' }): Promise<string> => {
    const res = await room.call(room.organizer, 'POST', '/votes', { optionIds: [a, b], ...body })
    expect(res.status).toBe(201)
    return res.body.id as string
  }
  const vote = async (voteId: string): Promise<Vote> => (await room.state(room.organizer)).votes.find((v) => v.id === voteId)!
  const csv = async (kind: string, query = ''): Promise<string[][]> => {
    const res = await fetch(`${server.url}${room.base}/export/${kind}.csv?tz=UTC${query}`, { headers: { Authorization: `Bearer ${room.committee.token}` } })
    expect(res.status).toBe(200)
    return parseCsv((await res.text()).replace(/^\uFEFF/, '')).rows
  }

  it('refuses residents, experts and bare links, whatever they send, and enters only for residents', async () => {
    await room.moveTo('needs')
    const need = await addNeed(room, room.resident, '长椅不够')
    const body = { residentId: room.resident.participantId }
    for (const who of [room.resident, room.expert]) {
      for (const [method, path, extra] of [
        ['POST', '/proxy/residents', { name: '李阿姨' }],
        ['POST', `/proxy/needs/${need}/tick`, body],
        ['POST', '/proxy/needs', { ...body, x: 1, y: 2, categoryId: 'seating', text: '想要路灯' }],
        ['GET', '/proxy', undefined],
      ] as const) {
        expect(await room.call(who, method, path, extra), `${who.role} ${method} ${path}`).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
      }
    }
    // A committee member acts under her name: a bare committee link is refused before anything is read.
    expect(await room.call(room.committee.linkToken, 'POST', `/proxy/needs/${need}/tick`, body)).toMatchObject({ status: 403, body: { code: 'join_first' } })
    // Only residents are acted for: entering a tick for an expert would be the expert's own support.
    expect(await room.call(room.committee, 'POST', `/proxy/needs/${need}/tick`, { residentId: room.expert.participantId }))
      .toMatchObject({ status: 403, body: { code: 'not_a_resident' } })
    expect(await room.call(room.committee, 'POST', `/proxy/needs/${need}/tick`, { residentId: 'nobody' })).toMatchObject({ status: 404, body: { code: 'participant_not_found' } })
    // A name already in the project is that person: pick her from the list instead of adding a second one.
    expect(await room.call(room.committee, 'POST', '/proxy/residents', { name: '王阿姨' })).toMatchObject({ status: 409, body: { code: 'name_taken' } })
    expect((await room.state(room.resident)).needs.find((n) => n.id === need)!.ticks).toBe(1)
    // A resident added by name joins through the residents' link: with none left, she cannot be added.
    const links = await room.call(room.organizer, 'GET', '/links')
    for (const l of links.body.links as Array<{ linkId: string; role: string }>) {
      if (l.role === 'resident') expect((await room.call(room.organizer, 'DELETE', `/links/${l.linkId}`)).status).toBe(200)
    }
    expect(await room.call(room.committee, 'POST', '/proxy/residents', { name: '李阿姨' })).toMatchObject({ status: 409, body: { code: 'no_resident_link' } })
  })

  it('a need and a tick for a resident count once, say who entered them, and a later personal link opens the same resident', async () => {
    await createLink(server.url, room.project, 'resident')
    await room.moveTo('needs')
    const li = await addResident('李阿姨', '3号楼')
    const made = await room.call(room.committee, 'POST', '/proxy/needs', { residentId: li, x: 5, y: 6, categoryId: 'lighting', text: '楼下太黑' })
    expect(made.status).toBe(201)
    const needId = made.body.id as string
    const bench = await addNeed(room, room.resident, '长椅不够')

    // The committee ticks for 王阿姨, who ticked on her phone already (her own need): still one tick.
    expect(await room.call(room.committee, 'POST', `/proxy/needs/${bench}/tick`, { residentId: room.resident.participantId }))
      .toMatchObject({ status: 409, body: { code: 'already_ticked' } })
    expect((await room.call(room.committee, 'POST', `/proxy/needs/${needId}/tick`, { residentId: room.resident.participantId })).status).toBe(200)
    // …and then she ticks the same need on her phone: refused, counted once.
    expect(await room.call(room.resident, 'POST', `/needs/${needId}/tick`)).toMatchObject({ status: 409, body: { code: 'already_ticked' } })
    const state = await room.state(room.resident)
    const need = state.needs.find((n) => n.id === needId)!
    expect(need).toMatchObject({ ticks: 2, tickedByMe: true, author: { name: '李阿姨', role: 'resident', participantId: li } })
    expect(state.proxy).toMatchObject({ needs: [{ needId, byName: '刘主任', byRole: 'committee' }], ticks: [{ needId, count: 1 }] })
    expect((await record()).entries.map((e) => [e.kind, e.forName, e.byName])).toEqual([['need', '李阿姨', '刘主任'], ['tick', '王阿姨', '刘主任']])

    // The needs CSV says who entered what for whom.
    const rows = await csv('needs')
    expect(rows[0].at(-1)).toBe('代录')
    expect((await csv('needs', '&lang=en'))[0].at(-1)).toBe('Entered for residents')
    expect(rows.find((r) => r[2] === '楼下太黑')!.at(-1)).toBe('居委 刘主任 代 李阿姨 录入; 含代录 1')

    // Her phone later: the committee confirms her, and the personal link opens the same participant.
    const link = await room.call(room.committee, 'POST', `/participants/${li}/confirm`, {})
    expect(link.status).toBe(201)
    const claimed = await api(server.url, 'POST', `${room.base}/participants/claim`, { body: { code: link.body.code } })
    expect(claimed.status).toBe(200)
    const mine = (await room.state(claimed.body.token as string)).needs.find((n) => n.id === needId)!
    expect(mine).toMatchObject({ mine: true, tickedByMe: true })
  })

  it('a ballot entered for her refuses her own, lists the clash, and resolving it lets her vote; counted once throughout', async () => {
    await toNegotiate()
    const voteId = await openVote()
    const other = await room.join(room.resident.linkToken, '赵大爷', 'resident')
    // Raw HTTP: a resident cannot enter a ballot for anyone, nor paper ballots.
    expect(await room.call(other, 'POST', `/proxy/votes/${voteId}/ballots`, { residentId: room.resident.participantId, optionId: a }))
      .toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(await room.call(room.expert, 'POST', `/proxy/votes/${voteId}/paper`, { counts: { [a]: 50 }, source: '假的' }))
      .toMatchObject({ status: 403, body: { code: 'not_allowed' } })

    // Only what a resident may do herself now: no needs while negotiating.
    expect(await room.call(room.committee, 'POST', '/proxy/needs', { residentId: other.participantId, x: 1, y: 2, categoryId: 'seating', text: '想要路灯' }))
      .toMatchObject({ status: 403, body: { code: 'wrong_stage' } })
    expect((await room.call(room.committee, 'POST', `/proxy/votes/${voteId}/ballots`, { residentId: room.resident.participantId, optionId: a })).status).toBe(201)
    const refused = await room.call(room.resident, 'POST', `/votes/${voteId}/ballot`, { optionId: b })
    expect(refused).toMatchObject({ status: 409, body: { code: 'vote_entered_for_you', error: expect.stringContaining('刘主任') } })
    // 赵大爷 voted on his phone first: the committee's ballot for him is refused.
    expect((await room.call(other, 'POST', `/votes/${voteId}/ballot`, { optionId: b })).status).toBe(201)
    expect(await room.call(room.committee, 'POST', `/proxy/votes/${voteId}/ballots`, { residentId: other.participantId, optionId: a }))
      .toMatchObject({ status: 409, body: { code: 'voted_self' } })
    expect(await room.call(room.committee, 'POST', `/proxy/votes/${voteId}/ballots`, { residentId: room.resident.participantId, optionId: a }))
      .toMatchObject({ status: 409, body: { code: 'already_voted' } })

    let v = await vote(voteId)
    expect(v.ballots).toBe(2)
    expect(v.results!.map((r) => r.points)).toEqual([1, 1])
    expect((await room.state(room.resident)).proxy!.ballots).toEqual([{ voteId, count: 1, byVoter: [{ participantId: room.resident.participantId, byName: '刘主任', byRole: 'committee' }] }])
    // Her own phone is told who entered her ballot; nobody else is.
    expect((await room.state(room.resident)).proxy!.forMe).toEqual([{ voteId, byName: '刘主任', byRole: 'committee' }])
    expect((await room.state(other)).proxy!.forMe).toEqual([])
    const votesCsv = await csv('votes')
    expect(votesCsv.some((r) => r[6] === '王阿姨（居委 刘主任 代录）')).toBe(true)

    const { clashes } = await record()
    expect(clashes).toMatchObject([{ voteId, participantId: room.resident.participantId, name: '王阿姨', kept: null }])
    expect(await room.call(room.resident, 'POST', `/proxy/clashes/${clashes[0].id}`, { keep: 'own' })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect((await room.call(room.committee, 'POST', `/proxy/clashes/${clashes[0].id}`, { keep: 'own' })).status).toBe(200)
    expect(await room.call(room.committee, 'POST', `/proxy/clashes/${clashes[0].id}`, { keep: 'own' })).toMatchObject({ status: 409, body: { code: 'clash_resolved' } })
    v = await vote(voteId)
    expect(v.results!.map((r) => r.points)).toEqual([0, 1])
    expect((await room.call(room.resident, 'POST', `/votes/${voteId}/ballot`, { optionId: b })).status).toBe(201)
    v = await vote(voteId)
    expect([v.ballots, ...v.results!.map((r) => r.points)]).toEqual([2, 0, 2])
    const after = await record()
    expect(after.entries[0]).toMatchObject({ kind: 'ballot', forName: '王阿姨', removedByName: '刘主任', removedAt: expect.any(Number) })
    expect(after.clashes[0]).toMatchObject({ kept: 'own', resolvedByName: '刘主任' })

    // A closed vote takes nothing more, entered or on paper.
    expect((await room.call(room.organizer, 'POST', `/votes/${voteId}/close`)).status).toBe(200)
    const third = await room.join(room.resident.linkToken, '钱奶奶', 'resident')
    expect(await room.call(room.committee, 'POST', `/proxy/votes/${voteId}/ballots`, { residentId: third.participantId, optionId: a }))
      .toMatchObject({ status: 409, body: { code: 'vote_closed' } })
    expect(await room.call(room.committee, 'POST', `/proxy/votes/${voteId}/paper`, { counts: { [a]: 3 }, source: '纸质选票' }))
      .toMatchObject({ status: 409, body: { code: 'vote_closed' } })
  })

  it('keeps the vote\'s mode and anonymity: dots budget, and an anonymous entered ballot can only be kept', async () => {
    await toNegotiate()
    const dots = await openVote({ mode: 'dots', dotsPerPerson: 3, anonymous: true })
    const residentId = room.resident.participantId
    expect(await room.call(room.committee, 'POST', `/proxy/votes/${dots}/ballots`, { residentId, points: { [a]: 3, [b]: 1 } }))
      .toMatchObject({ status: 400, body: { code: 'over_budget' } })
    expect((await room.call(room.committee, 'POST', `/proxy/votes/${dots}/ballots`, { residentId, points: { [a]: 2, [b]: 1 } })).status).toBe(201)
    expect((await vote(dots)).results!.map((r) => r.points)).toEqual([2, 1])
    // Anonymous: the summary counts the entered ballot but names nobody.
    expect((await room.state(room.expert)).proxy!.ballots).toEqual([{ voteId: dots, count: 1, byVoter: [] }])
    expect((await room.call(room.resident, 'POST', `/votes/${dots}/ballot`, { points: { [a]: 1 } })).status).toBe(409)
    const [clash] = (await record()).clashes
    expect(await room.call(room.committee, 'POST', `/proxy/clashes/${clash.id}`, { keep: 'own' })).toMatchObject({ status: 409, body: { code: 'anonymous_ballot' } })
    expect((await room.call(room.committee, 'POST', `/proxy/clashes/${clash.id}`, { keep: 'committee' })).status).toBe(200)
    expect((await vote(dots)).results!.map((r) => r.points)).toEqual([2, 1])
  })

  it('paper ballots add to the tallies as their own line, can be corrected and removed with a record, and reach the CSV, report and archive', async () => {
    await toNegotiate()
    const voteId = await openVote()
    expect((await room.call(room.resident, 'POST', `/votes/${voteId}/ballot`, { optionId: a })).status).toBe(201)
    for (const [bad, code] of [
      [{ counts: { [a]: -1 }, source: '纸质' }, 'invalid_counts'],
      [{ counts: { [a]: 0 }, source: '纸质' }, 'invalid_counts'],
      [{ counts: { nope: 3 }, source: '纸质' }, 'invalid_option'],
      [{ counts: { [a]: 3 } }, 'invalid_source'],
    ] as const) {
      expect(await room.call(room.committee, 'POST', `/proxy/votes/${voteId}/paper`, bad)).toMatchObject({ status: 400, body: { code } })
    }
    const first = await room.call(room.committee, 'POST', `/proxy/votes/${voteId}/paper`, { counts: { [a]: 12, [b]: 5 }, source: '纸质选票，3号楼活动室' })
    expect(first.status).toBe(201)
    const fixed = await room.call(room.committee, 'PUT', `/proxy/votes/${voteId}/paper/${first.body.id as string}`, { counts: { [a]: 12, [b]: 4 }, source: '纸质选票，3号楼活动室' })
    expect(fixed.status).toBe(200)
    expect(await room.call(room.committee, 'DELETE', `/proxy/votes/${voteId}/paper/${first.body.id as string}`)).toMatchObject({ status: 409, body: { code: 'paper_batch_removed' } })
    const extra = await room.call(room.organizer, 'POST', `/proxy/votes/${voteId}/paper`, { counts: { [b]: 7 }, source: '重复录入' })
    expect((await room.call(room.committee, 'DELETE', `/proxy/votes/${voteId}/paper/${extra.body.id as string}`)).status).toBe(200)

    const v = await vote(voteId)
    expect(v.results!.map((r) => r.points)).toEqual([13, 4])
    expect(v.ballots).toBe(1)
    expect((await room.state(room.resident)).proxy!.paper).toEqual([{ voteId, optionId: a, points: 12 }, { voteId, optionId: b, points: 4 }])
    const { paper } = await record(room.organizer)
    expect(paper.map((p) => [p.source, p.counts, p.removedByName, p.replacedBy])).toEqual([
      ['纸质选票，3号楼活动室', { [a]: 12, [b]: 5 }, '刘主任', fixed.body.id],
      ['纸质选票，3号楼活动室', { [a]: 12, [b]: 4 }, null, null],
      ['重复录入', { [b]: 7 }, '刘主任', null],
    ])

    // CSV: the voter rows and a paper row per option, summing to the option's points.
    const rows = (await csv('votes')).slice(1)
    expect(rows.filter((r) => r[4] === '方案 A').map((r) => [r[5], r[6]])).toEqual([['1', '王阿姨'], ['12', '纸质 12 票']])
    expect(rows.filter((r) => r[4] === '方案 B').map((r) => [r[5], r[6]])).toEqual([['4', '纸质 4 票']])

    // The report shows the paper line under the bars.
    const dir = tempDir()
    try {
      const res = await postReport(server.url, room.project.projectId, room.committee.token, { lang: 'zh-CN', paper: 'a4-portrait' })
      expect(res.status).toBe(200)
      expect(pdfText(new Uint8Array(await res.arrayBuffer()), dir)).toMatch(/纸质\s*12\s*票/)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }

    // The archive carries every entry, batch and clash: a fresh server shows the same counts and record.
    const zip = await fetch(`${server.url}${room.base}/export/archive`, { headers: { Authorization: `Bearer ${room.committee.token}` } })
    expect(zip.status).toBe(200)
    const other = await startTestServer()
    try {
      const imported = await fetch(`${other.url}/api/projects/import`, { method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: new Uint8Array(await zip.arrayBuffer()) })
      expect(imported.status).toBe(201)
      const again = await api(other.url, 'GET', `${room.base}/proxy`, { token: room.committee.token })
      expect(again.body).toEqual(await record())
      const state = await api(other.url, 'GET', `${room.base}/participation`, { token: room.committee.token })
      expect(state.body.proxy).toEqual((await room.state(room.committee)).proxy)
    } finally {
      await other.stop()
    }
  })
})
