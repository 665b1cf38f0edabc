/**
 * The presenter's lead and hands up (issue 18, points 4 and 5), in real Chromium against the real
 * server, with one device per person: the organizer on a laptop takes the lead and zooms and pans;
 * an expert's laptop (the editor) and a resident's phone (the light view: the editor's code is held
 * back, as on a slow phone) follow; the resident steps out and back in with one tap, reloads and
 * still follows, raises her hand; the organizer sees it in the queue and calls her, and her phone
 * says 请您发言. The permissions themselves are attacked in test/server/meetingLead.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page, Route } from 'playwright-core'
import { setupTour } from '../helpers/tourE2e.js'
import { SCREENS } from '../helpers/tour.js'

/** Holds back the project editor's chunk, so the phone stays on the light view (reloads included). */
async function holdEditor(page: Page): Promise<void> {
  await page.route(/\/assets\/ProjectBoardEditor-[^/]*\.js$/, (route: Route) => {
    // Never answered: the light view is what this phone shows for the whole test.
    void route
  })
}

/** A pin's box on screen, or null when it is not within the window. */
async function onScreen(pin: Locator): Promise<{ x: number; y: number } | null> {
  if ((await pin.count()) === 0) return null
  const box = await pin.first().boundingBox()
  const size = pin.page().viewportSize()
  if (!box || !size) return null
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  return x >= 0 && x <= size.width && y >= 0 && y <= size.height ? { x: Math.round(x), y: Math.round(y) } : null
}

/** Where a pin is from the middle of the editor's canvas (the canvas's height differs with each role's stage bar). */
async function fromMiddle(pin: Locator): Promise<string> {
  const [box, canvas] = await Promise.all([pin.first().boundingBox(), pin.page().locator('.tl-canvas').first().boundingBox()])
  if (!box || !canvas) return 'not shown'
  const dx = box.x + box.width / 2 - (canvas.x + canvas.width / 2)
  const dy = box.y + box.height / 2 - (canvas.y + canvas.height / 2)
  // Within a pixel or two: the zoom is the same, the centre rounds.
  return `${Math.round(dx / 3)},${Math.round(dy / 3)}`
}

describe('the presenter’s lead and the speaking order', () => {
  const e2e = setupTour()

  beforeAll(async () => {
    await e2e.tour.moveTo('needs')
  }, 120_000)

  it('leads a laptop and a phone, lets the phone step out and back, survives a reload, and calls a raised hand', async () => {
    const { tour, browser } = e2e
    const [far, near] = [tour.needIds[2], tour.needIds[5]]
    const org = await tour.open(browser, tour.people.organizer, SCREENS.laptop)
    const expert = await tour.open(browser, tour.people.expert, SCREENS.laptop)
    const phone = await tour.visit(browser, tour.people.resident, SCREENS.phone, holdEditor)
    const o = org.page
    const e = expert.page
    const p = phone.page
    const light = (id: string) => p.locator(`[data-testid="light-board"] [data-testid="${id}"]`)
    // What the phone shows, light view or editor (the editor under the light view is inert).
    const shown = (id: string) => p.locator(`[data-testid="${id}"]:not([inert] *)`)
    const pin = (page: Page, id: string, scope = '') => page.locator(`${scope} [data-testid="need-pin"][data-need-id="${id}"]`)
    const phonePin = (id: string) => pin(p, id, '[data-testid="light-board"]')
    await light('light-view').waitFor()
    await expect.poll(() => onScreen(phonePin(far)), { timeout: 20_000 }).not.toBeNull()

    // The organizer takes the lead from the meeting tools.
    await o.getByTestId('facilitation-toggle').click()
    await o.getByTestId('lead-take').click()
    await o.getByTestId('lead-presenting').waitFor()
    for (const banner of [e.getByTestId('lead-banner'), light('lead-banner')]) {
      await banner.waitFor({ timeout: 20_000 })
      expect(await banner.innerText()).toContain('正在跟随 王老师 的画面')
    }

    // She zooms in about the near need (ctrl + wheel, just under its pin: a pin takes its own
    // wheel) to over 200 %: the far need is well off her screen.
    const target = await onScreen(pin(o, near))
    if (!target) throw new Error('the near need is not on the organizer’s screen')
    await o.mouse.move(target.x, target.y + 40)
    const zoom = async () => parseInt(await o.getByTestId('minimap.zoom-menu-button').innerText(), 10)
    await o.keyboard.down('Control')
    for (let i = 0; i < 120 && (await zoom()) < 220; i++) await o.mouse.wheel(0, -120)
    await o.keyboard.up('Control')
    expect(await zoom()).toBeGreaterThanOrEqual(220)
    await expect.poll(() => onScreen(pin(o, far))).toBeNull()
    expect(await onScreen(pin(o, near))).not.toBeNull()
    // The expert's laptop, the same width, shows exactly her view (centred on its canvas); the
    // phone shows her view fitted to its own shape: the near need on screen, the far one not.
    await expect.poll(() => fromMiddle(pin(e, near)), { timeout: 20_000 }).toBe(await fromMiddle(pin(o, near)))
    await expect.poll(() => onScreen(phonePin(far)), { timeout: 20_000 }).toBeNull()
    expect(await onScreen(phonePin(near))).not.toBeNull()

    // The resident steps out with one tap: the presenter pans on, the phone stays where it was.
    await light('lead-step-out').click()
    await light('lead-follow-again').waitFor()
    const stayed = await onScreen(phonePin(near))
    await o.mouse.wheel(0, 100)
    await expect.poll(async () => fromMiddle(pin(e, near)), { timeout: 20_000 }).toBe(await fromMiddle(pin(o, near)))
    expect(await onScreen(phonePin(near))).toEqual(stayed)
    // And back in with one tap: the phone goes to the presenter's view again.
    await light('lead-follow-again').click()
    await light('lead-banner').waitFor()
    await expect.poll(async () => JSON.stringify(await onScreen(phonePin(near))), { timeout: 20_000 }).not.toBe(JSON.stringify(stayed))

    // The organizer opens hands up; she raises her hand; after a reload her phone still follows and her hand is still up.
    await o.getByTestId('hands-open').click()
    await light('hand-raise').click()
    await light('hand-up').waitFor()
    expect(await light('hand-up').innerText()).toContain('下一个就是您')
    const followed = await onScreen(phonePin(near))
    // After the reload the editor's code comes from the offline copy (the service worker, which the
    // hold above does not see), so the phone may hand over to the editor: whichever shows, it follows.
    await p.reload()
    await shown('lead-banner').waitFor({ timeout: 30_000 })
    await shown('hand-up').waitFor()
    const near4 = async () => {
      const at = await onScreen(p.locator(`[data-testid="need-pin"][data-need-id="${near}"]:not([inert] *)`))
      return at && `${Math.round(at.x / 4)},${Math.round(at.y / 4)}`
    }
    await expect.poll(near4, { timeout: 20_000 }).toBe(followed && `${Math.round(followed.x / 4)},${Math.round(followed.y / 4)}`)

    // The organizer sees her in the queue, with her name and how long she has waited, and calls her.
    const hand = o.getByTestId('queue-hand')
    await expect.poll(() => hand.count()).toBe(1)
    expect(await hand.innerText()).toContain('王阿姨')
    expect(await hand.innerText()).toContain('刚刚举手')
    await o.getByTestId('queue-next').click()
    await shown('speak-now').waitFor({ timeout: 20_000 })
    expect(await shown('speak-now').innerText()).toContain('请您发言')
    expect(await o.getByTestId('queue-speaker').innerText()).toContain('王阿姨')
    await shown('speak-done').click()
    await o.getByTestId('queue-speaker').waitFor({ state: 'detached' })
    await shown('hand-raise').waitFor()
    // Hands up ends: the button goes from her phone.
    await o.getByTestId('hands-end').click()
    await shown('hand-raise').waitFor({ state: 'detached', timeout: 20_000 })

    // The lead ends: nobody follows any more.
    await o.getByTestId('lead-release').click()
    await e.getByTestId('lead-banner').waitFor({ state: 'detached', timeout: 20_000 })
    await shown('lead-banner').waitFor({ state: 'detached', timeout: 20_000 })

    // "Everyone look here for 3 minutes": a timed lead, with the shared countdown on the phone.
    await o.getByTestId('timer-minutes').fill('3')
    await o.getByTestId('lead-take-timed').click()
    await shown('lead-banner').waitFor({ timeout: 20_000 })
    await expect.poll(async () => Number(await shown('timer-display').getAttribute('data-remaining-seconds')), { timeout: 20_000 }).toBeGreaterThan(170)
    expect(await o.getByTestId('lead-presenting').innerText()).toContain('计时结束自动停止')
    // In English too: the expert switches language and still follows, told so in English.
    await e.getByTestId('lang-switch').click()
    await expect.poll(() => e.getByTestId('lead-banner').innerText(), { timeout: 20_000 }).toContain('Following 王老师’s screen')
    // Stopping the timer early ends that lead.
    await o.getByTestId('timer-stop').click()
    await shown('lead-banner').waitFor({ state: 'detached', timeout: 20_000 })
  }, 120_000)
})
