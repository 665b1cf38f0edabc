/**
 * The co-design workflow as its people see it, in real Chromium against the real server: an organizer
 * creates a project with a base plan and makes a resident link; a resident joins on a phone through
 * it, is told what is asked of them, cannot draw while the project is being organized, and can once
 * the organizer opens "collect needs".
 */
import { describe, expect, it } from 'vitest'
import { strings } from '../../src/i18n/strings.js'
import { foreignRequests } from '../helpers/browser.js'
import { byTestId, DESKTOP, drag, enterNameIfAsked, PHONE, setupE2e, waitForStatus } from '../helpers/e2e.js'
import { solidPng } from '../helpers/png.js'

const zh = strings['zh-CN']

describe('a project run through its first stages', () => {
  const e2e = setupE2e()

  it('organizer creates a project and a resident link; the resident joins, may draw only once needs are collected', async () => {
    // — The organizer, on a laptop —
    const org = await e2e.open(DESKTOP)
    await org.page.goto(e2e.server.url + '/')
    await org.page.getByTestId('new-project').click()
    await org.page.waitForURL(/\/new$/)
    await org.page.getByTestId('project-name').fill('学林苑中心花园改造')
    await org.page.getByTestId('project-site').fill('学林苑小区中心花园')
    await org.page.getByTestId('project-area').fill('学林苑')
    await org.page.getByTestId('project-brief').fill('把中心花园改成老人和孩子都能用的地方。')
    await org.page.getByTestId('project-baseplan').setInputFiles({ name: '总平面图.png', mimeType: 'image/png', buffer: solidPng(400, 300) })
    await org.page.getByTestId('project-create').click()
    await org.page.waitForURL(/\/p\/[A-Za-z0-9_-]+$/, { timeout: 20_000 })
    const projectId = new URL(org.page.url()).pathname.split('/').pop()!
    await enterNameIfAsked(org.page, '王老师')
    await waitForStatus(org.page, 'connected')
    await byTestId(org.page, 'stage-bar', '[data-stage="organize"]').waitFor()
    expect(await org.page.getByTestId('board-title').textContent()).toContain('学林苑中心花园改造')
    // The base plan is on the canvas, locked at the bottom.
    await org.page.locator('.tl-shape[data-shape-type="image"]').first().waitFor({ timeout: 20_000 })

    // A resident link, with its QR code.
    await org.page.getByTestId('open-share').click()
    await org.page.getByTestId('share-panel').waitFor()
    await org.page.getByTestId('share-role').selectOption('resident')
    await org.page.getByTestId('share-create').click()
    const linkInput = org.page.getByTestId('share-link-url')
    await linkInput.waitFor()
    const residentLink = await linkInput.inputValue()
    expect(residentLink).toMatch(new RegExp(`/join/${projectId}#[A-Za-z0-9_-]{22,}$`))
    await org.page.getByTestId('share-qr').waitFor()
    await byTestId(org.page, 'share-link-item', '[data-role="resident"]').first().waitFor()
    await org.page.keyboard.press('Escape')

    // — A resident, on a phone —
    const res = await e2e.open(PHONE)
    await res.page.goto(residentLink)
    expect(await res.page.getByTestId('join-role').textContent()).toContain(zh.workflow.roles.resident)
    await res.page.getByTestId('join-name').fill('李阿姨')
    await res.page.getByTestId('join-unit').fill('3号楼2单元')
    await res.page.getByTestId('join-submit').click()
    await res.page.waitForURL(new RegExp(`/p/${projectId}$`), { timeout: 20_000 })
    await waitForStatus(res.page, 'connected')

    // Told, in plain Chinese, what is asked of a resident now — and that drawing waits.
    await byTestId(res.page, 'stage-bar', '[data-stage="organize"]').waitFor()
    expect(await res.page.getByTestId('stage-guidance').textContent()).toContain(zh.workflow.guidance.resident.organize)
    await res.page.getByTestId('readonly-reason').waitFor()
    expect(await res.page.getByTestId('tools.draw').count()).toBe(0)
    // The base plan reached the phone too.
    await res.page.locator('.tl-shape[data-shape-type="image"]').first().waitFor({ timeout: 20_000 })

    // Each sees the other with their role, under the name they joined with (the creator joined too).
    await byTestId(org.page, 'person', '[data-name="李阿姨"][data-role="resident"]').first().waitFor({ state: 'attached', timeout: 20_000 })
    // On a phone the people list starts folded, so it does not cover the plan.
    expect(await res.page.getByTestId('people-list').count()).toBe(0)
    await res.page.getByTestId('people-toggle').click()
    await byTestId(res.page, 'person', '[data-name="王老师"][data-role="organizer"]').first().waitFor({ state: 'attached', timeout: 20_000 })
    // Both devices act with a personal token now, the role link kept beside it.
    for (const p of [org, res]) {
      const saved = await p.page.evaluate(() => JSON.parse(localStorage.getItem('commonground.projectAccess') ?? '[]') as unknown[])
      expect(saved).toEqual([expect.objectContaining({ projectId, participantId: expect.any(String), linkToken: expect.any(String) })])
    }

    // — The organizer opens "collect needs" —
    await org.page.getByTestId('stage-forward').click()
    await org.page.getByTestId('stage-confirm').click()
    await byTestId(org.page, 'stage-bar', '[data-stage="needs"]').waitFor()

    // The resident's page follows without a reload, and now they may draw.
    await byTestId(res.page, 'stage-bar', '[data-stage="needs"]').waitFor({ timeout: 20_000 })
    expect(await res.page.getByTestId('stage-guidance').textContent()).toContain(zh.workflow.guidance.resident.needs)
    await res.page.getByTestId('readonly-reason').waitFor({ state: 'detached' })
    await drag(res.page, 'tools.draw', 120, 420, [[60, 40], [120, 10]])
    await org.page.locator('.tl-shape[data-shape-type="draw"]').first().waitFor({ timeout: 20_000 })

    // The move is in the history, with who made it.
    await org.page.getByTestId('open-history').click()
    const move = org.page.getByTestId('history-move')
    await move.first().waitFor()
    expect(await move.count()).toBe(1)
    expect(await move.first().textContent()).toContain('王老师')

    for (const p of [org, res]) {
      expect(foreignRequests(p.requests, e2e.server.url)).toEqual([])
    }
  })
})
