/**
 * Real Chromium for end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core
 * (`npx playwright install` cannot work on our machines). Every page gets a request log so a test
 * can prove that nothing left for a CDN or any host but ours.
 */
import fs from 'node:fs'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/**
 * Chromium features switched off on top of Playwright's own list. Headless Chromium is the desktop
 * browser without a screen: every window (each page a test or benchmark opens) also builds the
 * address bar's two WebUI popups, each a renderer of its own, ~2 s of CPU per window between them
 * on our two cores. No phone or page of ours has them, so they only slow the tests and load the
 * benchmarks' other core. (Found with CDP `Target.getTargets`: `chrome://omnibox-popup.top-chrome/`.)
 */
export const DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup']

let playwrightsOwn: Promise<string[]> | undefined

/**
 * The features Playwright itself switches off. Chromium honours only the last `--disable-features`
 * on its command line, and Playwright puts its own before ours, so ours must repeat its list or
 * undo it. Read once per process from a Chromium started as Playwright starts it (the command line
 * is only told with `--enable-automation`), so a Playwright upgrade's new list is kept as it is.
 */
function playwrightDisabledFeatures(): Promise<string[]> {
  playwrightsOwn ??= (async () => {
    const probe = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, '--enable-automation'] })
    try {
      return await disabledFeaturesOf(probe)
    } finally {
      await probe.close()
    }
  })()
  return playwrightsOwn
}

/** The features a running Chromium has switched off (it must have been started with `--enable-automation`). */
export async function disabledFeaturesOf(browser: Browser): Promise<string[]> {
  const { arguments: args } = await (await browser.newBrowserCDPSession()).send('Browser.getBrowserCommandLine')
  const flag = args.filter((a) => a.startsWith('--disable-features=')).pop()
  return flag ? flag.slice('--disable-features='.length).split(',').filter(Boolean) : []
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run "apt-get install -y chromium" (or .ci/run)`)
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: await chromiumArgs() })
}

/** The switches launchChromium passes: ours, and Playwright's switched-off features with ours. */
export async function chromiumArgs(): Promise<string[]> {
  const disabled = [...new Set([...(await playwrightDisabledFeatures()), ...DISABLED_FEATURES])]
  return [...CHROMIUM_ARGS, `--disable-features=${disabled.join(',')}`]
}

export interface RecordedPage {
  page: Page
  context: BrowserContext
  /** Every URL the page (and its workers) requested, in order. */
  requests: string[]
  /** Console errors and uncaught page errors, for diagnosis. */
  errors: string[]
}

/** A fresh context (its own storage, like a separate device) with one page whose requests are recorded. */
export async function openRecordedPage(browser: Browser, options: BrowserContextOptions = {}): Promise<RecordedPage> {
  const context = await browser.newContext({ locale: 'zh-CN', ...options })
  const requests: string[] = []
  const errors: string[] = []
  context.on('request', (req) => requests.push(req.url()))
  const page = await context.newPage()
  page.on('pageerror', (err) => errors.push(String(err)))
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text())
  })
  return { page, context, requests, errors }
}

/** URLs that went anywhere but `origin` (data: and blob: URLs stay inside the page and are fine). */
export function foreignRequests(requests: string[], origin: string): string[] {
  const ours = new URL(origin)
  return requests.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false
    const u = new URL(url)
    const sameHost = u.hostname === ours.hostname && u.port === ours.port
    return !sameHost
  })
}

/**
 * Waits until an async page function returns something truthy, and returns it. Not
 * `page.waitForFunction(async …)`: Playwright treats the returned promise itself as truthy and
 * resolves with its value on the first try, so an async predicate there never polls — a wait that
 * does not wait (rareHanFont's offline reload failed on a loaded CI machine that way).
 */
export async function waitForAsync<A, R>(page: Page, fn: (arg: A) => Promise<R>, arg: A, timeoutMs = 20_000): Promise<NonNullable<R>> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      // Cast: Playwright types the argument as it arrives in the page (Unboxed<A>), which for our plain data is A.
      const value = await page.evaluate(fn as (arg: unknown) => Promise<R>, arg as unknown)
      if (value) return value as NonNullable<R>
      last = value
    } catch (err) {
      // A navigation in progress destroys the page's context; try again in the new one.
      last = err
    }
    if (Date.now() > deadline) throw new Error(`waitForAsync: still ${String(last)} after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
