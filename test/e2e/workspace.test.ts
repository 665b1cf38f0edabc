/**
 * The town's task force opens its workspace link on a big screen: every project of the workspace with
 * its stage and counts, a stage filter, and the weekly check-in downloaded as a spreadsheet.
 */
import fs from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { strings } from '../../src/i18n/strings.js'
import type { CreateWorkspaceResponse } from '../../src/shared/workspaceApi.js'
import { foreignRequests } from '../helpers/browser.js'
import { byTestId, setupE2e } from '../helpers/e2e.js'
import { api } from '../server/workflowTestKit.js'

const zh = strings['zh-CN']

describe('the town workspace', () => {
  const e2e = setupE2e()

  it('shows each project with its stage and counts, filters by stage, and downloads the weekly check-in', async () => {
    const url = e2e.server.url
    const ws = (await api(url, 'POST', '/api/workspaces', { body: { name: '某某镇 老旧小区改造专班' } })).body as unknown as CreateWorkspaceResponse
    const make = async (name: string, area: string) => {
      const res = await api(url, 'POST', `/api/workspaces/${ws.workspaceId}/projects`, { token: ws.managerToken, body: { name, site: '中心花园', area } })
      expect(res.status).toBe(201)
      return { id: res.body.projectId as string, token: res.body.organizerToken as string }
    }
    const xl = await make('学林苑中心花园改造', '学林苑')
    const gh = await make('桂花园 车棚改造', '桂花园')
    await make('丰收村 晒场改造', '丰收村')
    const move = (p: { id: string; token: string }, from: string, to: string) =>
      api(url, 'POST', `/api/projects/${p.id}/stage`, { token: p.token, body: { from, to } })
    await move(xl, 'organize', 'needs')
    await move(gh, 'organize', 'needs')
    await move(gh, 'needs', 'siteVisit')
    const joined = await api(url, 'POST', `/api/projects/${xl.id}/participants`, { token: xl.token, body: { name: '王老师' } })
    const need = await api(url, 'POST', `/api/projects/${xl.id}/needs`, { token: joined.body.token as string, body: { x: 1, y: 2, categoryId: 'seating', text: '想要长椅' } })
    expect(need.status).toBe(201)

    const { page, requests } = await e2e.open({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true })
    await page.goto(`${url}${ws.boardLink}`)
    await byTestId(page, 'workspace-projects').waitFor()
    // The token left the address bar (kept on the device).
    expect(new URL(page.url()).hash).toBe('')
    expect(await page.getByTestId('workspace-name').textContent()).toBe('某某镇 老旧小区改造专班')
    const rows = byTestId(page, 'workspace-project')
    expect(await rows.count()).toBe(3)
    const row = (id: string) => byTestId(page, 'workspace-project', `[data-project="${id}"]`)
    expect(await row(xl.id).getByTestId('workspace-stage').textContent()).toBe(zh.workflow.stages.needs)
    expect(await row(xl.id).getByTestId('workspace-needs').textContent()).toBe('0/1')
    expect(await row(xl.id).getByTestId('workspace-people').textContent()).toContain(`${zh.workflow.roles.organizer} 1`)
    expect(await row(gh.id).getByTestId('workspace-stage').textContent()).toBe(zh.workflow.stages.siteVisit)
    // A read-only link has no manage tab.
    expect(await page.getByTestId('workspace-tab-manage').count()).toBe(0)

    await page.getByTestId('workspace-filter-stage').selectOption('siteVisit')
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().getAttribute('data-project')).toBe(gh.id)

    await page.getByTestId('workspace-tab-weekly').click()
    await byTestId(page, 'workspace-weekly-project').first().waitFor()
    expect(await byTestId(page, 'workspace-weekly-project', `[data-project="${xl.id}"]`).textContent()).toContain('新需求 1 条')
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('workspace-csv-weekly').click()])
    const bytes = await fs.readFile(await file.path())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8')
    expect(text).toContain('学林苑中心花园改造')
    expect(text).toContain(`${zh.workflow.stages.needs} → ${zh.workflow.stages.siteVisit}`)
    expect(file.suggestedFilename()).toMatch(/每周对接\.csv$/)
    expect(foreignRequests(requests, url)).toEqual([])
  })
})
