import { describe, it } from 'vitest'
import type { CreateWorkspaceResponse } from '../../src/shared/workspaceApi.js'
import { byTestId, setupE2e } from '../helpers/e2e.js'
import { api } from '../server/workflowTestKit.js'

describe('shots', () => {
  const e2e = setupE2e()
  it('takes screenshots', async () => {
    const url = e2e.server.url
    const ws = (await api(url, 'POST', '/api/workspaces', { body: { name: '某某镇 老旧小区改造专班' } })).body as unknown as CreateWorkspaceResponse
    const names = [['学林苑中心花园改造', '学林苑'], ['桂花园 车棚改造', '桂花园'], ['丰收村 晒场改造', '丰收村'], ['幸福里 口袋公园', '幸福里'], ['新华小区 加装电梯协商', '新华小区']]
    const ps: { id: string; token: string }[] = []
    for (const [name, area] of names) {
      const res = await api(url, 'POST', `/api/workspaces/${ws.workspaceId}/projects`, { token: ws.managerToken, body: { name, site: '中心花园', area } })
      ps.push({ id: res.body.projectId as string, token: res.body.organizerToken as string })
    }
    const order = ['organize', 'needs', 'siteVisit', 'negotiate', 'agreed']
    for (let i = 0; i < ps.length; i++) {
      for (let s = 0; s < i; s++) await api(url, 'POST', `/api/projects/${ps[i].id}/stage`, { token: ps[i].token, body: { from: order[s], to: order[s + 1] } })
    }
    await api(url, 'PATCH', `/api/workspaces/${ws.workspaceId}`, { token: ws.managerToken, body: { overdueDays: 1 } })
    const db = (e2e.server.running.storage as unknown as { database: import('better-sqlite3').Database }).database
    db.prepare('UPDATE projects SET created_at = created_at - ? WHERE id = ?').run(5 * 86_400_000, ps[0].id)
    await api(url, 'POST', `/api/workspaces/${ws.workspaceId}/lists`, { token: ws.managerToken, body: { side: 'resource', kind: 'funds', name: '社区微更新专项资金', amount: '5 万元', contact: '镇城建办 张科长 138xxxx', community: '全镇', description: '每个小区最多申请一次，用于公共空间小改造。' } })
    await api(url, 'POST', `/api/workspaces/${ws.workspaceId}/lists`, { token: ws.managerToken, body: { side: 'resource', kind: 'volunteers', name: '大学生志愿者服务队', amount: '20 人', community: '学林苑' } })
    await api(url, 'POST', `/api/workspaces/${ws.workspaceId}/lists`, { token: ws.managerToken, body: { side: 'need', name: '老人活动场地不足', community: '桂花园', description: '冬天没有晒太阳的地方' } })
    for (const [label, opts, link] of [
      ['desk', { viewport: { width: 1920, height: 1080 } }, ws.managerLink],
      ['laptop', { viewport: { width: 1366, height: 768 } }, ws.boardLink],
      ['phone', { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }, ws.boardLink],
    ] as const) {
      const { page } = await e2e.open(opts)
      if (label === 'phone') await page.addInitScript(() => localStorage.setItem('commonground.largeText', 'on'))
      await page.goto(url + link)
      await byTestId(page, 'workspace-projects').waitFor()
      await page.screenshot({ path: `/tmp/shots-workspace/${label}-overview.png`, fullPage: true })
      await page.getByTestId('workspace-tab-weekly').click()
      await byTestId(page, 'workspace-weekly-project').first().waitFor()
      await page.screenshot({ path: `/tmp/shots-workspace/${label}-weekly.png`, fullPage: true })
      await page.getByTestId('workspace-tab-lists').click()
      await byTestId(page, 'workspace-entry').first().waitFor()
      await page.screenshot({ path: `/tmp/shots-workspace/${label}-lists.png`, fullPage: true })
      if (label === 'desk') {
        await page.getByTestId('workspace-tab-manage').click()
        await page.screenshot({ path: `/tmp/shots-workspace/${label}-manage.png`, fullPage: true })
      }
    }
    {
      const { page, errors } = await e2e.open({ viewport: { width: 1366, height: 768 } })
      await page.goto(url + ws.managerLink)
      await page.getByTestId('workspace-tab-manage').click()
      await page.getByTestId('workspace-new-project').click()
      await page.getByTestId('project-workspace').waitFor()
      await page.screenshot({ path: '/tmp/shots-workspace/new-in-workspace.png' })
      await page.getByTestId('project-name').fill('新项目 在工作区里')
      await page.getByTestId('project-site').fill('某处')
      await page.getByTestId('project-area').fill('某小区')
      await page.getByTestId('project-create').click()
      await page.waitForURL(/\/p\//, { timeout: 30_000 })
      const o = await api(url, 'GET', `/api/workspaces/${ws.workspaceId}/overview`, { token: ws.boardToken })
      console.log('PROJECTS', (o.body.projects as { name: string }[]).map((p) => p.name).join(','), errors.join('|'))
      await page.goto(url + `/w/${ws.workspaceId}`)
      await page.getByTestId('workspace-tab-lists').click()
      await page.getByTestId('workspace-match').waitFor()
      await page.screenshot({ path: '/tmp/shots-workspace/match.png', fullPage: true })
    }
    const { page } = await e2e.open({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true })
    await page.addInitScript(() => localStorage.setItem('commonground.largeText', 'on'))
    await page.goto(url + '/')
    await page.getByTestId('workspace-name-input').fill('某某镇专班')
    await page.getByTestId('workspace-create').click()
    await byTestId(page, 'workspace-created').waitFor()
    await byTestId(page, 'workspace-created').screenshot({ path: '/tmp/shots-workspace/phone-created.png' })
  })
})
