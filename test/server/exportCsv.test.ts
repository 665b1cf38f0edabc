import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { NEED_BENCH, NEED_LIGHT, parseCsv, PROJECT_NAME, seedProject, type Seeded } from './exportTestKit.js'
import { addNeed } from './participationTestKit.js'

async function getCsv(base: string, s: Seeded, kind: string, token: string | undefined, query = ''): Promise<Response> {
  return fetch(`${base}/api/projects/${s.room.project.projectId}/export/${kind}.csv${query}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  })
}

/** The rows of a CSV answer (its BOM checked and dropped). */
async function csvRows(res: Response): Promise<string[][]> {
  const text = Buffer.from(await res.arrayBuffer()).toString('utf8')
  expect(text.startsWith('\uFEFF')).toBe(true)
  return parseCsv(text.slice(1)).rows
}

describe('CSV exports', () => {
  let server: TestServer
  let s: Seeded

  beforeEach(async () => {
    server = await startTestServer()
    s = await seedProject(server, 'negotiate')
  })

  afterEach(async () => {
    await server.stop()
  })

  it('writes needs with a BOM, CRLF, Chinese headers, quoting and the formula guard', async () => {
    await s.room.moveTo('needs')
    await addNeed(s.room, s.room.resident, '=HYPERLINK("http://x.invalid","点我")')
    await addNeed(s.room, s.room.resident, '两行\n第二行, 还有"引号"')
    const res = await getCsv(server.url, s, 'needs', s.room.committee.token)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="project-needs.csv"; filename*=UTF-8''${encodeURIComponent(`${PROJECT_NAME}-needs.csv`)}`)
    const bytes = Buffer.from(await res.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8').slice(1)
    expect(text.endsWith('\r\n')).toBe(true)
    const { rows } = parseCsv(text)
    expect(rows[0]).toEqual(['编号', '类别', '内容', '来源', '代提居民数', '打钩数', '支持数', '提出人', '角色', '阶段', '提出时间', '对应方案', '合并到', '代录'])
    const bench = rows.find((r) => r[2] === NEED_BENCH)!
    expect(bench).toEqual([s.needIds[0], '休憩座椅', NEED_BENCH, '图上', '0', '4', '4', '王阿姨', '居民', '收集需求', expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/), '方案 A：树下座椅', '', ''])
    expect(rows.find((r) => r[2] === NEED_LIGHT)).toMatchObject({ 3: '纸质意见', 4: '5', 5: '0', 6: '5', 7: '刘主任', 8: '居委', 11: '方案 B：环形步道' })
    // Formula injection is defused; a newline, a comma and quotes survive intact.
    expect(rows.some((r) => r[2] === `'=HYPERLINK("http://x.invalid","点我")`)).toBe(true)
    expect(rows.some((r) => r[2] === '两行\n第二行, 还有"引号"')).toBe(true)
    expect(rows.every((r) => r.length === 14)).toBe(true)
  })

  it('writes English headers on request, votes per voter and comments per message', async () => {
    const votes = await csvRows(await getCsv(server.url, s, 'votes', s.room.organizer.token, '?lang=en&tz=UTC'))
    expect(votes[0]).toEqual(['vote id', 'mode', 'anonymous', 'status', 'option', 'points', 'voter', 'closed at'])
    const a = votes.filter((r) => r[4] === '方案 A：树下座椅')
    expect(a.map((r) => r[6]).sort()).toEqual(['刘主任', '张委员', '王阿姨'].sort())
    expect(a.every((r) => r[0] === s.voteId && r[1] === 'Single choice' && r[2] === 'no' && r[3] === 'closed' && r[5] === '1')).toBe(true)
    expect(votes.filter((r) => r[4] === '方案 B：环形步道').map((r) => [r[5], r[6]])).toEqual([['1', '陈设计师']])

    const comments = await csvRows(await getCsv(server.url, s, 'comments', s.room.committee.token, '?lang=en'))
    expect(comments[0]).toEqual(['thread id', 'target kind', 'target', 'stage', 'author', 'role', 'text', 'mentions', 'created', 'resolved'])
    expect(comments[1]).toMatchObject({ 1: 'Option', 2: '方案 A：树下座椅', 3: 'Negotiate', 4: '王阿姨', 5: 'Resident', 6: '座椅能不能放在树荫下？', 7: 'Committee', 9: 'no' })
  })

  it('refuses residents and experts, a missing token, and an unknown language', async () => {
    expect((await getCsv(server.url, s, 'needs', undefined)).status).toBe(401)
    expect((await getCsv(server.url, s, 'votes', s.room.resident.token)).status).toBe(403)
    expect((await getCsv(server.url, s, 'comments', s.room.expert.token)).status).toBe(403)
    const bad = await getCsv(server.url, s, 'needs', s.room.organizer.token, '?lang=de')
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ code: 'invalid_lang' })
    expect(await (await getCsv(server.url, s, 'needs', s.room.organizer.token, '?tz=Mars/Base')).json()).toMatchObject({ code: 'invalid_timeZone' })
  })
})
