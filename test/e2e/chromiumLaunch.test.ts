/**
 * The Chromium every browser test and benchmark starts (test/helpers/browser.ts): its pages are the
 * only renderers it starts for them (no address-bar popup per window, which cost the two cores ~2 s
 * of CPU per page opened), and Playwright's own switched-off features stay switched off.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { chromium, type Browser } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH, DISABLED_FEATURES, chromiumArgs, disabledFeaturesOf, launchChromium } from '../helpers/browser.js'

describe('the test Chromium', () => {
  const browsers: Browser[] = []
  afterAll(async () => {
    for (const b of browsers) await b.close()
  })

  it('opens a page as one target, without the desktop address bar\'s popups', async () => {
    const browser = await launchChromium()
    browsers.push(browser)
    for (let i = 0; i < 2; i++) {
      const page = await (await browser.newContext()).newPage()
      await page.setContent('<h1>共绘</h1>')
    }
    const cdp = await browser.newBrowserCDPSession()
    // Give a window's popups the time they took to appear before (they came with the window).
    await new Promise((r) => setTimeout(r, 500))
    const { targetInfos } = await cdp.send('Target.getTargets')
    expect(targetInfos.map((t) => t.type).sort()).toEqual(['page', 'page'])
  })

  it('keeps every feature Playwright switches off, and adds ours', async () => {
    // As launchChromium starts it, plus --enable-automation so that CDP tells the command line.
    const plain = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, '--enable-automation'] })
    browsers.push(plain)
    const playwrights = await disabledFeaturesOf(plain)
    expect(playwrights.length).toBeGreaterThan(3)
    const ours = await chromium.launch({
      executablePath: CHROMIUM_PATH, headless: true,
      args: [...(await chromiumArgs()), '--enable-automation'],
    })
    browsers.push(ours)
    const effective = await disabledFeaturesOf(ours)
    for (const f of [...playwrights, ...DISABLED_FEATURES]) expect(effective).toContain(f)
  })
})
