/**
 * "A person is who they joined as", attacked as a hostile link holder: a shared
 * link plus someone else's name and unit must never hand over that person, nor let the holder vote,
 * approve or rename as them; namesakes stay two people everywhere; another device comes only from a
 * device the person holds or from an in-person confirmation, which is recorded.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../server/storage/SqliteStorage.js'
import type { PeopleList } from '../../src/shared/identity.js'
import type { Participant } from '../../src/shared/projectApi.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { parseCsv, pdfText, postReport, tempDir } from './exportTestKit.js'
import { addNeed, addOption, openRoom, otherDevice, type Person, type Room } from './participationTestKit.js'
import { api, createLink, createProject } from './workflowTestKit.js'

describe('identity: a person is who they joined as', () => {
  let server: TestServer
  let room: Room

  beforeEach(async () => {
    server = await startTestServer()
    room = await openRoom(server)
  })

  afterEach(async () => {
    await server.stop()
  })

  const join = (token: string, body: Record<string, unknown>) => api(server.url, 'POST', `${room.base}/participants`, { token, body })
  const person = (res: { body: Record<string, unknown> }, linkToken: string): Person => {
    const p = res.body.participant as Participant
    return { name: p.label, role: p.role, participantId: p.id, token: res.body.token as string, linkToken }
  }
  const people = async (who: Person | string) => (await room.call(who, 'GET', '/people')).body as unknown as PeopleList

  it("a resident link holder who types her neighbour's name and unit gets no participant or token of hers, and cannot vote, rename or tick as her", async () => {
    const link = room.resident.linkToken
    const neighbourJoin = await join(link, { name: '李阿姨', unit: '5 号楼 1 单元' })
    expect(neighbourJoin.status).toBe(201)
    const neighbour = person(neighbourJoin, link)

    // The attack of the issue: the same link, her name and unit.
    const taken = await join(link, { name: '李阿姨', unit: '5 号楼 1 单元' })
    expect(taken).toMatchObject({ status: 409, body: { code: 'name_taken', error: expect.any(String) } })
    expect(taken.body.token).toBeUndefined()
    expect(taken.body.participant).toBeUndefined()
    // Name spelled with other spacing or composition is still the same name: still refused.
    expect(await join(link, { name: '  李阿姨 ', unit: '5 号楼 1 单元' })).toMatchObject({ status: 409, body: { code: 'name_taken' } })

    // Going on as a new person gives a NEW participant, told apart; never hers.
    const namesakeJoin = await join(link, { name: '李阿姨', unit: '5 号楼 1 单元', newPerson: true })
    expect(namesakeJoin.status).toBe(201)
    const attacker = person(namesakeJoin, link)
    expect(attacker.participantId).not.toBe(neighbour.participantId)
    expect(namesakeJoin.body.participant).toMatchObject({ name: '李阿姨', seq: 2, label: '李阿姨 ②' })
    expect((await api(server.url, 'GET', room.base, { token: attacker.token })).body).toMatchObject({ participantId: attacker.participantId })

    // Rename cannot collide into her, nor make the namesake pass for the first 李阿姨.
    expect(await room.call(attacker, 'PATCH', '/participants/me', { name: '李阿姨', unit: '5 号楼 1 单元' }))
      .toMatchObject({ status: 409, body: { code: 'name_taken' } })
    const renamedAway = await room.call(attacker, 'PATCH', '/participants/me', { name: '李阿姨', unit: '' })
    expect(renamedAway.status).toBe(200)
    expect(renamedAway.body.participant).toMatchObject({ id: attacker.participantId, label: '李阿姨 ②' })
    // Renaming to a fresh name and back still numbers it after her.
    expect((await room.call(attacker, 'PATCH', '/participants/me', { name: '小李' })).body.participant).toMatchObject({ label: '小李' })
    expect((await room.call(attacker, 'PATCH', '/participants/me', { name: '李阿姨', unit: '6 号楼' })).body.participant)
      .toMatchObject({ name: '李阿姨', seq: 2, label: '李阿姨 ②' })
    // Her own name is untouched.
    const list = await people(room.organizer)
    expect(list.participants.find((p) => p.id === neighbour.participantId)).toMatchObject({ name: '李阿姨', unit: '5 号楼 1 单元', label: '李阿姨' })

    // A device holding a personal token that joins again gets its own participant, whatever name it sends.
    const rejoin = await join(attacker.token, { name: '李阿姨', unit: '5 号楼 1 单元' })
    expect(rejoin.status).toBe(200)
    expect((rejoin.body.participant as Participant).id).toBe(attacker.participantId)

    // Ticks and ballots: each counts once, under each one's own id; her own ballot still works.
    await room.moveTo('needs')
    const needId = await addNeed(room, room.committee, '楼下需要晾衣架')
    expect((await room.call(attacker, 'POST', `/needs/${needId}/tick`)).status).toBe(200)
    expect((await room.call(neighbour, 'POST', `/needs/${needId}/tick`)).status).toBe(200)
    await room.moveTo('siteVisit')
    const a = await addOption(room, '方案 A')
    const b = await addOption(room, '方案 B')
    await room.moveTo('negotiate')
    const vote = await room.call(room.organizer, 'POST', '/votes', { optionIds: [a, b], mode: 'single' })
    const voteId = vote.body.id as string
    expect((await room.call(attacker, 'POST', `/votes/${voteId}/ballot`, { optionId: b })).status).toBe(201)
    expect((await room.call(neighbour, 'POST', `/votes/${voteId}/ballot`, { optionId: a })).status).toBe(201)
    const state = await room.state(room.organizer)
    const counted = state.votes.find((v) => v.id === voteId)!
    expect(counted.ballots).toBe(2)
    expect(counted.results!.map((r) => r.voters!.map((v) => [v.participantId, v.name]))).toEqual([
      [[neighbour.participantId, '李阿姨']], [[attacker.participantId, '李阿姨 ②']],
    ])
    expect(state.needs.find((n) => n.id === needId)).toMatchObject({ ticks: 3 })
  })

  it('a committee member cannot rejoin as a colleague, confirm a colleague, nor approve twice from two devices', async () => {
    const committeeLink = room.committee.linkToken
    const colleague = person(await join(committeeLink, { name: '张委员' }), committeeLink)

    // Neither the plain rejoin nor "as a new person" works on a committee link: a second 张委员 would be a second approval.
    expect(await join(committeeLink, { name: '张委员' })).toMatchObject({ status: 409, body: { code: 'name_taken' } })
    const asNew = await join(committeeLink, { name: '张委员', newPerson: true })
    expect(asNew).toMatchObject({ status: 409, body: { code: 'name_taken' } })
    expect(asNew.body.token).toBeUndefined()
    // Her own personal token cannot be used to confirm a colleague and take a link for her.
    expect(await room.call(room.committee, 'POST', `/participants/${colleague.participantId}/confirm`, {}))
      .toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    // Rename into the colleague: refused.
    expect(await room.call(room.committee, 'PATCH', '/participants/me', { name: '张委员' })).toMatchObject({ status: 409, body: { code: 'name_taken' } })

    await room.moveTo('siteVisit')
    const a = await addOption(room, '方案 A')
    await room.moveTo('negotiate')
    expect((await room.call(room.organizer, 'PUT', '/quorum', { approvals: 2 })).status).toBe(200)
    // Two devices of one member are one approval.
    const tablet = await otherDevice(room, room.committee)
    expect((await room.call(room.committee, 'POST', '/approvals', { optionId: a })).status).toBe(200)
    expect((await room.call(tablet, 'POST', '/approvals', { optionId: a })).status).toBe(200)
    expect((await room.state(room.organizer)).approvals.map((x) => x.participantId)).toEqual([room.committee.participantId])
    expect(await room.call(room.organizer, 'POST', '/agreement', { optionId: a }))
      .toMatchObject({ status: 409, body: { code: 'quorum_not_reached', error: expect.stringMatching(/1 of the 2/) } })
    // The colleague's own approval counts as hers.
    expect((await room.call(colleague, 'POST', '/approvals', { optionId: a })).status).toBe(200)
    expect((await room.call(room.organizer, 'POST', '/agreement', { optionId: a })).status).toBe(200)
  })

  it('in-person confirmation by a committee member or the organizer gives a one-time link for that person, recorded with who and when', async () => {
    // 王阿姨 lost her phone: her old token is gone; she cannot get back in by typing her name.
    expect(await join(room.resident.linkToken, { name: '王阿姨' })).toMatchObject({ status: 409, body: { code: 'name_taken' } })

    const before = Date.now()
    const made = await room.call(room.committee, 'POST', `/participants/${room.resident.participantId}/confirm`, {})
    expect(made.status).toBe(201)
    const code = made.body.code as string
    expect(made.body).toMatchObject({
      participant: { id: room.resident.participantId, label: '王阿姨' },
      link: `/join/${room.project.projectId}#claim=${code}`,
      expiresAt: expect.any(Number),
    })
    expect(made.body.expiresAt as number).toBeGreaterThan(before)

    const claimed = await api(server.url, 'POST', `${room.base}/participants/claim`, { body: { code } })
    expect(claimed.status).toBe(200)
    expect(claimed.body.participant).toMatchObject({ id: room.resident.participantId })
    const newPhone: Person = { ...room.resident, token: claimed.body.token as string }
    expect((await api(server.url, 'GET', room.base, { token: newPhone.token })).body).toMatchObject({ participantId: room.resident.participantId, role: 'resident' })
    // Once only.
    expect(await api(server.url, 'POST', `${room.base}/participants/claim`, { body: { code } })).toMatchObject({ status: 410, body: { code: 'claim_used' } })
    // The new phone acts as her: her need is hers.
    await room.moveTo('needs')
    const needId = await addNeed(room, newPhone, '想要一个遮阳棚')
    expect((await room.state(room.resident)).needs.find((n) => n.id === needId)).toMatchObject({ mine: true })

    // The organizer confirms anyone, committee members included.
    const organizerMade = await room.call(room.organizer, 'POST', `/participants/${room.committee.participantId}/confirm`, {})
    expect(organizerMade.status).toBe(201)

    // Recorded: who confirmed whom, when, and whether it was used — for the organizer only.
    const log = (await people(room.organizer)).identityEvents
    expect(log).toEqual([
      expect.objectContaining({ kind: 'confirmed', participantId: room.committee.participantId, participantName: '刘主任', byName: '王老师', byRole: 'organizer', usedAt: null }),
      expect.objectContaining({
        kind: 'confirmed', participantId: room.resident.participantId, participantName: '王阿姨',
        byParticipantId: room.committee.participantId, byName: '刘主任', byRole: 'committee', usedAt: expect.any(Number),
      }),
    ])
    expect(log[1].at).toBeGreaterThanOrEqual(before)
    const committeeView = await people(room.committee)
    expect(committeeView.identityEvents).toEqual([])
    expect(committeeView.participants.map((p) => p.label)).toEqual(['王老师', '陈设计师', '刘主任', '王阿姨'])
  })

  it('a resident, an expert or a bare committee link cannot confirm anyone, nor read the people list', async () => {
    const neighbour = await room.join(room.resident.linkToken, '李大爷', 'resident')
    for (const [who, code] of [[room.resident, 'not_allowed'], [room.expert, 'not_allowed'], [room.committee.linkToken, 'join_first']] as const) {
      const res = await room.call(who, 'POST', `/participants/${neighbour.participantId}/confirm`, {})
      expect(res, JSON.stringify(who)).toMatchObject({ status: 403, body: { code } })
      expect(res.body.code).not.toBeUndefined()
      expect(res.body.link).toBeUndefined()
    }
    expect(await room.call(room.resident, 'GET', '/people')).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect(await room.call(room.resident, 'POST', '/participants/nobody-here/confirm', {})).toMatchObject({ status: 403 })
    expect(await room.call(room.organizer, 'POST', '/participants/nobody-here/confirm', {})).toMatchObject({ status: 404, body: { code: 'participant_not_found' } })
    // A bare link cannot make a device link: it names nobody.
    expect(await room.call(room.resident.linkToken, 'POST', '/participants/me/device-link', {})).toMatchObject({ status: 403, body: { code: 'join_first' } })
  })

  it('a personal link works once, only for its own participant and project; a newer one replaces it; a withdrawn link keeps it unspent', async () => {
    const claim = (code: unknown, base = room.base) => api(server.url, 'POST', `${base}/participants/claim`, { body: { code } })
    const first = (await room.call(room.resident, 'POST', '/participants/me/device-link', {})).body.code as string
    const second = (await room.call(room.resident, 'POST', '/participants/me/device-link', {})).body.code as string
    // Only the newest works: the first expired when the second was made.
    expect(await claim(first)).toMatchObject({ status: 410, body: { code: 'claim_expired' } })
    // Not on another project.
    const other = await createProject(server.url)
    expect(await claim(second, `/api/projects/${other.projectId}`)).toMatchObject({ status: 404, body: { code: 'claim_not_found' } })
    // Not a guess, nor a role link's token, nor a personal token.
    for (const wrong of ['x', 42, room.resident.linkToken, room.resident.token, 'A'.repeat(43)]) {
      const res = await claim(wrong)
      expect([400, 404], JSON.stringify(wrong)).toContain(res.status)
      expect(res.body.token).toBeUndefined()
    }
    // For its own participant only.
    const used = await claim(second)
    expect(used.status).toBe(200)
    expect((used.body.participant as Participant).id).toBe(room.resident.participantId)
    expect(await claim(second)).toMatchObject({ status: 410, body: { code: 'claim_used' } })

    // A personal link for someone whose link was withdrawn is refused and stays unspent.
    const building = await createLink(server.url, room.project, 'resident')
    const uncle = await room.join(building.token, '赵大爷', 'resident')
    const code = (await room.call(uncle, 'POST', '/participants/me/device-link', {})).body.code as string
    expect((await api(server.url, 'DELETE', `${room.base}/links/${building.linkId}`, { token: room.project.organizerToken })).status).toBe(200)
    expect(await claim(code)).toMatchObject({ status: 403, body: { code: 'link_revoked' } })
    expect(await room.call(room.organizer, 'POST', `/participants/${uncle.participantId}/confirm`, {}))
      .toMatchObject({ status: 409, body: { code: 'participant_link_closed' } })
  })

  it('a retried join with its join key answers the participant it made, never a second one', async () => {
    const joinKey = 'k'.repeat(30)
    const made = await join(room.resident.linkToken, { name: '孙奶奶', joinKey })
    expect(made.status).toBe(201)
    const retried = await join(room.resident.linkToken, { name: '孙奶奶', joinKey })
    expect(retried.status).toBe(200)
    expect((retried.body.participant as Participant).id).toBe((made.body.participant as Participant).id)
    expect(retried.body.token).not.toBe(made.body.token)
    // Another page (another key, or none) with the same name is refused.
    expect(await join(room.resident.linkToken, { name: '孙奶奶', joinKey: 'z'.repeat(30) })).toMatchObject({ status: 409, body: { code: 'name_taken' } })
    // The key belongs to the link it was used on.
    const other = await createLink(server.url, room.project, 'resident')
    expect((await join(other.token, { name: '周阿姨', joinKey })).status).toBe(201)
    expect(await join(room.resident.linkToken, { name: '孙奶奶', joinKey: 'bad key' })).toMatchObject({ status: 400, body: { code: 'invalid_joinKey' } })
    expect((await people(room.organizer)).participants.filter((p) => p.name === '孙奶奶')).toHaveLength(1)
  })

  it("a name typed to look like another person's label — a namesake number, #digits, invisible characters, look-alike forms — is refused or taken, on join and rename", async () => {
    const link = room.resident.linkToken
    const wang = person(await join(link, { name: '王芳', unit: '3 号楼' }), link)
    const second = await join(link, { name: '王芳', unit: '3 号楼', newPerson: true })
    expect(second.body.participant).toMatchObject({ label: '王芳 ②' })

    // Typed literally, each would be shown exactly as someone else is (or would be): refused, nothing made.
    const spoofs = [
      '王芳 ②', '王芳 ③', '王芳 ①', '王芳 ⑳', '王芳\u3000②', '王芳 #2', '王芳 #12', '王芳 ＃２',
      '王\u200b芳', '王芳\u200b', '\u200b王芳', '王芳\u200d', '王\u2060芳', '王\u00ad芳', '\u202e王芳', '王芳\ufeff', '王\u3164芳',
    ]
    for (const name of spoofs) {
      const res = await join(link, { name, unit: '3 号楼', newPerson: true })
      expect(res, JSON.stringify(name)).toMatchObject({ status: 400, body: { code: 'invalid_name', error: expect.any(String) } })
      expect(res.body.token).toBeUndefined()
      expect(res.body.participant).toBeUndefined()
      // Nor through a committee link, nor as a rename of someone who already joined.
      expect(await join(room.committee.linkToken, { name }), JSON.stringify(name)).toMatchObject({ status: 400, body: { code: 'invalid_name' } })
      expect(await room.call(room.expert, 'PATCH', '/participants/me', { name }), JSON.stringify(name)).toMatchObject({ status: 400, body: { code: 'invalid_name' } })
    }
    // A unit with invisible characters is refused too.
    expect(await join(link, { name: '赵六', unit: '3\u200b 号楼' })).toMatchObject({ status: 400, body: { code: 'invalid_unit' } })

    // Look-alike spellings compare as the same name: full-width letters, ideographic and doubled spaces.
    const ann = person(await join(link, { name: 'Ann Li' }), link)
    for (const name of ['Ａｎｎ Ｌｉ', 'Ann\u3000Li', 'Ann   Li', 'Ann\u00a0Li']) {
      expect(await join(link, { name }), JSON.stringify(name)).toMatchObject({ status: 409, body: { code: 'name_taken' } })
      expect(await room.call(room.expert, 'PATCH', '/participants/me', { name }), JSON.stringify(name)).toMatchObject({ status: 409, body: { code: 'name_taken' } })
    }
    // A namesake of a look-alike spelling is stored in the canonical spelling and numbered after the first.
    const namesake = await join(link, { name: 'Ａｎｎ　Ｌｉ', newPerson: true })
    expect(namesake).toMatchObject({ status: 201, body: { participant: { name: 'Ann Li', seq: 2, label: 'Ann Li ②' } } })
    const labels = (await people(room.organizer)).participants.map((p) => p.label)
    expect(labels.filter((l) => l.startsWith('Ann'))).toEqual(['Ann Li', 'Ann Li ②'])
    expect(labels.filter((l) => l.startsWith('王芳'))).toEqual(['王芳', '王芳 ②'])
    expect(labels.some((l) => /\p{Cf}/u.test(l))).toBe(false)

    // Names that merely contain numbers or circled digits elsewhere stay fine.
    for (const name of ['王芳2', '②号楼王芳', '王芳 2号', '#2 王芳', '王芳#2']) {
      expect((await join(link, { name })).status, JSON.stringify(name)).toBe(201)
    }
    expect(ann.participantId).not.toBe(wang.participantId)
  })

  it('a join key answers its participant only to a retry of the same name and unit; another person on the same page gets a participant of their own', async () => {
    const link = room.resident.linkToken
    const joinKey = 'shared-tablet-key-000000'
    const first = await join(link, { name: '钱阿姨', unit: '7 号楼', joinKey })
    expect(first.status).toBe(201)
    // The same page, the same key, another person within the window: never 钱阿姨.
    const next = await join(link, { name: '孙大爷', unit: '8 号楼', joinKey })
    expect(next.status).toBe(201)
    expect((next.body.participant as Participant).id).not.toBe((first.body.participant as Participant).id)
    expect(next.body.participant).toMatchObject({ name: '孙大爷', unit: '8 号楼' })
    // Same name, another unit: also another person (a resident's unit tells them apart).
    const other = await join(link, { name: '钱阿姨', unit: '9 号楼', joinKey })
    expect(other.status).toBe(201)
    expect((other.body.participant as Participant).id).not.toBe((first.body.participant as Participant).id)
    // The true retry still answers the first participant.
    const retried = await join(link, { name: ' 钱阿姨 ', unit: '7  号楼', joinKey })
    expect(retried.status).toBe(200)
    expect((retried.body.participant as Participant).id).toBe((first.body.participant as Participant).id)
  })

  it("a personal link stops working once the link of whoever issued it is withdrawn, and stays unspent", async () => {
    const claim = (code: string) => api(server.url, 'POST', `${room.base}/participants/claim`, { body: { code } })
    const committeeLink = await createLink(server.url, room.project, 'committee')
    const member = await room.join(committeeLink.token, '周委员', 'committee')
    const neighbour = await room.join(room.resident.linkToken, '吴奶奶', 'resident')
    const made = await room.call(member, 'POST', `/participants/${neighbour.participantId}/confirm`, {})
    expect(made.status).toBe(201)
    const code = made.body.code as string

    // The member is removed: her link is withdrawn. The code she handed out no longer works.
    expect((await api(server.url, 'DELETE', `${room.base}/links/${committeeLink.linkId}`, { token: room.project.organizerToken })).status).toBe(200)
    const refused = await claim(code)
    expect(refused).toMatchObject({ status: 403, body: { code: 'claim_issuer_closed', error: expect.any(String) } })
    expect(refused.body.token).toBeUndefined()
    expect(await claim(code)).toMatchObject({ status: 403, body: { code: 'claim_issuer_closed' } })
    const record = (await people(room.organizer)).identityEvents.find((e) => e.participantId === neighbour.participantId)
    expect(record).toMatchObject({ byName: '周委员', usedAt: null })
    // The organizer can still confirm her; that code works.
    const again = await room.call(room.organizer, 'POST', `/participants/${neighbour.participantId}/confirm`, {})
    const used = await claim(again.body.code as string)
    expect(used.status).toBe(200)
    expect((used.body.participant as Participant).id).toBe(neighbour.participantId)
  })

  it("a bare committee link cannot read the people list (names and units): it needs a member's personal token", async () => {
    const bare = await room.call(room.committee.linkToken, 'GET', '/people')
    expect(bare).toMatchObject({ status: 403, body: { code: 'join_first' } })
    expect(bare.body.participants).toBeUndefined()
    expect((await room.call(room.committee, 'GET', '/people')).status).toBe(200)
    // The organizer's link is accountable as it is.
    expect((await room.call(room.project.organizerToken, 'GET', '/people')).status).toBe(200)
  })
})

describe('identity: two people of the same name stay two', () => {
  let server: TestServer
  let dir: string

  beforeEach(async () => {
    server = await startTestServer()
    dir = tempDir()
  })

  afterEach(async () => {
    await server.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('two 王芳 are two in the dashboard, the vote count, the CSV exports and the PDF report', async () => {
    const room = await openRoom(server)
    const wang1 = await room.join(room.resident.linkToken, '王芳', 'resident')
    const second = await api(server.url, 'POST', `${room.base}/participants`, { token: room.resident.linkToken, body: { name: '王芳', newPerson: true } })
    expect(second.status).toBe(201)
    const wang2: Person = { name: '王芳 ②', role: 'resident', participantId: (second.body.participant as Participant).id, token: second.body.token as string, linkToken: room.resident.linkToken }
    // Two experts of one name too (the PDF names experts).
    const expertLink = (await createLink(server.url, room.project, 'expert')).token
    const e1 = await room.join(expertLink, '陈工', 'expert')
    const e2res = await api(server.url, 'POST', `${room.base}/participants`, { token: expertLink, body: { name: '陈工', newPerson: true } })
    const e2: Person = { ...e1, participantId: (e2res.body.participant as Participant).id, token: e2res.body.token as string }

    const dashboard = await room.call(room.organizer, 'GET', '/dashboard')
    const labels = (dashboard.body.participants as Participant[]).map((p) => p.label)
    expect(labels).toEqual(expect.arrayContaining(['王芳', '王芳 ②', '陈工', '陈工 ②']))
    expect(dashboard.body.participantsByRole).toMatchObject({ resident: 3, expert: 3 })

    await room.moveTo('needs')
    await addNeed(room, wang1, '一号楼前需要路灯')
    await addNeed(room, wang2, '三号楼前需要座椅')
    await room.moveTo('siteVisit')
    const a = await addOption(room, '方案 A：树下座椅')
    const b = await addOption(room, '方案 B：环形步道')
    await room.moveTo('negotiate')
    const voteId = (await room.call(room.organizer, 'POST', '/votes', { optionIds: [a, b], mode: 'single' })).body.id as string
    for (const [who, optionId] of [[wang1, a], [wang2, a], [e1, b], [e2, b]] as const) {
      expect((await room.call(who, 'POST', `/votes/${voteId}/ballot`, { optionId })).status).toBe(201)
    }
    expect((await room.call(room.organizer, 'POST', `/votes/${voteId}/close`)).status).toBe(200)
    const vote = (await room.state(room.organizer)).votes.find((v) => v.id === voteId)!
    expect(vote.ballots).toBe(4)
    expect(vote.results!.map((r) => [r.points, r.voters!.map((v) => v.name).sort()])).toEqual([[2, ['王芳', '王芳 ②']], [2, ['陈工', '陈工 ②']]])

    const csv = async (kind: string) => {
      const res = await fetch(`${server.url}${room.base}/export/${kind}.csv?lang=zh-CN`, { headers: { Authorization: `Bearer ${room.committee.token}` } })
      expect(res.status).toBe(200)
      return parseCsv((await res.text()).replace(/^\uFEFF/, '')).rows
    }
    const votes = await csv('votes')
    const voters = votes.slice(1).map((row) => row.at(-2))
    expect(voters).toEqual(expect.arrayContaining(['王芳', '王芳 ②', '陈工', '陈工 ②']))
    const needs = await csv('needs')
    const authors = needs.slice(1).map((row) => row[7])
    expect(authors).toEqual(expect.arrayContaining(['王芳', '王芳 ②']))

    const pdf = await postReport(server.url, room.project.projectId, room.organizer.token, { lang: 'zh-CN' })
    expect(pdf.status).toBe(200)
    const text = pdfText(new Uint8Array(await pdf.arrayBuffer()), dir)
    expect(text).toContain('陈工 ②')
    expect(text).toContain('王芳 ②')
  })

  it('numbers the namesakes already stored when an older database is upgraded', async () => {
    const dataDir = tempDir()
    const first = await startTestServer({ dataDir })
    const room = await openRoom(first)
    const other = await createLink(first.url, room.project, 'resident')
    await room.join(room.resident.linkToken, '王芳', 'resident')
    expect((await api(first.url, 'POST', `${room.base}/participants`, { token: other.token, body: { name: '王芳', newPerson: true } })).status).toBe(201)
    await first.stop()
    // Make it the version-3 database the issue was found on: no numbers, namesakes on two links.
    const db = new Database(path.join(dataDir, DATABASE_FILE))
    db.exec(`
      DROP INDEX participants_by_name; DROP INDEX participants_by_join_key; DROP TABLE participant_claims;
      ALTER TABLE participants DROP COLUMN seq; ALTER TABLE participants DROP COLUMN join_key_hash;
      CREATE UNIQUE INDEX participants_identity ON participants(link_id, name, unit);
      ALTER TABLE projects DROP COLUMN north_degrees;
      UPDATE workflow_schema SET version = 3;
    `)
    db.close()
    const again = await startTestServer({ dataDir })
    try {
      const res = await api(again.url, 'GET', `${room.base}/people`, { token: room.project.organizerToken })
      expect((res.body as unknown as PeopleList).participants.filter((p) => p.name === '王芳').map((p) => p.label)).toEqual(['王芳', '王芳 ②'])
    } finally {
      await again.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
