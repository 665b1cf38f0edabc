/**
 * Screenshots of the main views, as people see them: a resident's phone at 360×640 and 390×844
 * (Chinese, 大字 mode too) and the projector at 1920×1080, in each stage. Writes PNGs into `outDir`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { launchChromium } from '../helpers/browser.js'
import { startTestServer } from '../helpers/startTestServer.js'
import { SCREENS, startTour, STAGES, type Screen } from '../helpers/tour.js'

export async function takeScreens(outDir: string, log: (l: string) => void, only?: string[]): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true })
  const server = await startTestServer()
  const browser = await launchChromium()
  const written: string[] = []
  try {
    const tour = await startTour(server, browser)
    const looks: Array<[string, keyof typeof tour.people, Screen]> = [
      ['resident-360', 'resident', { ...SCREENS.phoneSmall, largeText: true }],
      ['resident-390', 'resident', SCREENS.phone],
      ['organizer-1920', 'organizer', SCREENS.projector],
    ]
    for (const stage of STAGES) {
      if (only && !only.includes(stage)) continue
      await tour.moveTo(stage)
      for (const [name, role, screen] of looks) {
        const p = await tour.open(browser, tour.people[role], screen)
        await p.page.waitForTimeout(2500)
        const file = path.join(outDir, `${stage}-${name}.png`)
        await p.page.screenshot({ path: file })
        written.push(file)
        log(`wrote ${file}`)
        // A need opened from its pin.
        const pin = p.page.locator('[data-testid="need-pin"]:visible').first()
        if ((await pin.count()) > 0) {
          await pin.click()
          await p.page.waitForTimeout(1000)
          const needFile = path.join(outDir, `${stage}-${name}-need.png`)
          await p.page.screenshot({ path: needFile })
          written.push(needFile)
          log(`wrote ${needFile}`)
          await p.page.keyboard.press('Escape')
          await p.page.waitForTimeout(500)
        }
        // The participation panel open, as a sheet on a phone.
        const toggle = p.page.locator('[data-testid="participation-toggle"]:visible').first()
        if ((await toggle.count()) > 0) {
          await toggle.click()
          await p.page.waitForTimeout(1200)
          const panelFile = path.join(outDir, `${stage}-${name}-panel.png`)
          await p.page.screenshot({ path: panelFile })
          written.push(panelFile)
          log(`wrote ${panelFile}`)
        }
        await p.context.close()
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
