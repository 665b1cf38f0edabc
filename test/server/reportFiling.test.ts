/**
 * The PDF report as a residents' committee files it with the street office: the signature and stamp
 * block, where each need came from and who raised it, line breaks kept, punctuation of the report's
 * language, file names that say what the file is, and page breaks that never leave a heading (or a
 * vote's title without its bars) at a page foot. Everything through the real server API.
 */
import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_TIME_ZONE, formatTime } from '../../server/export/exportTime.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { NEED_BENCH, NEED_LIGHT, pdfPageText, pdfPages, pdfText, postReport, PROJECT_NAME, seedProject, tempDir } from './exportTestKit.js'
import { addNeed, addOption, openRoom, type Room } from './participationTestKit.js'

const day = (ms: number) => formatTime(ms, DEFAULT_TIME_ZONE, false)
/** pdftotext breaks lines where the PDF does: compare texts without their white space. */
const flat = (text: string) => text.replace(/\s+/g, '')

async function ok(answer: Promise<{ status: number; body: Record<string, unknown> }>): Promise<Record<string, unknown>> {
  const res = await answer
  if (res.status !== 200 && res.status !== 201) throw new Error(`call failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

async function pdfOf(res: Response): Promise<Uint8Array> {
  expect(res.status).toBe(200)
  return new Uint8Array(await res.arrayBuffer())
}

describe('PDF report, ready to file', () => {
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

  it('ends with the committee\'s and the organizer\'s signature block, names and days filled in, and a stamp box; its file says "方案报告-A4"', async () => {
    const s = await seedProject(server)
    const state = await s.room.state(s.room.organizer)
    const agreement = state.agreements.at(-1)!
    expect(agreement.approvals.map((a) => a.name).sort()).toEqual(['刘主任', '张委员'].sort())
    const res = await postReport(server.url, s.room.project.projectId, s.room.committee.token, { lang: 'zh-CN', paper: 'a4-portrait' })
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="project-report-A4.pdf"; filename*=UTF-8''${encodeURIComponent(`${PROJECT_NAME}-方案报告-A4.pdf`)}`)
    const pdf = await pdfOf(res)
    const text = pdfText(pdf, dir)
    expect(text).toContain('签字盖章')
    const block = text.slice(text.lastIndexOf('签字盖章'))
    for (const expected of ['方案：方案 A：树下座椅', '居民委员会', '刘主任', '张委员', '组织者', '王老师', '签字：', '日期：', '居委会（盖章）']) {
      expect(block).toContain(expected)
    }
    // Each approver's day and the agreement's day (all today: three of them, nowhere else in the block).
    const days = [...agreement.approvals.map((a) => day(a.at)), day(agreement.at)]
    for (const d of new Set(days)) expect(block.split(d).length - 1).toBe(days.filter((x) => x === d).length)
    // Page numbers in Chinese word order.
    const pages = pdfPages(pdf, dir)
    expect(flat(text)).toContain(`第${pages}页/共${pages}页`)
  })

  it('prints the block before Agreed too, on a page marked draft, with the organizer named and lines for the rest', async () => {
    const s = await seedProject(server, 'negotiate')
    const pdf = await pdfOf(await postReport(server.url, s.room.project.projectId, s.room.organizer.token, { lang: 'zh-CN' }))
    const pages = pdfPages(pdf, dir)
    const last = pdfPageText(pdf, dir, pages)
    for (const expected of ['签字盖章', '草稿 draft', '刘主任', '张委员', '王老师', '居委会（盖章）']) expect(last).toContain(expected)
  })

  it('says where each need came from and who raised it, which need a merged one went into, and keeps line breaks', async () => {
    const room = await openRoom(server)
    await room.moveTo('needs')
    const bench = await addNeed(room, room.resident, NEED_BENCH)
    await addNeed(room, room.organizer, '树荫太少夏天没法坐')
    const survey = await addNeed(room, room.committee, '希望增加健身器材', { source: 'questionnaire', raisedBy: 15 })
    await ok(room.call(room.resident, 'POST', `/needs/${survey}/tick`))
    const dup = await addNeed(room, room.expert, '座椅太少')
    await ok(room.call(room.committee, 'POST', `/needs/${bench}/merge`, { needIds: [dup] }))
    await addNeed(room, room.resident, '第一行路面坑洼\n第二行下雨积水')
    const thread = await ok(room.call(room.organizer, 'POST', '/comments', { target: { kind: 'need', id: bench }, text: '哪里最缺座椅？' }))
    await ok(room.call(room.committee, 'POST', `/comments/${thread.id as string}/replies`, { text: '回复甲：东门口\n回复乙：健身区' }))

    const res = await postReport(server.url, room.project.projectId, room.organizer.token, { lang: 'zh-CN', paper: 'a3-landscape' })
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`${PROJECT_NAME}-方案报告-A3.pdf`)}`)
    const pdf = await pdfOf(res)
    const text = flat(pdfText(pdf, dir))
    // Support explained: 1 tick and 15 residents by questionnaire make 16.
    expect(text).toContain('16打钩1问卷15人')
    expect(text).toContain('已合并到“长椅不够，老人没处歇脚”')
    // A board need names its author, except a resident's, who is "居民"; a resident's name is nowhere.
    const lines = layoutLines(pdf, dir)
    expect(lineAfter(lines, '树荫太少夏天没法坐')).toContain('王老师')
    expect(lineAfter(lines, '第一行路面坑洼')).toContain('居民')
    expect(text).not.toContain('王阿姨')
    // Line breaks of a need's text and of a reply are kept: each part on a line of its own.
    expect(lineWith(lines, '第一行路面坑洼')).not.toContain('第二行')
    expect(lineAfter(lines, '第一行路面坑洼')).toContain('第二行下雨积水')
    expect(lineWith(lines, '回复甲')).not.toContain('回复乙')
    expect(lines.findIndex((l) => l.includes('回复乙'))).toBeGreaterThan(lines.findIndex((l) => l.includes('回复甲')))
  })

  it('writes the English report with English punctuation, names its file "report-A3", and numbers pages "Page N of M"', async () => {
    const s = await seedProject(server, 'negotiate')
    const res = await postReport(server.url, s.room.project.projectId, s.room.organizer.token, { lang: 'en', paper: 'a3-landscape' })
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="project-report-A3.pdf"; filename*=UTF-8''${encodeURIComponent(`${PROJECT_NAME}-report-A3.pdf`)}`)
    const pdf = await pdfOf(res)
    const raw = pdfText(pdf, dir)
    for (const expected of ['Site: ', 'Organizer: 1 (王老师)', 'Committee: 2 (刘主任, 张委员)', '陈设计师 (Expert)', 'Signatures and stamp',
      'Residents\' committee', 'Signature:', 'Date:', `Page 1 of ${pdfPages(pdf, dir)}`]) {
      expect(raw).toContain(expected)
    }
    // What is left once the data people typed (which may hold full-width marks) is taken out is ours.
    let ours = flat(raw)
    for (const data of [NEED_BENCH, NEED_LIGHT, '方案 A：树下座椅', '方案 B：环形步道']) ours = ours.split(flat(data)).join('')
    expect(ours).not.toMatch(/[：（），、；]/)
  })

  it('never leaves a heading, or a vote\'s title without its bars, as the last line of a page', async () => {
    const { room, titles } = await crowdedProject(server)
    const pdf = await pdfOf(await postReport(server.url, room.project.projectId, room.organizer.token, { lang: 'zh-CN' }))
    const headings = new Set([...titles, '阶段记录', '参与者', '定稿方案', '方案', '白板全图', '需求', '投票结果', '修改意见与回复', '讨论摘要',
      '同意与确认记录', '签字盖章', '居民委员会', '组织者'].map(flat))
    const pages = pdfPages(pdf, dir)
    expect(pages).toBeGreaterThan(6)
    let voteTitles = 0
    for (let page = 1; page <= pages; page++) {
      const lines = pdfPageText(pdf, dir, page).split('\n').map(flat)
        .filter((l) => l !== '' && !/第\d+页?\/共?\d+页$/.test(l))
      expect(headings.has(lines.at(-1) ?? ''), `page ${page} ends with the heading "${lines.at(-1)}"`).toBe(false)
      lines.forEach((line, i) => {
        if (!line.startsWith('贴点投票')) return
        voteTitles++
        expect(lines.slice(i + 1).some((l) => /\d票/.test(l)), `page ${page}: "${line}" without a bar after it`).toBe(true)
      })
    }
    expect(voteTitles).toBe(8)
  }, 20_000)
})

/** Every page's lines (pdftotext -layout), without blank ones and those only the diagonal draft mark's letters fall on. */
function layoutLines(pdf: Uint8Array, dir: string): string[] {
  const pages = pdfPages(pdf, dir)
  const lines: string[] = []
  for (let page = 1; page <= pages; page++) lines.push(...pdfPageText(pdf, dir, page).split('\n').filter((l) => !/^[\s草稿draft]*$/.test(l)))
  return lines
}

function lineWith(lines: string[], part: string): string {
  const line = lines.find((l) => l.includes(part))
  if (line === undefined) throw new Error(`no line with "${part}"`)
  return line
}

function lineAfter(lines: string[], part: string): string {
  return lines[lines.indexOf(lineWith(lines, part)) + 1] ?? ''
}

/**
 * A project with many votes, revision requests and threads of different lengths: enough of each
 * that page breaks fall in the middle of every section, some just after a title.
 */
async function crowdedProject(server: TestServer): Promise<{ room: Room; titles: string[] }> {
  const room = await openRoom(server)
  const second = await room.join(room.committee.linkToken, '张委员', 'committee')
  await room.moveTo('needs')
  const needs: string[] = []
  for (let i = 0; i < 12; i++) needs.push(await addNeed(room, room.committee, `需求${i + 1}${'路灯不亮晚上看不清台阶'.repeat(1 + (i % 4))}`))
  await room.moveTo('siteVisit')
  const options = [await addOption(room, '方案甲', needs.slice(0, 6)), await addOption(room, '方案乙', needs.slice(6)), await addOption(room, '方案丙')]
  await room.moveTo('negotiate')
  const titles: string[] = []
  for (let i = 0; i < 8; i++) {
    const vote = await ok(room.call(room.organizer, 'POST', '/votes', { optionIds: options, mode: 'dots', dotsPerPerson: 3 }))
    for (const [n, who] of [room.expert, room.committee, second, room.resident].entries()) {
      await ok(room.call(who, 'POST', `/votes/${vote.id as string}/ballot`, { points: { [options[(i + n) % 3]]: 2, [options[(i + n + 1) % 3]]: 1 } }))
    }
    await ok(room.call(room.organizer, 'POST', `/votes/${vote.id as string}/close`))
  }
  titles.push('贴点投票，记名，已结束')
  for (let i = 0; i < 16; i++) {
    const option = options[i % 2]
    await ok(room.call(room.committee, 'POST', `/options/${option}/revisions`, { text: `修改意见${i + 1}：${'座椅要有靠背和扶手，材料要耐晒。'.repeat(1 + ((i * 7) % 9))}` }))
  }
  titles.push('方案甲 · 待处理', '方案乙 · 待处理')
  for (let i = 0; i < 12; i++) {
    const thread = await ok(room.call(room.resident, 'POST', '/comments', { target: { kind: 'option', id: options[i % 3] }, text: `留言${i + 1}${'这里能不能多种几棵树？'.repeat(1 + ((i * 5) % 7))}` }))
    await ok(room.call(room.expert, 'POST', `/comments/${thread.id as string}/replies`, { text: `回复${i + 1}` }))
  }
  titles.push(...['方案甲', '方案乙', '方案丙'].map((o) => `方案：${o} · 1 条回复`))
  await ok(room.call(room.organizer, 'PUT', '/quorum', { approvals: 2 }))
  await ok(room.call(room.committee, 'POST', '/approvals', { optionId: options[0] }))
  await ok(room.call(second, 'POST', '/approvals', { optionId: options[0] }))
  await ok(room.call(room.organizer, 'POST', '/agreement', { optionId: options[0] }))
  return { room, titles }
}
