/**
 * One person, one presence (issue 14 point 5): a resident with the board open on two devices (her
 * phone and the community room's laptop, two personal tokens of one participant) is one person in
 * everyone's people list and counts once in 在场 — also on her own devices, where the other one is
 * "me". The server stamps the participant on presence (server/sync/stampAwareness.ts); a client
 * cannot claim it (test/server/participantTokens.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../helpers/browser.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { SCREENS, startTour, type Tour } from '../helpers/tour.js'
import { otherDevice } from '../server/participationTestKit.js'

describe('one person on two devices', () => {
  let server: TestServer
  let browser: Browser
  let tour: Tour

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
    tour = await startTour(server, browser)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  /** The people list as shown: [name, devices] per entry, and the count in its title. */
  const listOf = async (page: Page) => ({
    title: (await page.locator('[data-testid="people-toggle"] > span').first().innerText()).trim(),
    people: await page.locator('[data-testid="person"]').evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-name'), el.getAttribute('data-devices'), el.getAttribute('data-self') === 'true'])),
  })

  it('lists her once and counts two people, on the other person\'s screen and on both of hers', async () => {
    const { resident, organizer } = tour.people
    const secondDevice = await otherDevice(tour.room, resident)
    const org = await tour.open(browser, organizer, SCREENS.laptop)
    const phone = await tour.open(browser, resident, SCREENS.laptop)
    const laptop = await tour.open(browser, secondDevice, SCREENS.projector)
    try {
      const name = resident.name
      const expected = {
        organizer: { title: '在场 2 人', people: [[organizer.name, '1', true], [name, '2', false]] },
        resident: { title: '在场 2 人', people: [[name, '2', true], [organizer.name, '1', false]] },
      }
      await expect.poll(() => listOf(org.page), { timeout: 20_000 }).toEqual(expected.organizer)
      await expect.poll(() => listOf(phone.page), { timeout: 20_000 }).toEqual(expected.resident)
      await expect.poll(() => listOf(laptop.page), { timeout: 20_000 }).toEqual(expected.resident)
      // Said in words, not only counted.
      await expect.poll(() => org.page.locator('[data-testid="person"][data-devices="2"]').innerText()).toContain('2 台设备')

      // One device closed: still one person, now on one device.
      await laptop.context.close()
      await expect.poll(() => listOf(org.page), { timeout: 45_000 })
        .toEqual({ title: '在场 2 人', people: [[organizer.name, '1', true], [name, '1', false]] })
    } finally {
      for (const p of [org, phone, laptop]) await p.context.close().catch(() => {})
    }
  })
})
