/**
 * `npm run screens`: screenshots of the main views as people see them, kept in docs/screens/ so a
 * reader sees the product without running it — a resident's phone at 390×844 and at 360×640 in
 * 大字 mode (Chinese), in the stages where residents take part (the board as it opens, the panel
 * open, a need opened from its pin), and the projector at 1920×1080 in the meeting.
 */
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from 'playwright-core'
import { launchChromium } from '../helpers/browser.js'
import { startTestServer } from '../helpers/startTestServer.js'
import { SCREENS, startTour, STAGES, type Screen } from '../helpers/tour.js'
import type { Stage } from '../../src/shared/workflow.js'

const PHONE_STAGES: readonly Stage[] = ['needs', 'negotiate', 'agreed']

async function shoot(page: Page, file: string, written: string[], log: (l: string) => void): Promise<void> {
  await page.waitForTimeout(900)
  // One pixel per CSS pixel keeps the files small enough to keep in the repository.
  await page.screenshot({ path: file, scale: 'css' })
  written.push(file)
  log(`wrote ${file}`)
}

/** A need pin a finger can reach (a tap on a bubble of crowded pins zooms in first). */
async function openSomeNeed(page: Page): Promise<boolean> {
  for (let i = 0; i < 4; i++) {
    const pin = await page.evaluate(() => {
      for (const sel of ['[data-testid="need-pin"]', '[data-testid="need-pin-group"]']) {
        for (const el of Array.from(document.querySelectorAll(sel))) {
          const r = el.getBoundingClientRect()
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
          if (hit && el.contains(hit)) return { sel, x: r.left + r.width / 2, y: r.top + r.height / 2 }
        }
      }
      return null
    })
    if (!pin) return false
    await page.mouse.click(pin.x, pin.y)
    await page.waitForTimeout(700)
    if (pin.sel.includes('need-pin"')) return true
  }
  return false
}

export async function takeScreens(outDir: string, log: (l: string) => void, only?: string[]): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true })
  const server = await startTestServer()
  const browser = await launchChromium()
  const written: string[] = []
  try {
    const tour = await startTour(server, browser)
    const phones: Array<[string, Screen]> = [['390', SCREENS.phone], ['360-large', { ...SCREENS.phoneSmall, largeText: true }]]
    for (const stage of STAGES) {
      if (only && only.length > 0 && !only.includes(stage)) continue
      await tour.moveTo(stage)
      if (PHONE_STAGES.includes(stage)) {
        for (const [name, screen] of phones) {
          const { page, context } = await tour.open(browser, tour.people.resident, screen)
          const base = path.join(outDir, `${stage}-resident-${name}`)
          await shoot(page, `${base}.png`, written, log)
          if (await openSomeNeed(page)) {
            await shoot(page, `${base}-need.png`, written, log)
            await page.keyboard.press('Escape')
          }
          const toggle = page.locator('[data-testid="participation-toggle"]:visible').first()
          if ((await toggle.count()) > 0) {
            await toggle.click()
            await shoot(page, `${base}-panel.png`, written, log)
          }
          await context.close()
        }
      }
      if (stage === 'negotiate') {
        const { page, context } = await tour.open(browser, tour.people.organizer, SCREENS.projector)
        await shoot(page, path.join(outDir, `${stage}-organizer-1920.png`), written, log)
        await page.getByTestId('open-projector').click()
        await shoot(page, path.join(outDir, `${stage}-projector-1920.png`), written, log)
        await context.close()
      }
    }
  } finally {
    await browser.close()
    await server.stop()
  }
  return written
}

// Run directly: node node_modules/.cache/cg-bench/test/bench/screens.js <outDir> [stage…]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  takeScreens(process.argv[2] ?? 'docs/screens', console.log, process.argv.slice(3)).catch((e) => { console.error(e); process.exit(1) })
}
