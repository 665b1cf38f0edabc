/**
 * 各自先想 (private mode) as people see it, in Chinese: the organizer on a laptop starts it (counts
 * only); a resident's phone shows the banner live and only her own new need, the organizer only the
 * count; a second resident (through the API) sees only his; the reveal reaches the phone without a
 * reload, with everyone's needs and the tick back.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { strings } from '../../src/i18n/strings.js'
import { format } from '../../src/shared/i18n/messages.js'
import { DESKTOP, PHONE, setupE2e, waitForEditor } from '../helpers/e2e.js'
import { giveAccess } from '../helpers/tour.js'
import { addNeed, openRoom, type Person, type Room } from '../server/participationTestKit.js'

const zh = strings['zh-CN']
const en = strings.en

async function openNeeds(page: Page) {
  await page.getByTestId('participation-panel').waitFor()
  if ((await page.getByTestId('tab-needs').count()) === 0) await page.getByTestId('participation-toggle').click()
  await page.getByTestId('tab-needs').click()
  await page.getByTestId('needs-tab').waitFor()
}

const listed = (page: Page, needId: string) => page.locator(`[data-testid="need-item"][data-need-id="${needId}"]`)

describe('各自先想: each person sees only their own needs until the organizer reveals them', () => {
  const e2e = setupE2e()

  /** The board as `who` on a fresh device, as the join page would leave it, once live (in the editor). */
  async function openAs(room: Room, who: Person, options: typeof DESKTOP) {
    const recorded = await e2e.open(options)
    await giveAccess(recorded.page, room.project.projectId, who, false)
    await recorded.page.goto(`${e2e.server.url}/p/${room.project.projectId}`)
    // As tour.open: generous on two loaded cores (a phone first shows the light view, then the editor).
    await recorded.page.locator('.board:not(.cg-light) [data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 60_000 })
    await waitForEditor(recorded.page, 60_000)
    return recorded
  }

  it('shows each role what the server lets it see, before and after the reveal, live', async () => {
    const room = await openRoom(e2e.server)
    await room.moveTo('needs')
    const { organizer, resident } = room
    const neighbour = await room.join(resident.linkToken, '李大爷', 'resident')
    const before = await addNeed(room, room.committee, '门口需要一个坡道')

    const org = await openAs(room, organizer, DESKTOP)
    const phone = await openAs(room, resident, PHONE)
    await openNeeds(org.page)
    await openNeeds(phone.page)
    // Before: the tick is there for a need everyone sees.
    await listed(phone.page, before).getByTestId('need-tick').waitFor()

    // The organizer starts it, choosing that leaders see only the count.
    await org.page.getByTestId('private-start-open').click()
    await org.page.getByText(zh.privateMode.introNeeds).waitFor()
    await org.page.getByTestId('private-leaders-counts').check()
    await org.page.getByTestId('private-start-go').click()
    await org.page.getByTestId('private-banner').getByText(zh.privateMode.bannerLeadersCounts).waitFor()
    expect(await org.page.getByTestId('private-start-open').count()).toBe(0)

    // The phone gets the banner without a reload; the ticks wait for the reveal.
    const banner = phone.page.getByTestId('private-banner')
    await banner.getByText(zh.privateMode.bannerNeeds).waitFor()
    await listed(phone.page, before).getByTestId('need-tick').waitFor({ state: 'detached' })
    expect(await phone.page.getByTestId('private-reveal').count()).toBe(0)

    const mine = await addNeed(room, resident, '想要一个晾衣服的地方')
    const his = await addNeed(room, neighbour, '这里需要一个快递柜')

    // Each sees the count of everyone's, and only their own text.
    await banner.getByText(format(zh.privateMode.count, { count: 2, mine: 1 })).waitFor()
    await listed(phone.page, mine).getByText('想要一个晾衣服的地方').waitFor()
    expect(await listed(phone.page, his).count()).toBe(0)
    expect(await phone.page.getByText('这里需要一个快递柜').count()).toBe(0)

    await org.page.getByTestId('private-banner').getByText(format(zh.privateMode.count, { count: 2, mine: 0 })).waitFor()
    expect(await listed(org.page, mine).count()).toBe(0)
    expect(await listed(org.page, his).count()).toBe(0)
    expect(await org.page.getByText('想要一个晾衣服的地方').count()).toBe(0)

    const neighbourView = await room.state(neighbour)
    expect(neighbourView.needs.map((n) => n.id)).toContain(his)
    expect(neighbourView.needs.map((n) => n.id)).not.toContain(mine)

    // The reveal: every open screen shows everyone's needs at once, and the tick is back.
    await org.page.getByTestId('private-reveal').click()
    await phone.page.getByTestId('private-revealed').getByText(zh.privateMode.revealedNeeds).waitFor()
    await listed(phone.page, his).getByText('这里需要一个快递柜').waitFor()
    await listed(phone.page, his).getByTestId('need-tick').waitFor()
    await listed(org.page, mine).waitFor()
    await listed(org.page, his).waitFor()
    expect(await phone.page.getByTestId('private-banner').count()).toBe(0)
    await phone.page.getByTestId('private-revealed-dismiss').click()
    await phone.page.getByTestId('private-revealed').waitFor({ state: 'detached' })

    // English has its own words for all of it.
    for (const key of ['bannerNeeds', 'bannerLeadersCounts', 'reveal', 'revealedNeeds', 'ticksLater'] as const) {
      expect(en.privateMode[key]).toMatch(/[A-Za-z]/)
      expect(en.privateMode[key]).not.toBe(zh.privateMode[key])
    }
  })
})
