/**
 * The tour project for a file of browser tests: call `setupTour()` inside a `describe`; a real server
 * (port 0, temp data dir), Chromium and the tour project (test/helpers/tour.ts) are started before
 * the file's tests and stopped after them.
 */
import { afterAll, beforeAll } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchChromium } from './browser.js'
import { startTestServer, type TestServer } from './startTestServer.js'
import { startTour, type Tour } from './tour.js'

export interface TourE2e {
  readonly server: TestServer
  readonly browser: Browser
  readonly tour: Tour
}

export function setupTour(): TourE2e {
  let server: TestServer | undefined
  let browser: Browser | undefined
  let tour: Tour | undefined

  // Setting the tour up drives the organizer's and an expert's pages: generous on two loaded cores.
  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
    tour = await startTour(server, browser)
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The ${what} is started in beforeAll; use it inside a test`)
    return value
  }
  return {
    get server() { return started(server, 'server') },
    get browser() { return started(browser, 'browser') },
    get tour() { return started(tour, 'tour') },
  }
}
