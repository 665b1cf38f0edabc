/**
 * Issue 14 point 2: no control we render is ever covered. Every role, in every stage, on a small
 * phone in 大字 mode, a phone, a laptop and the projector: the board as it opens, the stage's
 * details, every tab of the participation panel, a need opened from its pin, and (in one stage, as
 * they do not change with the stage) every dialog of the stage bar. In each view every interactive
 * element of ours must be on screen or reachable by scrolling its own container, ≥ 44×44 px on a
 * phone, and the topmost element at its centre (test/e2e/layoutKit.ts).
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { setupTour } from '../helpers/tourE2e.js'
import { SCREENS, STAGES, type Screen } from '../helpers/tour.js'
import { findLayoutProblems, reachablePinId, type LayoutProblem } from './layoutKit.js'

const ROLES = ['resident', 'committee', 'expert', 'organizer'] as const
/** The stage in which the dialogs are checked. */
const DIALOG_STAGE = 'negotiate'
const DIALOG_TOOLS = ['open-history', 'open-people', 'open-share', 'open-dashboard', 'open-export']

/** Lets a click's panel or chunk arrive and the layout settle. */
const settle = (page: Page) => page.waitForTimeout(350)

async function clickIfThere(page: Page, testId: string): Promise<boolean> {
  const el = page.locator(`[data-testid="${testId}"]:visible`).first()
  if ((await el.count()) === 0) return false
  await el.click()
  await settle(page)
  return true
}

async function checkViews(page: Page, screen: Screen, stage: string, role: string): Promise<string[]> {
  const phone = (screen.options.viewport?.width ?? 1000) < 720
  const out: string[] = []
  const check = async (view: string, anchoredToo: boolean) => {
    const problems: LayoutProblem[] = await findLayoutProblems(page, { phone, anchoredToo })
    for (const p of problems) out.push(`${screen.name}${screen.largeText ? ' 大字' : ''} · ${role} · ${stage} · ${view}: ${p.what} ${p.problem}`)
  }
  await check('board', true)

  // The stage's details (phone: the stage bar's summary opens them).
  const summary = page.locator('.stage-bar__summary:visible')
  if ((await summary.count()) > 0) {
    await summary.click()
    await settle(page)
    await check('stage details', false)
    await summary.click()
    await settle(page)
  }

  // Every tab of the participation panel.
  if (await clickIfThere(page, 'participation-toggle')) {
    const tabs = page.locator('.participation-panel [role=tab]')
    const n = await tabs.count()
    if (n === 0) await check('panel', false)
    for (let i = 0; i < n; i++) {
      // A tab that cannot be tapped is itself a finding (the check below names it), not a crash.
      const failed = await tabs.nth(i).click({ timeout: 15_000 }).then(() => null, (e: Error) => {
        const lines = e.message.split('\n')
        return [lines[0], ...lines.filter((l) => /intercepts|outside|not visible|not stable|detached/.test(l)).slice(0, 2)].join(' ')
      })
      if (failed !== null) {
        out.push(`${screen.name}${screen.largeText ? ' 大字' : ''} · ${role} · ${stage} · panel: tab ${i + 1} cannot be tapped: ${failed}`)
        continue
      }
      await settle(page)
      await check(`panel: ${(await tabs.nth(i).textContent())?.trim()}`, false)
    }
    await clickIfThere(page, 'participation-toggle')
  }

  // A need opened from its pin (one a finger can reach here: on the plan, not under a bar).
  const reachable = await reachablePinId(page)
  if (reachable) {
    await page.locator(`[data-testid="need-pin"][data-need-id="${reachable}"]`).click()
    await settle(page)
    await check('need from its pin', false)
    await page.keyboard.press('Escape')
    await settle(page)
  }

  if (stage === DIALOG_STAGE) {
    for (const tool of DIALOG_TOOLS) {
      if (!(await clickIfThere(page, tool))) continue
      await page.locator('[role=dialog]').first().waitFor({ timeout: 20_000 })
      await settle(page)
      await check(`dialog ${tool}`, false)
      await page.keyboard.press('Escape')
      await page.locator('[role=dialog]').first().waitFor({ state: 'detached', timeout: 20_000 }).catch(() => {})
    }
  }
  return out
}

/** `work` for every item, at most `size` at a time (twenty tldraw pages reloading at once starve two cores). */
async function inPool<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await work(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker))
  return results
}

describe('no control of ours is covered, off screen or too small, in any view', () => {
  const e2e = setupTour()

  it('in every stage, for every role, on every screen', async () => {
    const screens: Screen[] = [
      // The small phone in 大字 mode stands for the small phone: it is the tighter of the two.
      { ...SCREENS.phoneSmall, largeText: true },
      SCREENS.phone,
      SCREENS.laptop,
      SCREENS.projector,
    ]
    // One device per role and screen, open through the whole meeting: the pages follow each stage
    // move live, as people's phones do.
    const devices = []
    for (const screen of screens) {
      for (const role of ROLES) devices.push({ screen, role, page: (await e2e.tour.open(e2e.browser, e2e.tour.people[role], screen)).page })
    }
    const problems: string[] = []
    for (const stage of STAGES) {
      await e2e.tour.moveTo(stage)
      // The devices are looked at a few side by side (each view waits for its panel to settle).
      const found = await inPool(devices, 5, async (d) => {
        await d.page.locator(`[data-testid="stage-bar"][data-stage="${stage}"]`).waitFor({ timeout: 30_000 })
        // The board as it opens in this stage (what the last stage's views did to the camera — a
        // jump to a need — is not what a person opening the link sees).
        await d.page.reload()
        await d.page.locator('.board:not(.cg-light) [data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 60_000 })
        await d.page.getByTestId('light-board').waitFor({ state: 'detached', timeout: 60_000 })
        await d.page.locator(`[data-testid="stage-bar"][data-stage="${stage}"]`).waitFor({ timeout: 60_000 })
        // The first participation state fits the plan and its pins (src/workflow/FitOnOpen.tsx).
        await d.page.waitForTimeout(1_200)
        return checkViews(d.page, d.screen, stage, d.role)
      })
      problems.push(...found.flat())
    }
    expect(problems).toEqual([])
  }, 900_000)
})
