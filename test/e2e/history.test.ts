/**
 * Undoing damage as the organizer sees it, in real Chromium against the real
 * server: a resident draws, the stage moves (a copy of the board is saved), the resident draws more;
 * the organizer finds the resident in "who changed the board", restores the saved copy (the later
 * drawing disappears on both pages), then withdraws the resident's link (the resident's page shows
 * that the link was withdrawn).
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { foreignRequests } from '../helpers/browser.js'
import { byTestId, DESKTOP, drag, joinByLink, PHONE, setupE2e, waitForStage } from '../helpers/e2e.js'
import { createLink, createProject, moveStage, type TestProject } from '../server/workflowTestKit.js'

const drawings = (page: Page) => page.locator('.board__canvas .tl-shape[data-shape-type="draw"]')

async function moveOn(page: Page, button: 'stage-forward' | 'stage-back', to: string) {
  await page.getByTestId(button).click()
  await page.getByTestId('stage-confirm').click()
  await waitForStage(page, to)
}

describe('history and audit: finding and undoing damage', () => {
  const e2e = setupE2e()

  it('organizer sees who drew, restores an earlier board for everyone, and withdraws the link', async () => {
    const url = e2e.server.url
    const project: TestProject = await createProject(url)
    const base = `${url}/join/${project.projectId}#`
    const resident = await createLink(url, project, 'resident', { label: '3 号楼' })
    expect(await moveStage(url, project, 'organize', 'needs')).toMatchObject({ status: 200 })

    const org = await e2e.open(DESKTOP)
    await joinByLink(org.page, base + project.organizerToken, '王老师')
    const res = await e2e.open(PHONE)
    await joinByLink(res.page, base + resident.token, '李阿姨')
    await waitForStage(res.page, 'needs')

    // The resident draws; the organizer's page receives it.
    await drag(res.page, 'tools.draw', 120, 300, [[60, 40], [120, 10]])
    await expect.poll(() => drawings(org.page).count(), { timeout: 20_000 }).toBe(1)

    // The organizer moves on to the site visit and back: each move saves a copy of the board.
    await moveOn(org.page, 'stage-forward', 'siteVisit')
    await waitForStage(res.page, 'siteVisit')
    await moveOn(org.page, 'stage-back', 'needs')
    await waitForStage(res.page, 'needs')
    await res.page.getByTestId('readonly-reason').waitFor({ state: 'detached', timeout: 20_000 })

    // The resident draws more (the "damage").
    await drag(res.page, 'tools.draw', 120, 400, [[80, -30], [160, 20]])
    await expect.poll(() => drawings(org.page).count(), { timeout: 20_000 }).toBe(2)
    await expect.poll(() => drawings(res.page).count()).toBe(2)

    // "Who changed the board": the resident, with edits.
    await org.page.getByTestId('open-dashboard').click()
    await org.page.getByTestId('dashboard').waitFor()
    const person = byTestId(org.page, 'audit-person', '[data-name="李阿姨"][data-role="resident"]')
    await person.waitFor({ timeout: 20_000 })
    expect(Number(await person.getAttribute('data-updates'))).toBeGreaterThan(0)
    expect(await person.getAttribute('data-link-id')).toBe(resident.linkId)
    await org.page.keyboard.press('Escape')
    await org.page.getByTestId('dashboard').waitFor({ state: 'detached' })

    // The history lists the stage moves; the newest one holds the board before the second drawing.
    await org.page.getByTestId('open-history').click()
    const moves = org.page.getByTestId('history-move')
    await expect.poll(() => moves.count(), { timeout: 20_000 }).toBe(3)
    const latest = moves.first()
    await latest.getByTestId('history-view').click()
    const viewer = org.page.getByTestId('history-viewer')
    await viewer.waitFor()
    await expect.poll(() => viewer.locator('.tl-shape[data-shape-type="draw"]').count(), { timeout: 20_000 }).toBe(1)
    await org.page.getByTestId('history-close').click()
    await viewer.waitFor({ state: 'detached' })

    // Restore it, after a question that says everyone will see it and it can be undone.
    await moves.first().getByTestId('history-restore').click()
    await org.page.getByTestId('history-restore-dialog').waitFor()
    await org.page.getByTestId('history-restore-confirm').click()
    await org.page.getByTestId('history-restore-done').waitFor({ timeout: 20_000 })
    await expect.poll(() => drawings(org.page).count(), { timeout: 20_000 }).toBe(1)
    await expect.poll(() => drawings(res.page).count(), { timeout: 20_000 }).toBe(1)
    // The board from before the restore was saved, so the restore can itself be undone.
    await byTestId(org.page, 'history-snapshot').first().waitFor({ timeout: 20_000 })
    await org.page.keyboard.press('Escape')
    await org.page.getByTestId('history').waitFor({ state: 'detached' })

    // Withdraw the resident's link from the dashboard: the resident's page says so.
    await org.page.getByTestId('open-dashboard').click()
    await person.getByTestId('audit-revoke').click()
    await org.page.getByTestId('audit-revoke-confirm').click()
    await org.page.getByTestId('audit-revoke-done').waitFor({ timeout: 20_000 })
    await byTestId(res.page, 'project-refused', '[data-code="revoked"]').waitFor({ timeout: 20_000 })

    for (const p of [org, res]) {
      expect(foreignRequests(p.requests, e2e.server.url)).toEqual([])
    }
  })
})
