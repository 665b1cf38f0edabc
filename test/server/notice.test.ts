import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NoticeState, PublicNotice } from '../../src/shared/notice.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { NEED_BENCH, NEED_LIGHT, PROJECT_NAME, pdfText, postReport, seedProject, tempDir, type Seeded } from './exportTestKit.js'
import type { Room } from './participationTestKit.js'
import { api } from './workflowTestKit.js'

const DAY = 24 * 60 * 60 * 1000
/** Every person's name in the seeded project: none may reach the public. */
const NAMES = ['王老师', '陈设计师', '刘主任', '王阿姨', '张委员']

/** The public notice (公示): docs/api.md "Public notice", docs/permissions.md notice / answerNotice. */
describe('public notice: opened by the organizer, read and commented on by anyone with the link', () => {
  let server: TestServer
  let seeded: Seeded
  let room: Room
  let dir: string
  let ip = 0

  beforeAll(async () => {
    // Each test comments from addresses of its own (X-Forwarded-For, believed with TRUST_PROXY), so
    // the per-address comment limit is met only where a test means to meet it.
    server = await startTestServer({ trustProxy: true })
    dir = tempDir()
    seeded = await seedProject(server)
    room = seeded.room
  })
  afterAll(async () => {
    await server.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const open = (who: string, body: unknown) => api(server.url, 'POST', `${room.base}/notice`, { token: who, body })
  const week = () => ({ startsAt: Date.now(), endsAt: Date.now() + 7 * DAY })
  const publicGet = async (token: string) => {
    const res = await fetch(`${server.url}/api/notices/${token}`)
    return { status: res.status, body: await res.json() as Record<string, unknown> }
  }
  const comment = async (token: string, text: unknown, from = `10.0.0.${++ip}`) => {
    const res = await fetch(`${server.url}/api/notices/${token}/comments`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': from }, body: JSON.stringify({ text }),
    })
    return { status: res.status, body: await res.json() as Record<string, unknown>, headers: res.headers }
  }
  const current = async (who = room.organizer.token) => {
    const res = await api(server.url, 'GET', `${room.base}/notice`, { token: who })
    expect(res.status).toBe(200)
    return res.body as unknown as NoticeState
  }

  it('opens only in Agreed, only for the organizer, with a period that makes sense; one at a time', async () => {
    const early = await seedProject(server, 'negotiate')
    expect(await api(server.url, 'POST', `${early.room.base}/notice`, { token: early.room.organizer.token, body: week() }))
      .toMatchObject({ status: 403, body: { code: 'wrong_stage' } })
    for (const who of [room.resident.token, room.expert.token, room.committee.token, room.committee.linkToken]) {
      expect(await open(who, week())).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    }
    expect((await api(server.url, 'POST', `${room.base}/notice`, { body: week() })).status).toBe(401)
    // Residents and experts do not manage (or even list) the notice: they read it through its link.
    expect((await api(server.url, 'GET', `${room.base}/notice`, { token: room.resident.token })).status).toBe(403)
    const now = Date.now()
    const [bench, light] = seeded.needIds
    for (const [body, code] of [
      [{ startsAt: now, endsAt: now }, 'invalid_endsAt'],
      [{ startsAt: now + DAY, endsAt: now + 2 }, 'invalid_endsAt'],
      [{ startsAt: now - 10 * DAY, endsAt: now - 9 * DAY }, 'invalid_startsAt'],
      [{ startsAt: now, endsAt: now + 61 * DAY }, 'notice_too_long'],
      [{ startsAt: '2026-12-01', endsAt: now + DAY }, 'invalid_startsAt'],
      [{ startsAt: now, endsAt: 1e300 }, 'invalid_endsAt'],
      [{ ...week(), reasons: { [bench]: '已采纳的需求不用写原因' } }, 'invalid_reasons'],
      [{ ...week(), reasons: { [light]: 'x'.repeat(301) } }, 'invalid_reasons'],
      [{ ...week(), reasons: ['not', 'an', 'object'] }, 'invalid_reasons'],
      [{ ...week(), optionSvg: '<html><script>alert(1)</script></html>' }, 'invalid_optionSvg'],
      [{ ...week(), optionSvg: '<svg></svg>', optionBounds: { x: 0, y: 0, width: -1, height: 1 } }, 'invalid_optionBounds'],
    ] as const) {
      expect(await open(room.organizer.token, body)).toMatchObject({ status: 400, body: { code } })
    }
    const huge = await fetch(`${server.url}${room.base}/notice`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${room.organizer.token}` },
      body: JSON.stringify({ ...week(), optionSvg: `<svg>${' '.repeat(6 * 1024 * 1024)}</svg>` }),
    })
    expect(huge.status).toBe(413)
    expect((await current()).notices).toEqual([])

    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" onload="alert(1)"><rect width="200" height="100" fill="#dfe"/>` +
      `<image href="${seeded.photoSrc}" x="10" y="10" width="64" height="48"/><image href="/etc/passwd" width="1" height="1"/>` +
      '<script>alert(2)</script><text x="100" y="80">长椅</text></svg>'
    const opened = await open(room.organizer.token, { ...week(), reasons: { [light]: '路灯由街道统一安装' }, optionSvg: svg, optionBounds: { x: 0, y: 0, width: 200, height: 100 } })
    expect(opened.status).toBe(201)
    const state = opened.body as unknown as NoticeState
    expect(state.notices).toHaveLength(1)
    expect(state.notices[0]).toMatchObject({ optionId: seeded.optionA, period: { status: 'open' }, hasPlan: true, reasons: { [light]: '路灯由街道统一安装' } })
    expect(state.notices[0].link).toBe(`/n/${state.notices[0].token}`)
    expect(state.canOpen).toBe(false)
    // The committee sees it (and its link) too.
    expect((await current(room.committee.token)).notices[0].token).toBe(state.notices[0].token)
    expect(await open(room.organizer.token, week())).toMatchObject({ status: 409, body: { code: 'notice_running' } })
  })

  it('shows the public the agreed option, the needs with reasons and the results — and no name, token or hidden thing', async () => {
    const { token } = (await current()).notices[0]
    const res = await publicGet(token)
    expect(res.status).toBe(200)
    const n = res.body as unknown as PublicNotice
    expect(n.project.name).toBe(PROJECT_NAME)
    expect(n.option?.title).toBe('方案 A：树下座椅')
    expect(n.addressed.map((x) => x.text)).toEqual([NEED_BENCH])
    expect(n.notAddressed).toEqual([expect.objectContaining({ text: NEED_LIGHT, reason: '路灯由街道统一安装' })])
    expect(n.votes).toEqual([expect.objectContaining({ ballots: 4, results: [{ title: '方案 A：树下座椅', points: 3 }, { title: '方案 B：环形步道', points: 1 }] })])
    expect(n.approvals).toEqual({ count: 2, quorum: 2 })
    const raw = JSON.stringify(res.body)
    for (const name of NAMES) expect(raw).not.toContain(name)
    for (const secret of [room.organizer.token, room.organizer.linkToken, room.committee.token, room.resident.participantId, room.project.projectId]) {
      expect(raw).not.toContain(secret)
    }

    // The plan picture: its photo inlined, nothing that runs or reads the disk, sandboxed if opened directly.
    const plan = await fetch(`${server.url}/api/notices/${token}/plan.svg`)
    expect(plan.status).toBe(200)
    expect(plan.headers.get('content-type')).toContain('image/svg+xml')
    expect(plan.headers.get('content-security-policy')).toContain('sandbox')
    const svg = await plan.text()
    expect(svg).toContain('data:image/jpeg;base64,')
    expect(svg).not.toMatch(/<script|onload|\/etc\/passwd|\/api\/boards/)

    // Wrong, malformed and made-up tokens all read as "no such notice", and the sheet and comments too.
    const forged = 'A'.repeat(43)
    for (const bad of [forged, 'x', 'not-a-token', room.organizer.token, room.resident.linkToken, `${token}x`]) {
      expect(await publicGet(bad)).toMatchObject({ status: 404, body: { code: 'notice_not_found' } })
      expect((await comment(bad, '你好')).status).toBe(404)
    }
    expect((await fetch(`${server.url}/api/notices/${forged}/sheet.pdf`)).status).toBe(404)
    expect((await fetch(`${server.url}/api/notices/${forged}/plan.svg`)).status).toBe(404)
  })

  it('takes anonymous comments, limited and masked; the committee answers and hides; other projects cannot reach them', async () => {
    const notice = (await current()).notices[0]
    const token = notice.token
    for (const [text, code] of [['', 'invalid_text'], ['   ', 'invalid_text'], ['长'.repeat(501), 'invalid_text'], [42, 'invalid_text']] as const) {
      expect(await comment(token, text)).toMatchObject({ status: 400, body: { code } })
    }
    const flood = await fetch(`${server.url}/api/notices/${token}/comments`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.8.8.8' }, body: JSON.stringify({ text: '长'.repeat(20_000) }),
    })
    expect(flood.status).toBe(413)
    const notJson = await fetch(`${server.url}/api/notices/${token}/comments`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hi' })
    expect(notJson.status).toBe(415)

    const posted = await comment(token, '座椅能再多两张吗？有事打 138 1234 5678')
    expect(posted.status).toBe(201)
    const mine = (posted.body as unknown as PublicNotice).comments
    expect(mine).toEqual([{ id: expect.any(String), text: '座椅能再多两张吗？有事打 138****5678', createdAt: expect.any(Number), answer: null }])
    const id = mine[0].id
    // The committee sees the number (it may call back); the organizer, like the public, does not.
    expect((await current(room.committee.token)).notices[0].comments[0].text).toContain('138 1234 5678')
    expect((await current()).notices[0].comments[0].text).toContain('138****5678')
    expect((await current()).notices[0].unanswered).toBe(1)

    // One address may post NOTICE_COMMENTS_PER_MINUTE (3) a minute; others are not held up by it.
    for (let i = 0; i < 3; i++) expect((await comment(token, `意见 ${i}`, '10.9.9.9')).status).toBe(201)
    const limited = await comment(token, '第四条', '10.9.9.9')
    expect(limited).toMatchObject({ status: 429, body: { code: 'rate_limited' } })
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await comment(token, '别的邻居', '10.9.9.10')).status).toBe(201)

    const path = `${room.base}/notice/${notice.id}/comments/${id}`
    for (const who of [room.resident.token, room.expert.token]) {
      expect(await api(server.url, 'POST', `${path}/answer`, { token: who, body: { text: '好的' } })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
      expect(await api(server.url, 'POST', `${path}/hide`, { token: who, body: { reason: 'offTopic' } })).toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    }
    expect(await api(server.url, 'POST', `${path}/answer`, { token: room.committee.token, body: { text: '' } })).toMatchObject({ status: 400, body: { code: 'invalid_text' } })
    expect((await api(server.url, 'POST', `${path}/answer`, { token: room.committee.token, body: { text: '可以，会在东侧再加两张。' } })).status).toBe(200)
    const answered = (await publicGet(token)).body as unknown as PublicNotice
    expect(answered.comments.find((c) => c.id === id)?.answer).toEqual({ text: '可以，会在东侧再加两张。', at: expect.any(Number) })
    expect(JSON.stringify(answered)).not.toContain('刘主任')

    // Hidden with a reason: gone from the public page, kept (with the mark) for the organizer and committee.
    expect(await api(server.url, 'POST', `${path}/hide`, { token: room.committee.token, body: { reason: 'other' } })).toMatchObject({ status: 400, body: { code: 'invalid_note' } })
    expect((await api(server.url, 'POST', `${path}/hide`, { token: room.committee.token, body: { reason: 'personal' } })).status).toBe(200)
    expect(await api(server.url, 'POST', `${path}/hide`, { token: room.organizer.token, body: { reason: 'personal' } })).toMatchObject({ status: 409, body: { code: 'already_hidden' } })
    expect(((await publicGet(token)).body as unknown as PublicNotice).comments.map((c) => c.id)).not.toContain(id)
    expect((await current()).notices[0].comments.find((c) => c.id === id)?.hidden).toMatchObject({ reason: 'personal', by: { name: '刘主任' } })
    expect((await api(server.url, 'POST', `${path}/restore`, { token: room.organizer.token })).status).toBe(200)
    expect(((await publicGet(token)).body as unknown as PublicNotice).comments.map((c) => c.id)).toContain(id)

    // Another project's organizer cannot reach this notice or its comments through their own project.
    const other = await seedProject(server)
    const theirs = (await api(server.url, 'POST', `${other.room.base}/notice`, { token: other.room.organizer.token, body: week() })).body as unknown as NoticeState
    const them = other.room.organizer.token
    expect(await api(server.url, 'PATCH', `${other.room.base}/notice/${notice.id}`, { token: them, body: { endsAt: Date.now() + DAY } }))
      .toMatchObject({ status: 404, body: { code: 'notice_not_found' } })
    expect(await api(server.url, 'POST', `${other.room.base}/notice/${notice.id}/close`, { token: them })).toMatchObject({ status: 404 })
    expect(await api(server.url, 'POST', `${other.room.base}/notice/${theirs.notices[0].id}/comments/${id}/hide`, { token: them, body: { reason: 'personal' } }))
      .toMatchObject({ status: 404, body: { code: 'comment_not_found' } })
    expect(await api(server.url, 'GET', `${room.base}/notice`, { token: them })).toMatchObject({ status: 401 })
  })

  it('prints an A4 and an A3 sheet with the plan, the needs, the results and the QR code, without names', async () => {
    const { token } = (await current()).notices[0]
    for (const paper of ['a4', 'a3']) {
      const res = await fetch(`${server.url}/api/notices/${token}/sheet.pdf?paper=${paper}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      const pdf = new Uint8Array(await res.arrayBuffer())
      const text = pdfText(pdf, dir)
      for (const words of [PROJECT_NAME, '公示', '方案 A：树下座椅', NEED_BENCH, NEED_LIGHT, '路灯由街道统一安装', '扫码看方案、留言']) expect(text).toContain(words)
      for (const name of NAMES) expect(text).not.toContain(name)
    }
    const english = await fetch(`${server.url}/api/notices/${token}/sheet.pdf?paper=a4&lang=en`)
    expect(pdfText(new Uint8Array(await english.arrayBuffer()), dir)).toContain('Public notice')
    expect(await (await fetch(`${server.url}/api/notices/${token}/sheet.pdf?paper=a5`)).json()).toMatchObject({ code: 'invalid_paper' })

    // The report carries the notice: its period, the public comments and the answers (no hidden one).
    const report = await postReport(server.url, room.project.projectId, room.organizer.token, { lang: 'zh-CN' })
    expect(report.status).toBe(200)
    const reportText = pdfText(new Uint8Array(await report.arrayBuffer()), dir)
    for (const words of ['公示期间的留言和回复', '座椅能再多两张吗', '138****5678', '可以，会在东侧再加两张。', '路灯由街道统一安装']) expect(reportText).toContain(words)
    expect(reportText).not.toContain('138 1234 5678')
  })

  it('changes the end date within the rules, and takes no comment once closed, before its start or after a reopening', async () => {
    const notice = (await current()).notices[0]
    const patch = (body: unknown) => api(server.url, 'PATCH', `${room.base}/notice/${notice.id}`, { token: room.organizer.token, body })
    expect(await patch({ endsAt: notice.period.startsAt + 61 * DAY })).toMatchObject({ status: 400, body: { code: 'notice_too_long' } })
    expect(await patch({ endsAt: Date.now() - 1000 })).toMatchObject({ status: 400, body: { code: 'invalid_endsAt' } })
    expect(await api(server.url, 'PATCH', `${room.base}/notice/${notice.id}`, { token: room.committee.token, body: { endsAt: Date.now() + DAY } }))
      .toMatchObject({ status: 403, body: { code: 'not_allowed' } })
    expect((await patch({ endsAt: notice.period.startsAt + 14 * DAY })).status).toBe(200)
    expect((await current()).notices[0].period.endsAt).toBe(notice.period.startsAt + 14 * DAY)

    expect((await api(server.url, 'POST', `${room.base}/notice/${notice.id}/close`, { token: room.organizer.token })).status).toBe(200)
    expect(await api(server.url, 'POST', `${room.base}/notice/${notice.id}/close`, { token: room.organizer.token })).toMatchObject({ status: 409, body: { code: 'notice_closed' } })
    expect(await comment(notice.token, '还能留言吗')).toMatchObject({ status: 403, body: { code: 'notice_not_open' } })
    // Still readable: the record of what was on notice stays public.
    expect(((await publicGet(notice.token)).body as unknown as PublicNotice).period.status).toBe('closed')

    // A notice whose end has passed takes no comment either, and no longer blocks a new one.
    const short = await open(room.organizer.token, { startsAt: Date.now(), endsAt: Date.now() + 800 })
    expect(short.status).toBe(201)
    const ended = (short.body as unknown as NoticeState).notices[1]
    await new Promise((r) => setTimeout(r, 900))
    expect(await comment(ended.token, '过期了吗')).toMatchObject({ status: 403, body: { code: 'notice_not_open' } })
    expect(((await publicGet(ended.token)).body as unknown as PublicNotice).period.status).toBe('ended')

    // A notice that starts tomorrow takes no comment yet; reopening the plan closes it.
    const next = await open(room.organizer.token, { startsAt: Date.now() + DAY, endsAt: Date.now() + 8 * DAY })
    expect(next.status).toBe(201)
    const upcoming = (next.body as unknown as NoticeState).notices[2]
    expect(upcoming.period.status).toBe('upcoming')
    expect(upcoming.token).not.toBe(notice.token)
    expect(await comment(upcoming.token, '提前留言')).toMatchObject({ status: 403, body: { code: 'notice_not_open' } })
    expect((await room.call(room.organizer, 'POST', '/agreement/reopen', { reason: '居民要求再改' })).status).toBe(200)
    expect((await current()).notices[2].period.status).toBe('closed')
  })

  it('travels in the archive: the imported project serves the same notice, comments, answers and hidden marks', async () => {
    const first = (await current()).notices[0]
    const hide = `${room.base}/notice/${first.id}/comments/${first.comments[1].id}/hide`
    expect((await api(server.url, 'POST', hide, { token: room.committee.token, body: { reason: 'offTopic' } })).status).toBe(200)
    const before = await current()
    expect(before.notices[0].comments[1].hidden?.reason).toBe('offTopic')
    const zip = await fetch(`${server.url}${room.base}/export/archive`, { headers: { Authorization: `Bearer ${room.organizer.token}` } })
    expect(zip.status).toBe(200)
    const other = await startTestServer()
    try {
      const imported = await fetch(`${other.url}/api/projects/import`, { method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: new Uint8Array(await zip.arrayBuffer()) })
      expect(imported.status).toBe(201)
      for (const n of before.notices) {
        const theirs = await fetch(`${other.url}/api/notices/${n.token}`)
        expect(theirs.status).toBe(200)
        expect(await theirs.json()).toEqual((await publicGet(n.token)).body)
      }
      const organizer = ((await imported.json()) as { organizerToken: string }).organizerToken
      const restored = await api(other.url, 'GET', `${room.base}/notice`, { token: organizer })
      expect((restored.body as unknown as NoticeState).notices.map((n) => n.comments.map((c) => [c.text, c.answer?.text ?? null, c.hidden?.reason ?? null])))
        .toEqual(before.notices.map((n) => n.comments.map((c) => [c.text, c.answer?.text ?? null, c.hidden?.reason ?? null])))
    } finally {
      await other.stop()
    }
  })
})
