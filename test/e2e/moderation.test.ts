/**
 * Moderation as each person sees it, in real Chromium against the real server: a resident pins a
 * need with her phone number on her phone; the committee on a laptop reads the number, hides the
 * need ("含个人隐私"); another resident's phone loses it at once, the author's phone keeps it greyed
 * with the reason (in Chinese, then in English); the committee restores it from "已隐藏 (1)" and it
 * is back for everyone; the record of both is in the committee's history, and in nobody else's.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { strings } from '../../src/i18n/strings.js'
import { format } from '../../src/i18n/lang.js'
import { byTestId, DESKTOP, joinByLink, PHONE, setupE2e, waitForStage } from '../helpers/e2e.js'
import { api, createLink, createProject, moveStage } from '../server/workflowTestKit.js'

const zh = strings['zh-CN']
const en = strings.en

async function openNeeds(page: Page) {
  await page.getByTestId('participation-panel').waitFor()
  if ((await page.getByTestId('tab-needs').count()) === 0) await page.getByTestId('participation-toggle').click()
  await page.getByTestId('tab-needs').click()
}

describe('moderation: what the committee, the author and another resident see', () => {
  const e2e = setupE2e()

  it('hides a need with a reason live for others, keeps it for its author, and restores it', async () => {
    // English words exist for everything shown here (the same keys and placeholders: typed).
    expect(en.moderation.reasons.personal).toBe('Personal information')
    expect(format(en.moderation.hiddenBy, { who: en.workflow.roles.committee, reason: en.moderation.reasons.personal }))
      .toBe('Hidden by the Committee: Personal information')

    const url = e2e.server.url
    const project = await createProject(url)
    const base = `${url}/join/${project.projectId}#`
    const residentLink = await createLink(url, project, 'resident')
    const committeeLink = await createLink(url, project, 'committee')
    expect(await moveStage(url, project, 'organize', 'needs')).toMatchObject({ status: 200 })

    const author = await e2e.open(PHONE)
    await joinByLink(author.page, base + residentLink.token, '王阿姨')
    const other = await e2e.open(PHONE)
    await joinByLink(other.page, base + residentLink.token, '李大爷')
    const committee = await e2e.open(DESKTOP)
    await joinByLink(committee.page, base + committeeLink.token, '刘主任')

    // — The author pins a need on her phone, with her phone number in it —
    await waitForStage(author.page, 'needs')
    await author.page.getByTestId('add-need').click()
    await author.page.getByTestId('need-pick-hint').waitFor()
    await author.page.touchscreen.tap(120, 500)
    await byTestId(author.page, 'need-category', '[data-category="lighting"]').click()
    await author.page.getByTestId('need-text').fill('楼下路灯坏了，有事打我电话 138 1234 5678')
    await author.page.getByTestId('need-submit').click()
    // Only the committee reads the number; everyone else, the author too, gets it masked.
    const masked = '楼下路灯坏了，有事打我电话 138****5678'
    // The tap sends it; the server may not have it yet when the next line asks (a loaded machine).
    const pinned = async () => (await api(url, 'GET', `/api/projects/${project.projectId}/participation`, { token: committeeLink.token })).body.needs as Array<{ id: string }>
    await expect.poll(async () => (await pinned()).length, { timeout: 20_000 }).toBe(1)
    const needId = (await pinned())[0].id
    const item = (page: Page) => byTestId(page, 'need-item', `[data-need-id="${needId}"]`)

    await openNeeds(other.page)
    await item(other.page).filter({ hasText: masked }).waitFor({ timeout: 20_000 })
    await openNeeds(author.page)
    await item(author.page).filter({ hasText: masked }).waitFor({ timeout: 20_000 })

    // — The committee, on the laptop, reads it whole and hides it —
    await openNeeds(committee.page)
    await item(committee.page).filter({ hasText: '138 1234 5678' }).getByTestId('need-open').click()
    const card = committee.page.getByTestId('need-card')
    await card.getByTestId('need-card-text').filter({ hasText: '138 1234 5678' }).waitFor()
    await card.getByTestId('hide-need').click()
    const dialog = committee.page.getByTestId('hide-dialog')
    await dialog.getByText(zh.moderation.titles.need).waitFor()
    // "其他" without words is not sent.
    await byTestId(committee.page, 'hide-reason', '[data-reason="other"]').click()
    await dialog.getByTestId('hide-confirm').click()
    await dialog.getByTestId('hide-error').filter({ hasText: zh.moderation.noteRequired }).waitFor()
    await byTestId(committee.page, 'hide-reason', '[data-reason="personal"]').click()
    await dialog.getByTestId('hide-note').fill('电话号码不要公开')
    await dialog.getByTestId('hide-confirm').click()
    await dialog.waitFor({ state: 'detached' })
    // The card now says it is hidden, by whom, with "恢复"; the list holds it under "已隐藏 (1)".
    const notice = card.getByTestId('hidden-notice-need')
    await notice.filter({ hasText: '已被居委隐藏：含个人隐私 — 电话号码不要公开' }).waitFor()
    await notice.filter({ hasText: '刘主任' }).waitFor()
    await card.getByRole('button', { name: zh.workflow.tools.close }).click()
    await item(committee.page).waitFor({ state: 'detached' })
    await byTestId(committee.page, 'hidden-list-summary').filter({ hasText: '已隐藏 (1)' }).click()

    // — Another resident: gone, without a reload —
    await item(other.page).waitFor({ state: 'detached', timeout: 20_000 })
    await expect(byTestId(other.page, 'need-pin', `[data-need-id="${needId}"]`).count()).resolves.toBe(0)
    await expect(byTestId(other.page, 'hidden-list').count()).resolves.toBe(0)
    await expect(other.page.getByText('路灯坏了').count()).resolves.toBe(0)

    // — Its author: still there, greyed, saying why; nothing to restore —
    const mine = item(author.page)
    await mine.getByTestId('need-item-hidden').filter({ hasText: '已被居委隐藏：含个人隐私 — 电话号码不要公开' }).waitFor({ timeout: 20_000 })
    await mine.getByTestId('need-open').click()
    const authorCard = author.page.getByTestId('need-card')
    await authorCard.getByTestId('hidden-notice-need').filter({ hasText: zh.moderation.authorNote }).waitFor()
    await expect(authorCard.getByTestId('restore-need').count()).resolves.toBe(0)
    await expect(authorCard.getByTestId('hide-need').count()).resolves.toBe(0)
    // The same, in English, on her phone.
    await authorCard.getByRole('button', { name: zh.workflow.tools.close }).click()
    await author.page.getByTestId('lang-switch').click()
    await author.page.locator('html[lang="en"]').waitFor()
    await openNeeds(author.page)
    await mine.getByTestId('need-item-hidden').filter({ hasText: 'Hidden by the Committee: Personal information' }).waitFor()
    await mine.getByTestId('need-open').click()
    await authorCard.getByTestId('hidden-notice-need').filter({ hasText: 'Hidden by the Committee: Personal information — 电话号码不要公开' }).waitFor()
    await authorCard.getByTestId('hidden-notice-need').filter({ hasText: en.moderation.authorNote }).waitFor()

    // — The committee restores it: back for everyone, as it was —
    const row = byTestId(committee.page, 'hidden-item', `[data-id="${needId}"]`)
    await row.filter({ hasText: '刘主任' }).waitFor()
    await row.getByTestId('restore-need').click()
    await byTestId(committee.page, 'hidden-list-summary').filter({ hasText: '已隐藏 (0)' }).waitFor()
    await item(other.page).filter({ hasText: masked }).waitFor({ timeout: 20_000 })
    await authorCard.getByTestId('hidden-notice-need').waitFor({ state: 'detached', timeout: 20_000 })

    // Who hid what and when, and who restored it: in the committee's history (nobody else's).
    await committee.page.getByTestId('open-history').click()
    const history = committee.page.getByTestId('history')
    await history.locator('[data-testid="moderation-entry"][data-action="hide"]').filter({ hasText: '刘主任隐藏了需求：含个人隐私' }).waitFor()
    await history.locator('[data-testid="moderation-entry"][data-action="restore"]').filter({ hasText: '刘主任恢复了需求' }).waitFor()
    await other.page.getByTestId('open-history').click()
    await other.page.getByTestId('history').waitFor()
    await expect(byTestId(other.page, 'moderation-entry').count()).resolves.toBe(0)
  })
})
