/**
 * The resident's views pass axe-core's WCAG 2.1 A and AA rules with no serious
 * or critical violation — on a phone and on a small phone in 大字 mode, the board as it opens, the
 * needs sheet, a need opened from its pin, and in the meeting the votes and comments.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { setupTour } from '../helpers/tourE2e.js'
import { SCREENS, type Screen } from '../helpers/tour.js'
import { reachPin } from './layoutKit.js'

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: string[]; failureSummary?: string }> }

/** Serious and critical WCAG 2.1 A/AA violations in the page, one line each. */
async function axeProblems(page: Page, view: string): Promise<string[]> {
  // Evaluated through DevTools, which the page's Content-Security-Policy (script-src 'self' and the
  // page's own inline script by its hash) does not block, unlike an inline <script> of ours.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
    return result.violations
  }) as AxeViolation[]
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${view}: ${v.id} (${v.impact}) ${v.help} — ${n.target.join(' ')}`))
}

describe('the resident views have no serious or critical accessibility violation (axe-core, WCAG 2.1 AA)', () => {
  const e2e = setupTour()

  it('on a phone and on a small phone in 大字 mode, collecting needs and in the meeting', async () => {
    const screens: Screen[] = [SCREENS.phone, { ...SCREENS.phoneSmall, largeText: true }]
    const problems: string[] = []
    await e2e.tour.moveTo('needs')
    // Each phone stays open into the meeting, as it does for a resident: the organizer moves the
    // stage and the page follows it live (one page load per phone, not two).
    const pages: Page[] = []
    for (const screen of screens) {
      const { page } = await e2e.tour.open(e2e.browser, e2e.tour.people.resident, screen)
      pages.push(page)
      const where = `${screen.name}${screen.largeText ? ' 大字' : ''} · needs`
      await page.waitForTimeout(800)
      problems.push(...await axeProblems(page, `${where} · board`))
      await page.getByTestId('participation-toggle').click()
      await page.getByTestId('needs-tab').waitFor()
      problems.push(...await axeProblems(page, `${where} · needs sheet`))
      await page.getByTestId('participation-toggle').click()
      await page.locator(`[data-testid="need-pin"][data-need-id="${await reachPin(page)}"]`).click()
      await page.waitForTimeout(500)
      problems.push(...await axeProblems(page, `${where} · need from its pin`))
      await page.keyboard.press('Escape')
    }
    await e2e.tour.moveTo('negotiate')
    for (const [i, screen] of screens.entries()) {
      const page = pages[i]
      const where = `${screen.name}${screen.largeText ? ' 大字' : ''} · negotiate`
      await page.locator('[data-testid="stage-bar"][data-stage="negotiate"]').waitFor({ timeout: 30_000 })
      await page.getByTestId('participation-toggle').click()
      for (const tab of ['votes', 'comments', 'options']) {
        await page.getByTestId(`tab-${tab}`).click()
        await page.waitForTimeout(500)
        problems.push(...await axeProblems(page, `${where} · ${tab}`))
      }
      await page.context().close()
    }
    expect(problems).toEqual([])
  }, 300_000)
})
