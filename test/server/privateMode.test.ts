/**
 * Private mode (各自先想): the server withholds a period's items from everyone but their author —
 * through the GET view, the event stream and the exports — refuses ticks until the reveal, lets only
 * the organizer start and reveal, and shows everything once revealed (or once the stage moves on).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ParticipationState } from '../../src/shared/participation.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { pdfText, postReport, tempDir } from './exportTestKit.js'
import { addNeed, addOption, openRoom, type Person, type Room } from './participationTestKit.js'
import { closeAllStreams, openEvents, type EventReader } from './workflowTestKit.js'

const texts = (s: ParticipationState) => s.needs.map((n) => n.text).sort()

describe('private mode (各自先想)', () => {
  let server: TestServer
  let room: Room
  let neighbour: Person

  beforeEach(async () => {
    server = await startTestServer()
    room = await openRoom(server)
    neighbour = await room.join(room.resident.linkToken, '李大爷', 'resident')
  })

  afterEach(async () => {
    closeAllStreams()
    await server.stop()
  })

  const lastParticipation = async (stream: EventReader, until: (s: ParticipationState) => boolean): Promise<ParticipationState> => {
    for (;;) {
      const e = await stream.next('a participation event')
      if (e.event === 'participation' && until(e.data as unknown as ParticipationState)) return e.data as unknown as ParticipationState
    }
  }

  const exportCsv = async (who: Person) => {
    const res = await fetch(`${server.url}${room.base}/export/needs.csv`, { headers: { Authorization: `Bearer ${who.token}` } })
    return { status: res.status, text: await res.text() }
  }
  const exportArchive = (who: Person) =>
    fetch(`${server.url}${room.base}/export/archive`, { headers: { Authorization: `Bearer ${who.token}` } })

  it('lets only the organizer start and reveal, in Collect needs and Negotiate, with a clear code for each refusal', async () => {
    expect(await room.call(room.organizer, 'POST', '/private', { leadersSee: 'counts' })).toMatchObject({ status: 403, body: { code: 'wrong_stage' } })
    await room.moveTo('needs')
    for (const who of [room.resident, room.committee, room.expert]) {
      expect(await room.call(who, 'POST', '/private', { leadersSee: 'counts' })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    }
    expect(await room.call(room.organizer, 'POST', '/private', { leadersSee: 'everything' })).toMatchObject({ status: 400, body: { code: 'invalid_leadersSee' } })
    expect(await room.call(room.organizer, 'POST', '/private', {})).toMatchObject({ status: 400, body: { code: 'invalid_leadersSee' } })
    expect(await room.call(room.organizer, 'POST', '/private/reveal')).toMatchObject({ status: 409, body: { code: 'no_private_period' } })

    const started = await room.call(room.organizer, 'POST', '/private', { leadersSee: 'counts' })
    expect(started.status).toBe(200)
    expect((started.body.participation as ParticipationState).privatePeriod).toMatchObject({ scope: 'needs', leadersSee: 'counts', startedBy: '王老师', items: 0 })
    expect(await room.call(room.organizer, 'POST', '/private', { leadersSee: 'content' })).toMatchObject({ status: 409, body: { code: 'private_period_active' } })
    for (const who of [room.resident, room.committee, room.resident.linkToken]) {
      expect(await room.call(who, 'POST', '/private/reveal')).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    }
    expect((await room.call(room.organizer, 'POST', '/private/reveal')).status).toBe(200)
    expect((await room.state(room.resident)).privatePeriod).toBeNull()
  })

  it('withholds others\' needs from the view, the event stream and the exports until the reveal; ticks wait for it', async () => {
    await room.moveTo('needs')
    const before = await addNeed(room, room.committee, '门口需要坡道')
    expect((await room.call(room.organizer, 'POST', '/private', { leadersSee: 'counts' })).status).toBe(200)
    const neighbourStream = await openEvents(server.url, room.project.projectId, neighbour.token)
    await neighbourStream.next('the first state')

    const mine = await addNeed(room, room.resident, '晚上太黑，想装路灯')
    await addNeed(room, neighbour, '想要一个晾衣的地方')
    await addNeed(room, room.committee, '居委：长椅不够', { source: 'paper', raisedBy: 3 })

    // Each person: what was there before, and their own.
    const resident = await room.state(room.resident)
    expect(texts(resident)).toEqual(['晚上太黑，想装路灯', '门口需要坡道'].sort())
    expect(resident.needs.find((n) => n.id === mine)).toMatchObject({ mine: true })
    expect(resident.privatePeriod).toMatchObject({ items: 3, mine: 1, hidden: 2 })
    expect(texts(await room.state(neighbour))).toEqual(['想要一个晾衣的地方', '门口需要坡道'].sort())
    // The organizer chose counts only: the organizer and committee see how many, not what.
    expect(texts(await room.state(room.organizer))).toEqual(['门口需要坡道'])
    expect((await room.state(room.organizer)).privatePeriod).toMatchObject({ items: 3, mine: 0, hidden: 3 })
    expect(texts(await room.state(room.committee))).toEqual(['居委：长椅不够', '门口需要坡道'].sort())
    // A bare role link is nobody: nothing of the period.
    expect(texts(await room.state(room.resident.linkToken))).toEqual(['门口需要坡道'])

    // The event stream pushes each viewer only their own view.
    const pushed = await lastParticipation(neighbourStream, (s) => s.privatePeriod?.items === 3)
    expect(texts(pushed)).toEqual(['想要一个晾衣的地方', '门口需要坡道'].sort())
    expect(JSON.stringify(pushed)).not.toContain('路灯')

    // Exports made now show what the exporter sees; the archive (every row as stored) is refused.
    const csv = await exportCsv(room.organizer)
    expect(csv.status).toBe(200)
    expect(csv.text).toContain('门口需要坡道')
    for (const hidden of ['路灯', '晾衣', '长椅不够']) expect(csv.text).not.toContain(hidden)
    const committeeCsv = await exportCsv(room.committee)
    expect(committeeCsv.text).toContain('长椅不够')
    expect(committeeCsv.text).not.toContain('路灯')
    const report = await postReport(server.url, room.project.projectId, room.organizer.token, { lang: 'zh-CN' })
    expect(report.status).toBe(200)
    const printed = pdfText(new Uint8Array(await report.arrayBuffer()), tempDir())
    expect(printed).toContain('门口需要坡道')
    for (const hidden of ['路灯', '晾衣', '长椅不够']) expect(printed).not.toContain(hidden)
    const archive = await exportArchive(room.organizer)
    expect(archive.status).toBe(409)
    expect(await archive.json()).toMatchObject({ code: 'private_period' })

    // Ticks start after the reveal, even on a need everyone could already see.
    expect(await room.call(room.resident, 'POST', `/needs/${before}/tick`)).toMatchObject({ status: 409, body: { code: 'private_period' } })

    // The reveal reaches the open stream at once, with everyone's needs.
    expect((await room.call(room.organizer, 'POST', '/private/reveal')).status).toBe(200)
    const revealed = await lastParticipation(neighbourStream, (s) => s.privatePeriod === null)
    expect(texts(revealed)).toEqual(['门口需要坡道', '晚上太黑，想装路灯', '想要一个晾衣的地方', '居委：长椅不够'].sort())
    expect(texts(await room.state(room.resident.linkToken))).toHaveLength(4)
    expect((await room.call(room.resident, 'POST', `/needs/${before}/tick`)).status).toBe(200)
    const after = await exportCsv(room.organizer)
    for (const text of ['路灯', '晾衣', '长椅不够']) expect(after.text).toContain(text)
    expect((await exportArchive(room.organizer)).status).toBe(200)
  })

  it('shows the organizer and committee everything when the organizer chose so; residents and experts still only their own', async () => {
    await room.moveTo('needs')
    expect((await room.call(room.organizer, 'POST', '/private', { leadersSee: 'content' })).status).toBe(200)
    await addNeed(room, room.resident, '想种点花')
    await addNeed(room, room.expert, '专家：排水要改')
    for (const leader of [room.organizer, room.committee]) {
      const s = await room.state(leader)
      expect(texts(s)).toEqual(['专家：排水要改', '想种点花'].sort())
      expect(s.privatePeriod).toMatchObject({ leadersSee: 'content', items: 2, hidden: 0 })
    }
    expect(texts(await room.state(neighbour))).toEqual([])
    expect(texts(await room.state(room.expert))).toEqual(['专家：排水要改'])
    expect((await exportCsv(room.committee)).text).toContain('想种点花')
    // The archive holds nothing its exporter cannot see, so it is allowed, and carries the running period.
    const zip = new Uint8Array(await (await exportArchive(room.committee)).arrayBuffer())
    const other = await startTestServer()
    try {
      const imported = await fetch(`${other.url}/api/projects/import`, { method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: zip })
      expect(imported.status).toBe(201)
      const res = await fetch(`${other.url}${room.base}/participation`, { headers: { Authorization: `Bearer ${neighbour.token}` } })
      const state = await res.json() as ParticipationState
      expect(state.privatePeriod).toMatchObject({ scope: 'needs', leadersSee: 'content', items: 2, hidden: 2 })
      expect(state.needs).toEqual([])
    } finally {
      await other.stop()
    }
  })

  it('in Negotiate hides new comments on the options (not other threads), and moving out of the stage reveals', async () => {
    await room.moveTo('needs')
    const need = await addNeed(room, room.committee, '需要遮阳')
    await room.moveTo('negotiate')
    const option = await addOption(room, '方案 A：树下座椅', [need])
    const early = await room.call(room.committee, 'POST', '/comments', { target: { kind: 'option', id: option }, text: '先说一句' })
    expect(early.status).toBe(201)
    const started = await room.call(room.organizer, 'POST', '/private', { leadersSee: 'counts' })
    expect((started.body.participation as ParticipationState).privatePeriod).toMatchObject({ scope: 'comments' })

    expect((await room.call(room.resident, 'POST', '/comments', { target: { kind: 'option', id: option }, text: '座椅要有靠背' })).status).toBe(201)
    expect((await room.call(neighbour, 'POST', `/comments/${early.body.id as string}/replies`, { text: '我同意先说的' })).status).toBe(201)
    expect((await room.call(neighbour, 'POST', '/comments', { target: { kind: 'need', id: need }, text: '遮阳很要紧' })).status).toBe(201)

    const comments = (s: ParticipationState) => s.threads.flatMap((t) => t.comments.map((c) => c.text)).sort()
    expect(comments(await room.state(room.resident))).toEqual(['先说一句', '座椅要有靠背', '遮阳很要紧'].sort())
    expect(comments(await room.state(neighbour))).toEqual(['先说一句', '我同意先说的', '遮阳很要紧'].sort())
    expect(comments(await room.state(room.organizer))).toEqual(['先说一句', '遮阳很要紧'].sort())
    expect((await room.state(room.organizer)).privatePeriod).toMatchObject({ items: 2, hidden: 2 })
    // Ticks are not what this period is about.
    expect((await room.call(room.resident, 'POST', `/needs/${need}/tick`)).status).toBe(200)

    await room.moveTo('siteVisit')
    const after = await room.state(room.organizer)
    expect(after.privatePeriod).toBeNull()
    expect(comments(after)).toEqual(['先说一句', '座椅要有靠背', '我同意先说的', '遮阳很要紧'].sort())
  })
})
