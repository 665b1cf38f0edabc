/**
 * Panels still open after the network drops, in real Chromium against the real server: a person
 * opens a project board on a good connection, leaves it alone until the browser is idle (the
 * board then fetches the code of the panels their role may open), loses the network, and opens
 * panels they had never opened: each shows itself, not the "could not load" notice. And a panel
 * whose code could not be fetched says so, then opens when tried again with the network back.
 */
import { describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { createLink, createProject } from '../server/workflowTestKit.js'
import { byTestId, DESKTOP, enterNameIfAsked, PHONE, setupE2e, waitForStatus } from '../helpers/e2e.js'
import { strings } from '../../src/i18n/strings.js'

const zh = strings['zh-CN']

/** Vite names the chunk of a dynamically imported module after its file: /assets/ShareDialog-<hash>.js. */
const chunkOf = (module: string) => new RegExp(`/assets/${module}-[\\w-]+\\.js$`)

/**
 * Records which asset requests finished and which are still on the way, for every page of the
 * context (and its service worker), so a test can wait for a prefetch without guessing its time.
 */
function watchAssets(context: BrowserContext) {
  const inFlight = new Set<unknown>()
  const done: string[] = []
  const isAsset = (url: string) => new URL(url).pathname.startsWith('/assets/')
  context.on('request', (req) => {
    if (isAsset(req.url())) inFlight.add(req)
  })
  context.on('requestfinished', (req) => {
    if (inFlight.delete(req)) done.push(req.url())
  })
  context.on('requestfailed', (req) => inFlight.delete(req))
  return {
    /** Resolves once a chunk of each module has arrived and no other asset request is pending. */
    async arrived(modules: string[]) {
      await expect
        .poll(() => inFlight.size === 0 && modules.every((m) => done.some((url) => chunkOf(m).test(url))), { timeout: 20_000 })
        .toBe(true)
    },
    fetched: (module: string) => done.some((url) => chunkOf(module).test(url)),
  }
}

/** Clicks `button` and returns the panel `panelId` once shown, failing if the "could not load" notice came instead. */
async function open(page: Page, button: string, panelId: string) {
  await page.getByTestId(button).click()
  const panel = byTestId(page, panelId)
  const failed = byTestId(page, 'load-failed')
  await panel.or(failed).first().waitFor()
  expect(await failed.count()).toBe(0)
  return panel
}

describe('panels on a project board after the network drops', () => {
  const e2e = setupE2e()

  it('open offline once the board has fetched them while idle, only those the role may open', async () => {
    const url = e2e.server.url
    const project = await createProject(url)

    // — The organizer, on a laptop: invite and overview, never opened before —
    const org = await e2e.open(DESKTOP)
    const orgAssets = watchAssets(org.context)
    await org.page.goto(`${url}/join/${project.projectId}#${project.organizerToken}`)
    await org.page.getByTestId('join-name').fill('王老师')
    await org.page.getByTestId('join-submit').click()
    await enterNameIfAsked(org.page, '王老师')
    await waitForStatus(org.page, 'connected')
    await orgAssets.arrived(['HistoryDialog', 'HistoryViewer', 'ShareDialog', 'DashboardDialog'])

    await org.context.setOffline(true)
    await waitForStatus(org.page, 'offline')
    const share = await open(org.page, 'open-share', 'share-panel')
    expect(await share.textContent()).toContain(zh.workflow.share.title)
    await org.page.keyboard.press('Escape')
    await share.waitFor({ state: 'detached' })
    const dashboard = await open(org.page, 'open-dashboard', 'dashboard')
    expect(await dashboard.textContent()).toContain(zh.workflow.dashboard.title)

    // — A resident, on a phone: history only; the organizer's panels are not fetched for them —
    const link = await createLink(url, project, 'resident')
    const res = await e2e.open(PHONE)
    const resAssets = watchAssets(res.context)
    await res.page.goto(`${url}/join/${project.projectId}#${link.token}`)
    await res.page.getByTestId('join-name').fill('李阿姨')
    await res.page.getByTestId('join-submit').click()
    await enterNameIfAsked(res.page, '李阿姨')
    await waitForStatus(res.page, 'connected')
    await resAssets.arrived(['HistoryDialog', 'HistoryViewer'])
    expect(resAssets.fetched('ShareDialog')).toBe(false)
    expect(resAssets.fetched('DashboardDialog')).toBe(false)

    await res.context.setOffline(true)
    await waitForStatus(res.page, 'offline')
    const history = await open(res.page, 'open-history', 'history')
    expect(await history.textContent()).toContain(zh.workflow.history.title)
  })

  it('a panel that could not be fetched says so, and opens when tried again once the network is back', async () => {
    const url = e2e.server.url
    const project = await createProject(url)
    // No service worker: page.route must see every chunk request (a worker would answer some itself).
    const org = await e2e.open({ ...DESKTOP, serviceWorkers: 'block' })
    const shareChunk = chunkOf('ShareDialog')
    let blocked = 0
    await org.page.route((u) => shareChunk.test(u.href), (route) => {
      blocked++
      return route.abort('internetdisconnected')
    })
    await org.page.goto(`${url}/join/${project.projectId}#${project.organizerToken}`)
    await org.page.getByTestId('join-name').fill('王老师')
    await org.page.getByTestId('join-submit').click()
    await enterNameIfAsked(org.page, '王老师')
    await waitForStatus(org.page, 'connected')

    await org.page.getByTestId('open-share').click()
    const failed = byTestId(org.page, 'load-failed')
    await failed.waitFor()
    expect(blocked).toBeGreaterThan(0)
    await org.page.keyboard.press('Escape')
    await failed.waitFor({ state: 'detached' })

    await org.page.unrouteAll()
    const share = await open(org.page, 'open-share', 'share-panel')
    expect(await share.textContent()).toContain(zh.workflow.share.title)
  })
})
