/**
 * The participation loop on phones, in real Chromium against the real server: a resident adds a need
 * with a photo and ticks another; an expert makes an option that answers two needs; the organizer
 * runs and closes a vote and every page shows the same result; the committee approves and the board
 * turns read-only.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { api, createLink, createProject, moveStage, type TestProject } from '../server/workflowTestKit.js'
import { foreignRequests } from '../helpers/browser.js'
import { byTestId, DESKTOP, joinByLink, PHONE, setupE2e, waitForStage, waitForStatus } from '../helpers/e2e.js'
import { solidPng } from '../helpers/png.js'
import { strings } from '../../src/i18n/strings.js'

const zh = strings['zh-CN']

async function openPanel(page: Page, tab: string) {
  const panel = page.getByTestId('participation-panel')
  await panel.waitFor()
  if ((await page.getByTestId(`tab-${tab}`).count()) === 0) await page.getByTestId('participation-toggle').click()
  await page.getByTestId(`tab-${tab}`).click()
}

describe('needs, options, a vote and the agreement, on phones', () => {
  const e2e = setupE2e()

  it('runs from a resident\'s need to an agreed, read-only board', async () => {
    const url = e2e.server.url
    const project: TestProject = await createProject(url)
    const base = `${url}/join/${project.projectId}#`
    const links = {
      resident: await createLink(url, project, 'resident'),
      expert: await createLink(url, project, 'expert'),
      committee: await createLink(url, project, 'committee'),
    }
    // The organizer joins by name through the API too, so stage moves carry a name.
    const organizer = await api(url, 'POST', `/api/projects/${project.projectId}/participants`, { token: project.organizerToken, body: { name: '王老师' } })
    const orgToken = organizer.body.token as string
    expect(await moveStage(url, project, 'organize', 'needs')).toMatchObject({ status: 200 })

    // The same 王老师 on a laptop: a join under a taken name is refused, so the laptop comes
    // in through a one-time personal link made with the token already held ("add my other device").
    const org = await e2e.open(DESKTOP)
    const deviceLink = await api(url, 'POST', `/api/projects/${project.projectId}/participants/me/device-link`, { token: orgToken, body: {} })
    expect(deviceLink.status).toBe(201)
    await org.page.goto(url + (deviceLink.body.link as string))
    await waitForStatus(org.page, 'connected')

    const res = await e2e.open(PHONE)
    await joinByLink(res.page, base + links.resident.token, '李阿姨')
    const exp = await e2e.open(PHONE)
    await joinByLink(exp.page, base + links.expert.token, '张工')
    const com = await e2e.open(PHONE)
    await joinByLink(com.page, base + links.committee.token, '居委刘主任')

    // Someone else's need, entered by another committee member on residents' behalf (through the API;
    // 居委刘主任's name is taken by her phone, and a join never hands it over).
    const comJoin = await api(url, 'POST', `/api/projects/${project.projectId}/participants`, { token: links.committee.token, body: { name: '居委张委员' } })
    const other = await api(url, 'POST', `/api/projects/${project.projectId}/needs`, {
      token: comJoin.body.token as string,
      body: { x: 300, y: 200, categoryId: 'seating', text: '花园里需要几张有靠背的长椅', source: 'meeting', raisedBy: 3 },
    })
    expect(other.status).toBe(201)
    const otherId = other.body.id as string

    // — The resident adds a need with a photo, on the phone —
    await waitForStage(res.page, 'needs')
    await res.page.getByTestId('add-need').click()
    await res.page.getByTestId('need-pick-hint').waitFor()
    await res.page.touchscreen.tap(120, 600)
    await byTestId(res.page, 'need-category', '[data-category="lighting"]').click()
    await res.page.getByTestId('need-text').fill('晚上小路太黑，老人走路怕摔')
    await res.page.getByTestId('need-photo').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: solidPng(640, 480, [40, 40, 60]) })
    await res.page.getByTestId('need-submit').click()
    // It reaches the organizer's screen as a pin.
    await byTestId(org.page, 'need-pin').nth(1).waitFor({ timeout: 20_000 })

    // …and ticks the committee's need: its support goes from 3 (raised by 3) to 4 everywhere.
    await openPanel(res.page, 'needs')
    await byTestId(res.page, 'need-item', `[data-need-id="${otherId}"]`).getByTestId('need-tick').click()
    await byTestId(org.page, 'need-pin', `[data-need-id="${otherId}"][data-support="4"]`).waitFor({ timeout: 20_000 })

    const needs = await api(url, 'GET', `/api/projects/${project.projectId}/participation`, { token: orgToken })
    const needList = needs.body.needs as Array<{ id: string; text: string; photoSrc: string | null }>
    const mine = needList.find((n) => n.text === '晚上小路太黑，老人走路怕摔')
    expect(mine?.photoSrc).toMatch(/^\/api\/boards\//)

    // — The expert makes two options; A answers both needs —
    expect(await moveStage(url, project, 'needs', 'siteVisit')).toMatchObject({ status: 200 })
    await waitForStage(exp.page, 'siteVisit')
    await openPanel(exp.page, 'options')
    for (const [title, answers] of [['方案 A', [otherId, mine!.id]], ['方案 B', [otherId]]] as const) {
      await exp.page.getByTestId('create-option').click()
      await exp.page.getByTestId('option-title').fill(title)
      for (const id of answers) await byTestId(exp.page, 'option-need', `[data-need-id="${id}"]`).check()
      await exp.page.getByTestId('option-save').click()
      await byTestId(exp.page, 'option-item').filter({ hasText: title }).waitFor({ timeout: 20_000 })
    }
    const state = await api(url, 'GET', `/api/projects/${project.projectId}/participation`, { token: orgToken })
    const options = state.body.options as Array<{ id: string; title: string; addressedNeedIds: string[] }>
    const optionA = options.find((o) => o.title === '方案 A')!
    const optionB = options.find((o) => o.title === '方案 B')!
    expect(optionA.addressedNeedIds.sort()).toEqual([otherId, mine!.id].sort())
    await openPanel(org.page, 'options')
    await byTestId(org.page, 'option-item', `[data-option-id="${optionA.id}"]`).getByTestId('option-need-count').filter({ hasText: '2' }).waitFor({ timeout: 20_000 })

    // — The organizer runs a vote —
    expect(await moveStage(url, project, 'siteVisit', 'negotiate')).toMatchObject({ status: 200 })
    await waitForStage(org.page, 'negotiate')
    await openPanel(org.page, 'votes')
    await org.page.getByTestId('vote-new').click()
    await byTestId(org.page, 'vote-option', `[data-option-id="${optionA.id}"]`).check()
    await byTestId(org.page, 'vote-option', `[data-option-id="${optionB.id}"]`).check()
    await org.page.getByTestId('vote-open').click()
    await byTestId(org.page, 'vote', '[data-status="open"]').waitFor()

    for (const [voter, choice] of [[res, optionA], [com, optionA], [exp, optionB]] as const) {
      await waitForStage(voter.page, 'negotiate')
      await openPanel(voter.page, 'votes')
      await byTestId(voter.page, 'ballot-choice', `[data-option-id="${choice.id}"]`).click()
      await voter.page.getByTestId('ballot-submit').click()
      await byTestId(voter.page, 'vote-result', `[data-option-id="${choice.id}"]`).waitFor({ timeout: 20_000 })
    }
    await org.page.getByTestId('vote-close').click()
    for (const p of [org, res, exp, com]) {
      await byTestId(p.page, 'vote', '[data-status="closed"]').waitFor({ timeout: 20_000 })
      await byTestId(p.page, 'vote-result', `[data-option-id="${optionA.id}"][data-points="2"]`).waitFor({ timeout: 20_000 })
      await byTestId(p.page, 'vote-result', `[data-option-id="${optionB.id}"][data-points="1"]`).waitFor({ timeout: 20_000 })
    }

    // — The committee approves; the organizer confirms; the board turns read-only —
    await openPanel(org.page, 'agree')
    await org.page.getByTestId('quorum-input').fill('1')
    await org.page.getByTestId('quorum-save').click()
    await openPanel(com.page, 'agree')
    await byTestId(com.page, 'approve-option', `[data-option-id="${optionA.id}"]`).click()
    await byTestId(org.page, 'confirm-agreement', `[data-option-id="${optionA.id}"]`).click()
    await org.page.getByTestId('confirm-agreement-yes').click()
    for (const p of [res, exp, com]) {
      await waitForStage(p.page, 'agreed')
      await p.page.getByTestId('readonly-reason').waitFor({ timeout: 20_000 })
      expect(await p.page.getByTestId('tools.draw').count()).toBe(0)
    }
    await waitForStage(org.page, 'agreed')

    for (const p of [org, res, exp, com]) expect(foreignRequests(p.requests, url)).toEqual([])
  }, 240_000)

  it('lets a resident\'s phone comment where they look, keep a half-typed comment, read large text and hear plain refusals', async () => {
    const url = e2e.server.url
    const project: TestProject = await createProject(url)
    const base = `${url}/join/${project.projectId}#`
    const resident = await createLink(url, project, 'resident')
    const committee = await createLink(url, project, 'committee')
    const organizer = await api(url, 'POST', `/api/projects/${project.projectId}/participants`, { token: project.organizerToken, body: { name: '王老师' } })
    const orgToken = organizer.body.token as string
    const comToken = (await api(url, 'POST', `/api/projects/${project.projectId}/participants`, { token: committee.token, body: { name: '居委刘主任' } })).body.token as string
    expect(await moveStage(url, project, 'organize', 'needs')).toMatchObject({ status: 200 })
    const need = await api(url, 'POST', `/api/projects/${project.projectId}/needs`, {
      token: orgToken,
      body: { x: 200, y: 150, categoryId: 'greenery', text: '多种些树，夏天能遮阴' },
    })
    const needId = need.body.id as string

    const res = await e2e.open(PHONE)
    await joinByLink(res.page, base + resident.token, '李阿姨')
    const page = res.page

    // The pin says what it is in words — its category and how many support it — and is a finger's size.
    const pin = byTestId(page, 'need-pin', `[data-need-id="${needId}"]`)
    await pin.waitFor()
    expect(await pin.innerText()).toMatch(/绿化\s*1人/)
    const pinBox = (await pin.boundingBox())!
    expect(pinBox.width).toBeGreaterThanOrEqual(44)
    expect(pinBox.height).toBeGreaterThanOrEqual(44)
    expect(await pin.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16)

    // A comment started from the need's card, and seen there.
    await pin.tap()
    const card = page.getByTestId('need-card')
    await card.getByTestId('start-thread').tap()
    await card.getByTestId('comment-text').fill('树要种在长椅旁边')
    await card.getByTestId('comment-submit').tap()
    await card.getByTestId('thread').filter({ hasText: '树要种在长椅旁边' }).waitFor()
    // One text box at a time: "回复" opens the reply box (the new-comment box stays a button), its
    // send button in view; "留言" then folds the reply box back to its button, text kept.
    const visibleBoxes = () => card.locator('textarea:visible').count()
    expect(await visibleBoxes()).toBe(0)
    await card.getByTestId('thread-reply-open').tap()
    expect(await visibleBoxes()).toBe(1)
    await card.getByTestId('thread-reply-text').fill('同意')
    const send = card.getByTestId('thread-reply-submit')
    await expect.poll(async () => {
      const box = (await send.boundingBox())!
      return box.y >= -1 && box.y + box.height <= 845
    }).toBe(true)
    await card.getByTestId('start-thread').tap()
    expect(await visibleBoxes()).toBe(1)
    await card.getByTestId('comment-text').waitFor()
    expect(await card.getByTestId('thread-reply-text').count()).toBe(0)
    await card.getByTestId('comment-cancel').tap()
    await card.getByTestId('thread-reply-open').tap()
    expect(await card.getByTestId('thread-reply-text').inputValue()).toBe('同意')
    await send.tap()
    await card.getByTestId('thread-comment').filter({ hasText: '同意' }).waitFor()
    expect(await visibleBoxes()).toBe(0)
    await card.getByRole('button', { name: zh.needs.close }).first().tap()
    // …and as a marker on the plan that opens the discussion, even in a stage without that tab.
    await byTestId(page, 'comment-marker', `[data-target-id="${needId}"]`).tap()
    await page.getByTestId('comments-tab').getByTestId('thread').filter({ hasText: '树要种在长椅旁边' }).waitFor()

    // Large text: the list keeps the panel's whole width and the panel's top row stays on screen.
    await page.getByTestId('tab-needs').tap()
    await page.getByTestId('large-text-toggle').tap()
    await byTestId(page, 'large-text-toggle', '[aria-pressed="true"]').waitFor()
    const body = (await page.locator('.participation-panel__body').boundingBox())!
    const item = (await byTestId(page, 'need-item').first().boundingBox())!
    expect(item.width).toBeGreaterThan(body.width * 0.85)
    const close = (await page.getByTestId('participation-toggle').boundingBox())!
    expect(close.x + close.width).toBeLessThanOrEqual(390)
    await page.getByTestId('large-text-toggle').tap()

    // The stage moves on while a need is being typed: the form keeps it and says why, plainly.
    await page.getByTestId('add-need').tap()
    await page.touchscreen.tap(120, 560)
    await byTestId(page, 'need-category', '[data-category="seating"]').tap()
    await page.getByTestId('need-text').fill('长椅要有靠背')
    expect(await moveStage(url, project, 'needs', 'siteVisit')).toMatchObject({ status: 200 })
    await waitForStage(page, 'siteVisit')
    await page.getByTestId('need-submit').tap()
    await byTestId(page, 'need-error').filter({ hasText: zh.participation.errors.wrong_stage }).waitFor()
    expect(await page.getByTestId('need-text').inputValue()).toBe('长椅要有靠背')
    await page.getByTestId('need-cancel').tap()

    // An option to talk about, then Negotiate.
    const option = await api(url, 'POST', `/api/projects/${project.projectId}/options`, { token: orgToken, body: { title: '方案 A', addressedNeedIds: [needId] } })
    const optionId = option.body.id as string
    expect(await moveStage(url, project, 'siteVisit', 'negotiate')).toMatchObject({ status: 200 })
    await waitForStage(page, 'negotiate')

    // A comment started on the option in the options list survives folding the panel to look at the plan.
    await openPanel(page, 'options')
    const item2 = byTestId(page, 'option-item', `[data-option-id="${optionId}"]`)
    await item2.getByTestId('option-discussion').locator('summary').tap()
    await item2.getByTestId('start-thread').tap()
    await item2.getByTestId('comment-text').fill('方案 A 的树能不能多几棵？')
    await page.getByTestId('participation-toggle').tap()
    await page.getByTestId('participation-toggle').tap()
    expect(await item2.getByTestId('comment-text').inputValue()).toBe('方案 A 的树能不能多几棵？')
    await item2.getByTestId('comment-submit').tap()
    await item2.getByTestId('thread').filter({ hasText: '方案 A 的树能不能多几棵？' }).waitFor()

    // Agreed, then reopened: the organizer's reason reaches the resident's phone.
    expect((await api(url, 'PUT', `/api/projects/${project.projectId}/quorum`, { token: orgToken, body: { approvals: 1 } })).status).toBe(200)
    expect((await api(url, 'POST', `/api/projects/${project.projectId}/approvals`, { token: comToken, body: { optionId } })).status).toBe(200)
    expect((await api(url, 'POST', `/api/projects/${project.projectId}/agreement`, { token: orgToken, body: { optionId } })).status).toBe(200)
    await waitForStage(page, 'agreed')
    const reopen = await api(url, 'POST', `/api/projects/${project.projectId}/agreement/reopen`, { token: orgToken, body: { reason: '居民对树的位置还有意见' } })
    expect(reopen.status).toBe(200)
    await waitForStage(page, 'negotiate')
    await openPanel(page, 'votes')
    await page.getByTestId('reopen-notice').filter({ hasText: '居民对树的位置还有意见' }).waitFor()

    // A vote. The ballot tab opens showing the choices, even after another tab was scrolled down.
    const optionB = await api(url, 'POST', `/api/projects/${project.projectId}/options`, { token: orgToken, body: { title: '方案 B', addressedNeedIds: [needId] } })
    expect((await api(url, 'POST', `/api/projects/${project.projectId}/votes`, { token: orgToken, body: { optionIds: [optionId, optionB.body.id], mode: 'single' } })).status).toBe(201)
    await openPanel(page, 'options')
    await page.locator('.participation-panel__body').evaluate((el) => { el.scrollTop = el.scrollHeight })
    await openPanel(page, 'votes')
    const choice = byTestId(page, 'ballot-choice', `[data-option-id="${optionId}"]`)
    await choice.waitFor()
    const inView = async (id: string) => {
      const box = (await page.getByTestId(id).first().boundingBox())!
      return box.y >= -1 && box.y + box.height <= 845
    }
    expect(await inView('ballot-choice')).toBe(true)
    const ballots = page.getByTestId('vote-ballots')
    expect(await ballots.getAttribute('data-ballots')).toBe('0')
    // Picked, not cast: it says so, shows no ✓, the count is unchanged, and 投票 is in view.
    await choice.tap()
    await choice.getByTestId('ballot-picked').filter({ hasText: zh.negotiate.ballot.pickedNotCast }).waitFor()
    expect(await choice.innerText()).not.toContain('✓')
    await page.getByTestId('ballot-pending').waitFor()
    expect(await page.getByTestId('ballot-done').count()).toBe(0)
    expect(await ballots.getAttribute('data-ballots')).toBe('0')
    await expect.poll(() => inView('ballot-submit')).toBe(true)
    // Cast: ✓ 已投票, and the count includes her.
    await page.getByTestId('ballot-submit').tap()
    await page.getByTestId('ballot-done').filter({ hasText: '✓' }).waitFor()
    await byTestId(page, 'vote-ballots', '[data-ballots="1"]').waitFor()
    expect(await page.getByTestId('ballot-pending').count()).toBe(0)

    expect(foreignRequests(res.requests, url)).toEqual([])
  }, 180_000)

  it('keeps crowded pins apart: needs on one spot are one bubble that zooms in, then lists them', async () => {
    const url = e2e.server.url
    const project: TestProject = await createProject(url)
    const resident = await createLink(url, project, 'resident')
    const organizer = await api(url, 'POST', `/api/projects/${project.projectId}/participants`, { token: project.organizerToken, body: { name: '王老师' } })
    const orgToken = organizer.body.token as string
    expect(await moveStage(url, project, 'organize', 'needs')).toMatchObject({ status: 200 })
    const add = async (x: number, categoryId: string, text: string) =>
      (await api(url, 'POST', `/api/projects/${project.projectId}/needs`, { token: orgToken, body: { x, y: 300, categoryId, text } })).body.id as string
    const bench = await add(300, 'seating', '长椅不够')
    const shade = await add(301, 'greenery', '想要树荫')
    const far = await add(1300, 'lighting', '晚上太黑')

    const res = await e2e.open(PHONE)
    await joinByLink(res.page, `${url}/join/${project.projectId}#${resident.token}`, '李阿姨')
    const page = res.page

    // The far one is a pin in words; the two on one spot are one bubble saying how many, a finger's size.
    await byTestId(page, 'need-pin', `[data-need-id="${far}"]`).filter({ hasText: '照明安全' }).waitFor()
    const bubble = byTestId(page, 'need-pin-group', '[data-need-count="2"]')
    await bubble.filter({ hasText: '2 条需求' }).waitFor()
    expect((await bubble.getAttribute('data-need-ids'))!.split(' ').sort()).toEqual([bench, shade].sort())
    const box = (await bubble.boundingBox())!
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44)
    expect(await byTestId(page, 'need-pin', `[data-need-id="${bench}"]`).count()).toBe(0)

    // A tap zooms in; they still share the spot at the closest zoom, so the next tap lists them.
    // (Each tap either zooms — the bubble stays, at the closest zoom the two are still one — or lists.)
    const list = page.getByTestId('need-group')
    for (let taps = 0; taps < 4 && (await list.count()) === 0; taps++) {
      await bubble.tap()
      await list.waitFor({ timeout: 2_000 }).catch(() => {})
    }
    await list.waitFor()
    expect(await list.getByTestId('need-group-item').count()).toBe(2)
    await byTestId(page, 'need-group-item', `[data-need-id="${shade}"]`).tap()
    await page.getByTestId('need-card').getByTestId('need-card-text').filter({ hasText: '想要树荫' }).waitFor()
  }, 120_000)
})
