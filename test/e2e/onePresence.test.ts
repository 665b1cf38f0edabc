/**
 * One person, one presence: a resident with the board open on two devices (her
 * phone and the community room's laptop, two personal tokens of one participant) is one person in
 * everyone's people list and counts once in 在场 — also on her own devices, where the other one is
 * "me". The server stamps the participant on presence (server/sync/stampAwareness.ts); a client
 * cannot claim it (test/server/participantTokens.test.ts).
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { setupTour } from '../helpers/tourE2e.js'
import { SCREENS } from '../helpers/tour.js'
import { otherDevice } from '../server/participationTestKit.js'

describe('one person on two devices', () => {
  const e2e = setupTour()

  /** The people list as shown: [name, devices] per entry, and the count in its title. */
  const listOf = async (page: Page) => ({
    title: (await page.locator('[data-testid="people-toggle"] > span').first().innerText()).trim(),
    people: await page.locator('[data-testid="person"]').evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-name'), el.getAttribute('data-devices'), el.getAttribute('data-self') === 'true'])),
  })

  it('lists her once and counts two people, on the other person\'s screen and on both of hers', async () => {
    const { resident, organizer } = e2e.tour.people
    const secondDevice = await otherDevice(e2e.tour.room, resident)
    const org = await e2e.tour.open(e2e.browser, organizer, SCREENS.laptop)
    const phone = await e2e.tour.open(e2e.browser, resident, SCREENS.laptop)
    const laptop = await e2e.tour.open(e2e.browser, secondDevice, SCREENS.projector)
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
