/**
 * A resident's phone shows the plan and our own large controls, not tldraw's
 * editor. The board opens with the whole plan and every pin on screen; drawing is a mode she enters
 * and leaves, with a few tools and undo set apart; in a stage where she may not draw there is no
 * way to draw at all; a need opened from its pin is a sheet over the lower third at most, with its
 * pin in view above it.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { setupTour } from '../helpers/tourE2e.js'
import { SCREENS } from '../helpers/tour.js'
import { reachPin } from './layoutKit.js'

/** What of tldraw's own UI is on screen (its toolbar, menus, style panel, navigation). */
const tldrawChrome = (page: Page) => page.locator('.tlui-toolbar, .tlui-menu-zone, .tlui-style-panel, .tlui-navigation-panel, .tlui-main-toolbar').filter({ visible: true }).count()

async function boxOf(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox()
  if (!box) throw new Error(`${selector} is not on screen`)
  return box
}

/** A point on the plan where a finger touches the canvas itself, not a pin or one of our buttons. */
async function freeSpot(page: Page): Promise<{ x: number; y: number }> {
  const spot = await page.evaluate(() => {
    const c = document.querySelector('.tl-canvas')!.getBoundingClientRect()
    for (let fy = 0.3; fy < 0.9; fy += 0.05) {
      for (let fx = 0.2; fx < 0.8; fx += 0.05) {
        const x = c.left + c.width * fx
        const y = c.top + c.height * fy
        const hit = document.elementFromPoint(x, y)
        const hit2 = document.elementFromPoint(x + 60, y + 20)
        const free = (h: Element | null) => !!h && !!h.closest('.tl-canvas') && !h.closest('.tl-canvas__in-front, button')
        if (free(hit) && free(hit2)) return { x, y }
      }
    }
    return null
  })
  if (!spot) throw new Error('no free spot on the plan')
  return spot
}

describe('a resident\'s phone: the plan and our controls', () => {
  const e2e = setupTour()

  it('opens on the whole plan with every pin, draws only in a mode she enters, and shows a need above its sheet', async () => {
    await e2e.tour.moveTo('needs')
    const { page } = await e2e.tour.open(e2e.browser, e2e.tour.people.resident, SCREENS.phoneSmall)
    const view = page.viewportSize()!

    // No tldraw chrome; our large controls instead.
    expect(await tldrawChrome(page)).toBe(0)
    for (const id of ['phone-fit', 'phone-draw', 'add-need', 'participation-toggle']) {
      const box = await boxOf(page, `[data-testid="${id}"]:visible`)
      expect(box.width, id).toBeGreaterThanOrEqual(44)
      expect(box.height, id).toBeGreaterThanOrEqual(44)
    }

    // The plan fits the screen, and every need is on it (a pin or a bubble of pins).
    const plan = await boxOf(page, '[data-shape-id="shape:baseplan"]')
    expect(plan.x).toBeGreaterThanOrEqual(-1)
    expect(plan.x + plan.width).toBeLessThanOrEqual(view.width + 1)
    const canvas = await boxOf(page, '.tl-canvas')
    expect(plan.y).toBeGreaterThanOrEqual(canvas.y - 1)
    expect(plan.y + plan.height).toBeLessThanOrEqual(canvas.y + canvas.height + 1)
    const shownNeeds = await page.evaluate(() => {
      let n = 0
      for (const el of Array.from(document.querySelectorAll('[data-testid="need-pin"], [data-testid="need-pin-group"]'))) {
        const r = el.getBoundingClientRect()
        if (r.width === 0 || r.right < 0 || r.bottom < 0 || r.left > innerWidth || r.top > innerHeight) continue
        n += Number(el.getAttribute('data-need-count') ?? 1)
      }
      return n
    })
    expect(shownNeeds).toBe(e2e.tour.needIds.length)

    // Drawing is a mode: a few tools and undo, set apart from "done"; nothing else to tap by mistake.
    await page.getByTestId('phone-draw').tap()
    await page.getByTestId('phone-tools').waitFor()
    expect(await tldrawChrome(page)).toBe(0)
    expect(await page.getByTestId('add-need').isVisible()).toBe(false)
    expect(await page.getByTestId('phone-tool-draw').getAttribute('aria-pressed')).toBe('true')
    const before = await page.locator('.tl-shape[data-shape-type="draw"]').count()
    const mid = await freeSpot(page)
    await page.mouse.move(mid.x, mid.y)
    await page.mouse.down()
    await page.mouse.move(mid.x + 60, mid.y + 20, { steps: 8 })
    await page.mouse.up()
    await expect.poll(() => page.locator('.tl-shape[data-shape-type="draw"]').count()).toBe(before + 1)
    const undo = await boxOf(page, '[data-testid="phone-undo"]')
    const done = await boxOf(page, '[data-testid="phone-draw-done"]')
    expect(done.x - (undo.x + undo.width)).toBeGreaterThanOrEqual(12)
    await page.getByTestId('phone-draw-done').tap()
    await page.getByTestId('phone-tools').waitFor({ state: 'detached' })
    await page.getByTestId('add-need').waitFor()

    // A need from its pin: a sheet at the bottom, the pin in view above it.
    const needId = await reachPin(page)
    await page.locator(`[data-testid="need-pin"][data-need-id="${needId}"]`).tap()
    const card = await boxOf(page, '[data-testid="need-card"]')
    // A sheet over the lower third: the plan keeps the rest below the header and stage bar.
    expect(card.height).toBeLessThanOrEqual(Math.max(view.height * 0.32, 200) + 1)
    await expect.poll(async () => {
      const p = await page.locator(`[data-testid="need-pin"][data-need-id="${needId}"]`).boundingBox()
      return p !== null && p.y >= canvas.y - 1 && p.y + p.height <= card.y + 1
    }, { timeout: 5_000 }).toBe(true)
    await page.keyboard.press('Escape')
    await page.context().close()
  })

  it('offers no drawing in a stage where residents may not draw', async () => {
    await e2e.tour.moveTo('negotiate')
    const { page } = await e2e.tour.open(e2e.browser, e2e.tour.people.resident, SCREENS.phone)
    await page.getByTestId('phone-fit').waitFor()
    expect(await page.getByTestId('phone-draw').count()).toBe(0)
    expect(await tldrawChrome(page)).toBe(0)
    // One finger moves the plan (the hand tool), it does not draw or select.
    const plan = await boxOf(page, '[data-shape-id="shape:baseplan"]')
    const start = await freeSpot(page)
    await page.mouse.move(start.x, start.y)
    await page.mouse.down()
    await page.mouse.move(start.x - 80, start.y, { steps: 8 })
    await page.mouse.up()
    await expect.poll(async () => (await boxOf(page, '[data-shape-id="shape:baseplan"]')).x).toBeLessThan(plan.x - 40)
    await page.context().close()
  })
})
