/**
 * What every browser test needs: a real server and Chromium for the file's tests (closed after
 * them), fresh "devices" with recorded requests, and the waits our pages call for.
 */
import { afterAll, beforeAll } from 'vitest'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { launchChromium, openRecordedPage, type RecordedPage } from './browser.js'
import { startTestServer, type TestServer } from './startTestServer.js'
import type { Config } from '../../server/config.js'

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }

export interface E2e {
  /** The server started for this file (available inside tests). */
  readonly server: TestServer
  /** A fresh device (its own storage) with one page whose requests are recorded; closed after the tests. */
  open(options?: BrowserContextOptions): Promise<RecordedPage>
}

/** Call inside a `describe`: starts the server and the browser before its tests, stops them after. */
export function setupE2e(overrides: Partial<Config> = {}): E2e {
  let server: TestServer | undefined
  let browser: Browser | undefined
  const pages: RecordedPage[] = []

  beforeAll(async () => {
    server = await startTestServer(overrides)
    browser = await launchChromium()
  })

  afterAll(async () => {
    for (const p of pages) await p.context.close().catch(() => {})
    await browser?.close()
    await server?.stop()
  })

  return {
    get server() {
      if (!server) throw new Error('The test server is started in beforeAll; use it inside a test')
      return server
    },
    async open(options = DESKTOP) {
      if (!browser) throw new Error('Chromium is started in beforeAll; open pages inside a test')
      const recorded = await openRecordedPage(browser, options)
      pages.push(recorded)
      return recorded
    },
  }
}

export const byTestId = (page: Page, id: string, attrs = '') => page.locator(`[data-testid="${id}"]${attrs}`)

/**
 * Waits for the editor's connection badge to say `status` (connected, offline…). On a phone the
 * board opens on the light view (src/lightView) and the editor takes its place once it shows the
 * same thing: this waits for that too, so what a test does next is done in the editor. Tests of
 * the light view itself look inside `[data-testid="light-board"]`.
 */
export async function waitForStatus(page: Page, status: string): Promise<void> {
  // Generous: a page's first start of tldraw took over 20 s on a CI host with both cores loaded.
  await page.locator(`.board:not(.cg-light) [data-testid="connection-status"][data-status="${status}"]`).waitFor({ timeout: 45_000 })
  await waitForEditor(page)
}

/** On a phone: waits until the light view has handed over to the editor (at once elsewhere). */
export async function waitForEditor(page: Page, timeout = 30_000): Promise<void> {
  await page.getByTestId('light-board').waitFor({ state: 'detached', timeout })
}

/** Answers the name prompt in front of a board. */
export async function enterName(page: Page, name: string): Promise<void> {
  await page.getByTestId('name-input').fill(name)
  await page.getByTestId('name-submit').click()
}

/** The device may already know the person's name; answer the prompt only if it is there. */
export async function enterNameIfAsked(page: Page, name: string): Promise<void> {
  const input = page.getByTestId('name-input')
  const status = page.locator('.board:not(.cg-light) [data-testid="connection-status"]')
  // One wait for either: a losing second wait would reject later, unhandled.
  await input.or(status).first().waitFor({ timeout: 20_000 })
  if (await input.isVisible()) await enterName(page, name)
}

/** Opens a join link on a fresh device, joins with `name`, and waits for the live board. */
export async function joinByLink(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link)
  await page.getByTestId('join-name').fill(name)
  await page.getByTestId('join-submit').click()
  await page.waitForURL(/\/p\/[A-Za-z0-9_-]+$/, { timeout: 20_000 })
  await enterNameIfAsked(page, name)
  await waitForStatus(page, 'connected')
}

/** Waits for the stage bar to show `stage` (organize, needs, siteVisit…). */
export async function waitForStage(page: Page, stage: string): Promise<void> {
  await byTestId(page, 'stage-bar', `[data-stage="${stage}"]`).waitFor({ timeout: 20_000 })
}

/**
 * Picks a tldraw tool (its toolbar test id, e.g. 'tools.draw') and drags from (x, y) through the
 * given offsets, in small steps like a hand would.
 */
export async function drag(page: Page, tool: string, x: number, y: number, offsets: Array<[number, number]>): Promise<void> {
  // On a phone tldraw's toolbar is hidden and drawing is a mode of our own (PhoneBoardControls):
  // enter it if need be, then take its pen.
  if (tool === 'tools.draw' && (await page.getByTestId('tools.draw').count()) === 0) {
    if ((await page.getByTestId('phone-tool-draw').count()) === 0) await page.getByTestId('phone-draw').click()
    tool = 'phone-tool-draw'
  }
  await page.getByTestId(tool).click()
  await page.mouse.move(x, y)
  await page.mouse.down()
  for (const [dx, dy] of offsets) await page.mouse.move(x + dx, y + dy, { steps: 8 })
  await page.mouse.up()
}
