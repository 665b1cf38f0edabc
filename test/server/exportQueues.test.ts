import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ReportInput } from '../../server/export/reportInput.js'
import { ReportRunner } from '../../server/export/runReport.js'
import { DEFAULT_CATEGORIES } from '../../src/shared/participation.js'
import { tempDir } from './exportTestKit.js'

/**
 * The report queue belongs to one server (app.ts makes it), not to the process: the tests start
 * several servers in one process, and one server's busy queue must not turn away another's reports.
 */
describe('report queue', () => {
  const dir = tempDir()
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  const input: ReportInput = {
    lang: 'zh-CN', paper: 'a4-portrait', timeZone: 'Asia/Shanghai', exportedAt: Date.now(),
    project: { id: 'q'.repeat(22), name: '工人新村口袋公园', site: '', area: '', brief: '', createdAt: Date.now(), basePlan: null, scale: null },
    stage: 'needs', moves: [],
    participants: { organizer: { count: 1, names: ['李老师'] }, expert: { count: 0, names: [] }, committee: { count: 0, names: [] }, resident: { count: 0, names: [] } },
    participation: {
      revision: 1, categories: DEFAULT_CATEGORIES.map((c) => ({ ...c, hidden: false, builtIn: true })), needs: [], options: [], threads: [],
      votes: [], revisions: [], approvals: [], quorum: null, agreements: [], reopens: [],
    },
    optionId: null, boardLink: 'http://example.test/p/q', optionSvg: null, optionBounds: null, boardSvg: null,
    assets: { projectId: 'q'.repeat(22), assetDir: path.join(dir, 'assets'), host: null }, photoCacheDir: path.join(dir, 'cache'),
  }

  it("turns away a report past one server's queue while another server's queue takes its own", async () => {
    const one = new ReportRunner()
    const other = new ReportRunner()
    // Asked in one turn of the event loop: none has started, so all four wait.
    const waiting = [one.run(input), one.run(input), one.run(input), one.run(input)]
    await expect(one.run(input)).rejects.toMatchObject({ code: 'export_busy' })
    const elsewhere = other.run(input)
    const done = await Promise.all([...waiting, elsewhere])
    for (const { pdf } of done) expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-')
  })
})
