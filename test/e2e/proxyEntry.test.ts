/**
 * Entering for a resident without a phone (代录), as each person sees it, in real Chromium: a
 * committee member on a laptop enters 李阿姨's ballot and a batch of paper ballots; 李阿姨's own phone
 * is refused with a plain Chinese sentence naming who voted for her; the member sees the clash, takes
 * the entered ballot back, and 李阿姨 votes herself. Every count says which part was entered.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { strings } from '../../src/i18n/strings.js'
import { byTestId, DESKTOP, joinByLink, PHONE, setupE2e, waitForStatus } from '../helpers/e2e.js'
import { addOption, openRoom } from '../server/participationTestKit.js'

const zh = strings['zh-CN']
const en = strings.en

async function openVotes(page: Page): Promise<void> {
  await page.getByTestId('participation-panel').waitFor()
  if ((await page.getByTestId('tab-votes').count()) === 0) await page.getByTestId('participation-toggle').click()
  await page.getByTestId('tab-votes').click()
}

describe('代录: the committee enters for a resident, and her phone sees the clash', () => {
  const e2e = setupE2e()

  it('a ballot entered on the laptop refuses hers on the phone until the committee takes it back; paper ballots are their own line', async () => {
    // The English table has every one of these words too (the type checks the keys; these are not copies).
    expect(en.proxy.open).toBe('Enter for')
    expect(en.participation.errors.vote_entered_for_you).not.toBe(zh.participation.errors.vote_entered_for_you)

    const url = e2e.server.url
    const room = await openRoom(e2e.server)
    await room.moveTo('siteVisit')
    const a = await addOption(room, '方案 A：树下座椅')
    const b = await addOption(room, '方案 B：环形步道')
    await room.moveTo('negotiate')
    const opened = await room.call(room.organizer, 'POST', '/votes', { optionIds: [a, b], mode: 'single' })
    expect(opened.status).toBe(201)
    const base = `${url}/join/${room.project.projectId}#`

    // 李阿姨 joins on her phone (so she is in the people list), but has not voted yet.
    const phone = await e2e.open(PHONE)
    await joinByLink(phone.page, base + room.resident.linkToken, '李阿姨')
    await waitForStatus(phone.page, 'connected')

    // The committee member's laptop: 代录 → 李阿姨 → 方案 A.
    const laptop = await e2e.open(DESKTOP)
    await joinByLink(laptop.page, base + room.committee.linkToken, '张委员')
    await waitForStatus(laptop.page, 'connected')
    await openVotes(laptop.page)
    await laptop.page.getByTestId('proxy-open').filter({ hasText: zh.proxy.open }).click()
    const dialog = laptop.page.getByTestId('proxy-dialog')
    await dialog.getByTestId('proxy-resident').filter({ hasText: '李阿姨' }).click()
    await dialog.getByTestId('proxy-for').filter({ hasText: '正在替 李阿姨 录入' }).waitFor()
    await byTestId(laptop.page, 'proxy-ballot-option', `[data-option-id="${a}"]`).click()
    await dialog.getByTestId('proxy-ballot-done').waitFor()
    // The dialog keeps the record of what was entered, for whom and by whom.
    await dialog.getByTestId('proxy-history').locator('summary').filter({ hasText: '代录记录（1 条）' }).click()
    await dialog.getByTestId('proxy-history-entry').filter({ hasText: '居委 张委员 代 李阿姨 录入 · 投票' }).waitFor()
    await laptop.page.keyboard.press('Escape')
    const card = laptop.page.getByTestId('vote').first()
    await card.getByTestId('vote-proxy-ballots').filter({ hasText: '含代录 1 票' }).waitFor()
    // Named vote: her name on option A says who entered it.
    await card.locator(`[data-testid="vote-result"][data-option-id="${a}"]`).filter({ hasText: '李阿姨（居委 张委员 代录）' }).waitFor()

    // Paper ballots from the activity room: 12 for A, 3 for B, as their own line.
    await card.getByTestId('paper-ballots').locator('summary').click()
    await byTestId(laptop.page, 'paper-count', `[data-option-id="${a}"]`).fill('12')
    await byTestId(laptop.page, 'paper-count', `[data-option-id="${b}"]`).fill('3')
    await laptop.page.getByTestId('paper-source').fill('纸质选票，3号楼活动室')
    await laptop.page.getByTestId('paper-add').click()
    await card.locator(`[data-testid="vote-result"][data-option-id="${a}"][data-points="13"]`).getByTestId('vote-result-paper').filter({ hasText: '纸质 12 票' }).waitFor()
    await card.getByTestId('paper-batch').filter({ hasText: '纸质选票，3号楼活动室' }).waitFor()

    // Her phone says who voted for her; she wants to vote herself, picks B — refused, in plain Chinese.
    await openVotes(phone.page)
    await phone.page.getByTestId('vote-entered-for-me').filter({ hasText: '居委 张委员 已经替您投了这一票。' }).waitFor()
    await phone.page.getByTestId('vote-myself').tap()
    await byTestId(phone.page, 'ballot-choice', `[data-option-id="${b}"]`).tap()
    await phone.page.getByTestId('ballot-submit').tap()
    await phone.page.getByTestId('ballot-error').filter({ hasText: zh.participation.errors.vote_entered_for_you }).waitFor()
    // Nothing she did counted: A 13, B 3 on her screen too (the paper line shows there as well).
    const phoneCard = phone.page.getByTestId('vote').first()
    await phoneCard.locator(`[data-testid="vote-result"][data-option-id="${b}"][data-points="3"]`).getByTestId('vote-result-paper').waitFor()

    // The laptop shows the clash; the member takes the entered ballot back so she votes herself.
    const clash = card.getByTestId('vote-clash').filter({ hasText: '李阿姨 又用自己的手机投票' })
    await clash.waitFor()
    await clash.getByTestId('clash-keep-own').click()
    await card.getByTestId('vote-clash').filter({ hasText: '已处理：张委员 删掉了代录的票' }).waitFor()
    await card.locator(`[data-testid="vote-result"][data-option-id="${a}"][data-points="12"]`).waitFor()

    // Her phone: the entered ballot is gone, the ordinary form is hers; she votes B.
    await phone.page.getByTestId('vote-entered-for-me').waitFor({ state: 'detached' })
    await byTestId(phone.page, 'ballot-choice', `[data-option-id="${b}"]`).tap()
    await phone.page.getByTestId('ballot-submit').tap()
    await phone.page.getByTestId('ballot-done').filter({ hasText: '✓' }).waitFor()
    await card.locator(`[data-testid="vote-result"][data-option-id="${b}"][data-points="4"]`).waitFor()
    // A resident is never offered 代录, nor the paper form.
    expect(await phone.page.getByTestId('proxy-open').count()).toBe(0)
    expect(await phone.page.getByTestId('paper-ballots').count()).toBe(0)
  }, 120_000)
})
