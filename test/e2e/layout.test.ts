/**
 * No control we render is ever covered. Every role, in every stage, on a small
 * phone in 大字 mode, a phone, a laptop and the projector: the board as it opens, the stage's
 * details, every tab of the participation panel, a need opened from its pin, and (in one stage, as
 * they do not change with the stage) every dialog of the stage bar. In each view every interactive
 * element of ours must be on screen or reachable by scrolling its own container, ≥ 44×44 px on a
 * phone, and the topmost element at its centre (test/e2e/layoutKit.ts).
 *
 * The same pages are read for English on the Chinese screen (test/e2e/noEnglishKit.ts): a resident
 * and the organizer, on the small phone and the laptop, in the stages they see most (ENGLISH_STAGES).
 * One tour for both checks: each page load costs the two cores seconds of tldraw start-up.
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { setupTour } from '../helpers/tourE2e.js'
import { SCREENS, STAGES, type Screen } from '../helpers/tour.js'
import { findLayoutProblems, reachablePinId, type LayoutProblem } from './layoutKit.js'
import { inPool } from '../helpers/inPool.js'
import { englishOn } from './noEnglishKit.js'

const ROLES = ['resident', 'committee', 'expert', 'organizer'] as const
/** The stage in which the dialogs are checked. */
const DIALOG_STAGE = 'negotiate'
const DIALOG_TOOLS = ['open-history', 'open-people', 'open-share', 'open-dashboard', 'open-export']
/** Where the pages are also read for English: who, in which stages, on which screens. */
const ENGLISH_ROLES: readonly string[] = ['resident', 'organizer']
const ENGLISH_STAGES: readonly string[] = ['organize', 'needs', 'negotiate']
const englishScreen = (screen: Screen) => screen.largeText === true || screen === SCREENS.laptop

/** Lets a click's panel or chunk arrive and the layout settle. */
const settle = (page: Page) => page.waitForTimeout(350)

async function clickIfThere(page: Page, testId: string): Promise<boolean> {
  const el = page.locator(`[data-testid="${testId}"]:visible`).first()
  if ((await el.count()) === 0) return false
  await el.click()
  await settle(page)
  return true
}

/** Waits until the plan stops moving (the fit's camera animation has ended). */
async function cameraStill(page: Page): Promise<void> {
  const plan = page.locator('[data-shape-id="shape:baseplan"]').first()
  let last = ''
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(100)
    const now = JSON.stringify(await plan.boundingBox())
    if (now === last) return
    last = now
  }
  throw new Error('the plan kept moving after 看全图 (phone-fit)')
}

/** Closes tldraw's menu and the phone's drawing mode that the English check opened. */
async function leaveDrawing(page: Page): Promise<void> {
  if ((await page.locator('.tlui-menu').count()) > 0) await page.keyboard.press('Escape')
  const done = page.locator('[data-testid="phone-draw-done"]:visible').first()
  if ((await done.count()) === 0) return
  await done.click()
  await page.getByTestId('phone-draw').waitFor({ timeout: 10_000 })
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

  // The dialogs are centred boxes that scroll inside themselves: the 360 大字 phone and the laptop are
  // the tight cases of each; the projector adds only room.
  if (stage === DIALOG_STAGE && screen !== SCREENS.projector) {
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

describe('no control of ours is covered, off screen or too small, in any view', () => {
  const e2e = setupTour()

  const screens: Screen[] = [
    // The small phone in 大字 mode stands for the small phone: it is the tighter of the two.
    { ...SCREENS.phoneSmall, largeText: true },
    SCREENS.phone,
    SCREENS.laptop,
    SCREENS.projector,
  ]
  /**
   * The 390×844 phone falls in every one of our CSS and script breakpoints with the 360×640 大字
   * phone, which is tighter in each dimension and in text size; what it adds is tldraw's own wider
   * phone toolbar (its breakpoint is 389 px). That toolbar is the same in every stage, so the
   * 390 phone is looked at in the stage in which every role draws and has it (needs), and the
   * other five stages spare the two cores twenty page loads.
   */
  /**
   * Likewise the projector: at 1920×1080 it falls in the same breakpoints as the 1366×768 laptop
   * (ours and tldraw's; none of our CSS grows with the viewport beyond them), and it is larger in
   * each dimension, so the laptop is the tighter check of the same layout. It is looked at in the
   * stage it is put up for, the meeting (negotiate); projector mode itself is test/e2e/projector.
   */
  const screensIn = (stage: string) => screens.filter((s) =>
    (s !== SCREENS.phone || stage === 'needs') && (s !== SCREENS.projector || stage === 'negotiate'))
  /**
   * A test per stage, the meeting moving forward from one to the next; in each, one screen at a
   * time, its four roles' pages side by side, so that four pages (not sixteen) share the machine's
   * two cores.
   *
   * On the small phone each person keeps one page open from stage to stage, as they do in a
   * meeting: the organizer moves the stage (through the API), the open page follows it live, and
   * the person taps 看全图 (the phone's own "whole site" button, src/workflow/PhoneBoardControls.tsx),
   * which fits the plan and pins with the same arithmetic as a page opening
   * (src/workflow/FitOnOpen.tsx): the board looked at is the one a person opening the link sees, and
   * the phone is loaded once instead of six times (a phone's start, light view then editor, costs
   * the two cores seconds). The laptop has no such button: there the person goes home (the board
   * header's link) and opens the project again from her list, without a page load; the board mounts
   * anew and fits as on opening (a live page keeps the camera of the stage it was opened in, and
   * the panels a stage docks change that fit: a pin then lies under the floating bar). The 390
   * phone and the projector are looked at in one stage each, on a page of their own.
   */
  const devices: BrowserContext[] = []
  const openPages = new Map<string, Page>()
  afterAll(async () => {
    for (const device of devices) await device.close()
  })
  /** The screen whose pages stay open from stage to stage. */
  const keptOpen = (screen: Screen) => (screen.options.hasTouch === true && screen.largeText === true) || screen === SCREENS.laptop

  /** The page of `role` on `screen` in `stage`, showing the board as a person opening it sees it. */
  async function pageOf(screen: Screen, role: (typeof ROLES)[number], stage: string): Promise<Page> {
    const key = `${screen.name} ${screen.largeText ? 'large' : ''} ${role}`
    const kept = openPages.get(key)
    if (kept && screen.options.hasTouch === true) {
      await kept.locator(`[data-testid="stage-bar"][data-stage="${stage}"]`).waitFor({ timeout: 60_000 })
      // Let the stage's panels and bars arrive before fitting into the room they leave.
      await settle(kept)
      await kept.getByTestId('phone-fit').click()
      await cameraStill(kept)
      return kept
    }
    if (kept) {
      // The laptop: home (the board header's link) and back in from the project list, without a
      // page load; the board mounts anew and fits as on opening.
      await kept.locator('.board-header__home').click()
      await kept.locator(`[data-testid="project-open"][href="/p/${e2e.tour.projectId}"]`).click()
      await opened(kept, stage)
      return kept
    }
    // The layout is measured in CSS pixels; a phone's pixel density changes no layout of ours (only
    // which plan picture the light view fetches), and 1 spares the cores four times the pixels.
    const shown = { ...screen, options: { ...screen.options, deviceScaleFactor: 1 } }
    const { page, context } = await e2e.tour.visit(e2e.browser, e2e.tour.people[role], shown)
    devices.push(context)
    await opened(page, stage)
    if (keptOpen(screen)) openPages.set(key, page)
    return page
  }

  /** Waits until the board just opened on `page` is live in `stage` and fitted. */
  async function opened(page: Page, stage: string): Promise<void> {
    await page.locator('.board:not(.cg-light) [data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 60_000 })
    // A phone opens on the light view: the views looked at here are the editor's.
    await page.getByTestId('light-board').waitFor({ state: 'detached', timeout: 60_000 })
    await page.locator(`[data-testid="stage-bar"][data-stage="${stage}"]`).waitFor({ timeout: 60_000 })
    // The first participation state fits the plan and its pins (src/workflow/FitOnOpen.tsx).
    await page.waitForTimeout(1_200)
  }

  for (const stage of STAGES) {
    it(`in ${stage}, for every role, on every screen`, async () => {
      await e2e.tour.moveTo(stage)
      const problems: string[] = []
      for (const screen of screensIn(stage)) {
        const found = await inPool([...ROLES], 4, async (role) => {
          const page = await pageOf(screen, role, stage)
          try {
            const found = await checkViews(page, screen, stage, role)
            if (ENGLISH_ROLES.includes(role) && ENGLISH_STAGES.includes(stage) && englishScreen(screen)) {
              // Last: on a phone it opens the organizer's drawing mode and tldraw's menu (closed
              // again for the next stage's views).
              const touch = screen.options.hasTouch === true
              found.push(...(await englishOn(page, `English · ${screen.name} · ${role} · ${stage}`, touch, role === 'organizer')))
              if (touch && role === 'organizer') await leaveDrawing(page)
            }
            return found
          } finally {
            if (!keptOpen(screen)) await page.close()
          }
        })
        problems.push(...found.flat())
      }
      expect(problems).toEqual([])
    }, 600_000)
  }
})
