/**
 * A resident's own new drawing is hers from the first point, in real Chromium
 * against the real server. The server records who made a shape only once it has taken it, so until
 * then the board must not treat her fresh stroke as someone else's: with no network at all (the
 * slowest network there is), her stroke keeps every point she drew and she can move it right away;
 * back online, everyone sees it as she left it and nothing is refused. She is not offered a new
 * page either (pages are the organizer's), while the organizer is.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { byTestId, DESKTOP, drag, joinByLink, setupE2e, waitForStage, waitForStatus } from '../helpers/e2e.js'
import { createLink, createProject, moveStage } from '../server/workflowTestKit.js'

const drawings = (page: Page) => page.locator('.board__canvas .tl-shape[data-shape-type="draw"]')

async function box(page: Page) {
  const b = await drawings(page).first().boundingBox()
  if (!b) throw new Error('the stroke is not on screen')
  return b
}

describe("a resident's own new shapes", () => {
  const e2e = setupE2e()

  it('keep all their points and move right after drawing, even offline; no page menu for her', async () => {
    const url = e2e.server.url
    const project = await createProject(url)
    const base = `${url}/join/${project.projectId}#`
    const resident = await createLink(url, project, 'resident')
    expect(await moveStage(url, project, 'organize', 'needs')).toMatchObject({ status: 200 })

    const org = await e2e.open(DESKTOP)
    await joinByLink(org.page, base + project.organizerToken, '王老师')
    const res = await e2e.open(DESKTOP)
    await joinByLink(res.page, base + resident.token, '李阿姨')
    await waitForStage(res.page, 'needs')
    await waitForStatus(res.page, 'connected')

    // Pages are the organizer's: she has the page menu, the resident does not.
    await org.page.getByTestId('page-menu.button').waitFor({ timeout: 20_000 })
    expect(await res.page.getByTestId('page-menu.button').count()).toBe(0)

    // No network: no owner will be recorded for her stroke until she is back.
    await res.context.setOffline(true)
    await waitForStatus(res.page, 'offline')
    await drag(res.page, 'tools.draw', 400, 300, [[60, 40], [120, -20], [200, 60]])
    await drawings(res.page).first().waitFor()
    const drawn = await box(res.page)
    // The whole stroke, not just its first point.
    expect(drawn.width).toBeGreaterThan(150)
    expect(drawn.height).toBeGreaterThan(50)

    // She moves it at once.
    await drag(res.page, 'tools.select', 400, 300, [[50, 50], [100, 120]])
    await expect.poll(async () => (await box(res.page)).x - drawn.x, { timeout: 5_000 }).toBeGreaterThan(80)
    const moved = await box(res.page)
    expect(moved.y - drawn.y).toBeGreaterThan(100)
    expect(moved.width).toBeCloseTo(drawn.width, -1)

    // Back online: the organizer sees the whole stroke, and the resident's board is not reopened.
    await res.context.setOffline(false)
    await waitForStatus(res.page, 'connected')
    await expect.poll(() => drawings(org.page).count(), { timeout: 20_000 }).toBe(1)
    expect((await box(org.page)).width).toBeCloseTo(drawn.width, -1)
    await res.page.waitForTimeout(1_000)
    expect(await byTestId(res.page, 'refused').count()).toBe(0)
    expect(await drawings(res.page).count()).toBe(1)
    expect((await box(res.page)).x).toBeCloseTo(moved.x, -1)

    // Online, a new stroke can be moved right after drawing too.
    await drag(res.page, 'tools.draw', 300, 550, [[80, 20], [160, -10]])
    await expect.poll(() => drawings(res.page).count()).toBe(2)
    // Found by where it was drawn: the order of shapes in the page is not the order they were drawn in.
    const boxes = async () => Promise.all((await drawings(res.page).all()).map((d) => d.boundingBox()))
    const second = (await boxes()).find((b) => b !== null && Math.abs(b.x - 300) < 10)
    expect(second?.width ?? 0).toBeGreaterThan(120)
    await drag(res.page, 'tools.select', 300, 550, [[0, 60], [0, 100]])
    await expect.poll(async () => (await boxes()).some((b) => b !== null && Math.abs(b.x - second!.x) < 10 && b.y - second!.y > 60)).toBe(true)
    await res.page.waitForTimeout(1_000)
    expect(await byTestId(res.page, 'refused').count()).toBe(0)
  })
})
