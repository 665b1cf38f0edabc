import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportInput } from '../../server/export/reportInput.js'
import type * as RunReport from '../../server/export/runReport.js'
import { DEFAULT_CATEGORIES } from '../../src/shared/participation.js'
import { pdfText, renderFirstPage, tempDir } from './exportTestKit.js'

/**
 * The server renders reports in a worker thread only from its compiled JavaScript (the tests run the
 * TypeScript sources, where it renders inline). This compiles the server the way `npm run build`
 * does, into a temp dir, and renders a report through the real worker.
 */
describe('report worker (compiled build)', () => {
  let dir: string
  let runner: typeof RunReport

  beforeAll(async () => {
    dir = tempDir()
    const root = path.resolve(import.meta.dirname, '../..')
    execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', path.join(root, 'tsconfig.server.json'), '--outDir', path.join(dir, 'build')])
    // The build needs the project's packages and its "type": "module", as dist/ finds them in the checkout.
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'build', 'node_modules'), 'dir')
    fs.writeFileSync(path.join(dir, 'build', 'package.json'), JSON.stringify({ name: 'commonground', version: '0.0.0-test', type: 'module' }))
    runner = await import(pathToFileURL(path.join(dir, 'build/server/export/runReport.js')).href) as typeof RunReport
  }, 120_000)

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('renders the report in a worker thread', async () => {
    expect(runner.REPORT_RUNNER).toBe('worker')
    const input: ReportInput = {
      lang: 'zh-CN', paper: 'a4-portrait', timeZone: 'Asia/Shanghai', exportedAt: Date.now(),
      project: { id: 'p'.repeat(22), name: '工人新村口袋公园', site: '工人新村 5 号楼', area: '工人新村', brief: '', createdAt: Date.now(), basePlan: null, scale: null },
      stage: 'needs', moves: [],
      participants: { organizer: { count: 1, names: ['李老师'] }, expert: { count: 0, names: [] }, committee: { count: 0, names: [] }, resident: { count: 3, names: [] } },
      participation: {
        revision: 1, categories: DEFAULT_CATEGORIES.map((c) => ({ ...c, hidden: false, builtIn: true })), needs: [], options: [], threads: [],
        votes: [], revisions: [], approvals: [], quorum: null, agreements: [], reopens: [],
      },
      optionId: null, boardLink: 'http://example.test/p/x', optionSvg: null, optionBounds: null,
      boardSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><text x="10" y="50" font-size="20">沙坑和秋千</text></svg>',
      assets: { projectId: 'p'.repeat(22), assetDir: path.join(dir, 'assets'), host: null }, photoCacheDir: path.join(dir, 'cache'),
    }
    const { pdf } = await new runner.ReportRunner().run(input)
    const text = pdfText(pdf, dir)
    expect(text).toContain('工人新村口袋公园')
    expect(text).toContain('沙坑和秋千')
    expect(text).toContain('草稿 draft')
    renderFirstPage(pdf, dir)
  })
})
