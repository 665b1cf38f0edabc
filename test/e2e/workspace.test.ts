/**
 * The town's task force opens its workspace link on a big screen: every project of the workspace with
 * its stage and counts, a stage filter, and the weekly check-in downloaded as a spreadsheet. Inside a
 * project: its organizer matches a need to a resource of the workspace from the need's card on a
 * laptop ("已对接：…", the line every role reads on the need: test/server/workspace.test.ts checks who
 * gets it), and leaves the workspace from the dashboard.
 */
import fs from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { format } from '../../src/i18n/lang.js'
import { strings } from '../../src/i18n/strings.js'
import type { CreateWorkspaceResponse } from '../../src/shared/workspaceApi.js'
import { foreignRequests } from '../helpers/browser.js'
import { byTestId, DESKTOP, joinByLink, setupE2e } from '../helpers/e2e.js'
import { api, createLink } from '../server/workflowTestKit.js'

const zh = strings['zh-CN']

/** Opens the need's card from the needs tab of the participation panel. */
async function openNeedCard(page: Page, needId: string) {
  await page.getByTestId('participation-panel').waitFor()
  if ((await page.getByTestId('tab-needs').count()) === 0) await page.getByTestId('participation-toggle').click()
  await page.getByTestId('tab-needs').click()
  await byTestId(page, 'need-item', `[data-need-id="${needId}"]`).getByTestId('need-open').click()
  return page.getByTestId('need-card')
}

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

  it('lets the organizer match a need to a resource from its card, and leave the workspace', async () => {
    const url = e2e.server.url
    const ws = (await api(url, 'POST', '/api/workspaces', { body: { name: '某某镇 专班' } })).body as unknown as CreateWorkspaceResponse
    const made = await api(url, 'POST', `/api/workspaces/${ws.workspaceId}/projects`, { token: ws.managerToken, body: { name: '学林苑中心花园改造', site: '中心花园', area: '学林苑' } })
    const project = { projectId: made.body.projectId as string, organizerToken: made.body.organizerToken as string }
    const resource = await api(url, 'POST', `/api/workspaces/${ws.workspaceId}/lists`, {
      token: ws.managerToken, body: { side: 'resource', kind: 'funds', name: '某某公益基金会' },
    })
    const resourceId = resource.body.id as string
    await api(url, 'POST', `/api/projects/${project.projectId}/stage`, { token: project.organizerToken, body: { from: 'organize', to: 'needs' } })
    const residentLink = await createLink(url, project, 'resident')
    const joined = await api(url, 'POST', `/api/projects/${project.projectId}/participants`, { token: residentLink.token, body: { name: '王阿姨' } })
    const need = await api(url, 'POST', `/api/projects/${project.projectId}/needs`, { token: joined.body.token as string, body: { x: 300, y: 300, categoryId: 'seating', text: '想要有靠背的长椅' } })
    const needId = need.body.id as string

    // The organizer, on a laptop: the need's card lists the workspace's resources; one tap matches.
    const org = await e2e.open(DESKTOP)
    await joinByLink(org.page, `${url}/join/${project.projectId}#${project.organizerToken}`, '王老师')
    const card = await openNeedCard(org.page, needId)
    const button = byTestId(org.page, 'need-match-resource', `[data-resource-id="${resourceId}"]`)
    await button.click()
    await card.getByTestId('need-resources').filter({ hasText: '已对接：某某公益基金会 · 资金' }).waitFor()
    expect(await button.getAttribute('aria-pressed')).toBe('true')
    const box = await button.boundingBox()
    expect(box!.height).toBeGreaterThanOrEqual(44)

    // The organizer leaves the workspace from the dashboard, after saying so twice.
    await card.getByRole('button', { name: zh.workflow.tools.close }).click()
    await org.page.getByTestId('open-dashboard').click()
    const section = org.page.getByTestId('project-workspace')
    await section.getByText(format(zh.workspace.project.inWorkspace, { name: '某某镇 专班' })).waitFor()
    await section.getByTestId('workspace-leave').click()
    await section.getByTestId('workspace-leave-confirm').click()
    await org.page.getByTestId('workspace-left').waitFor()
    const overview = await api(url, 'GET', `/api/workspaces/${ws.workspaceId}/overview`, { token: ws.boardToken })
    expect(overview.body.projects).toEqual([])
    expect(foreignRequests(org.requests, url)).toEqual([])
  })
})
