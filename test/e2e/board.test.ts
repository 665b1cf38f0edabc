/**
 * The foundation, as two people see it in real Chromium against the real server:
 * create a board, share its link, draw, see each other's named cursors, reload, go offline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { foreignRequests, launchChromium, openRecordedPage, type RecordedPage } from '../helpers/browser.js'

const DESKTOP = { viewport: { width: 1280, height: 800 } }

async function enterName(page: Page, name: string) {
  await page.getByTestId('name-input').fill(name)
  await page.getByTestId('name-submit').click()
}

async function waitForStatus(page: Page, status: string) {
  await page.locator(`[data-testid="connection-status"][data-status="${status}"]`).waitFor({ timeout: 20_000 })
}

async function drawRectangle(page: Page, x: number, y: number) {
  await page.getByTestId('tools.rectangle').click()
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x + 120, y + 80, { steps: 6 })
  await page.mouse.move(x + 200, y + 140, { steps: 6 })
  await page.mouse.up()
}

const geoShapes = (page: Page) => page.locator('.tl-shape[data-shape-type="geo"]')

describe('a board shared by two people', () => {
  let server: TestServer
  let browser: Browser
  const pages: RecordedPage[] = []

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
  })

  afterAll(async () => {
    for (const p of pages) await p.context.close().catch(() => {})
    await browser?.close()
    await server?.stop()
  })

  it('syncs a drawn rectangle and named cursors, keeps it over a reload, and asks no other host', async () => {
    const a = await openRecordedPage(browser, DESKTOP)
    pages.push(a)
    await a.page.goto(server.url + '/')
    await a.page.getByTestId('board-name-input').fill('学林苑中心花园')
    await a.page.getByTestId('create-board').click()
    await a.page.waitForURL(/\/b\/[A-Za-z0-9_-]+$/)
    const boardUrl = a.page.url()
    await enterName(a.page, '王老师')
    await waitForStatus(a.page, 'connected')
    await expect(a.page.getByTestId('board-title').textContent()).resolves.toContain('学林苑中心花园')

    const b = await openRecordedPage(browser, DESKTOP)
    pages.push(b)
    await b.page.goto(boardUrl)
    await enterName(b.page, '李阿姨')
    await waitForStatus(b.page, 'connected')

    await drawRectangle(a.page, 420, 300)
    await geoShapes(a.page).first().waitFor()
    // The other person sees it without doing anything.
    await geoShapes(b.page).first().waitFor({ timeout: 15_000 })
    expect(await geoShapes(b.page).count()).toBe(1)

    // B's pointer moves over the canvas; A sees B's cursor labelled with B's name.
    await b.page.mouse.move(700, 500)
    await b.page.mouse.move(720, 520, { steps: 5 })
    await a.page.locator('.tl-nametag, .tl-nametag-title', { hasText: '李阿姨' }).first().waitFor({ timeout: 15_000 })
    // …and B appears in A's people list.
    await a.page.locator('[data-testid="person"][data-name="李阿姨"]').first().waitFor({ state: 'attached' })

    // A reload keeps the rectangle (from the server and from local storage).
    await b.page.reload()
    await waitForStatus(b.page, 'connected')
    await geoShapes(b.page).first().waitFor({ timeout: 15_000 })
    expect(await geoShapes(b.page).count()).toBe(1)

    // The home page remembers the board on this device.
    await a.page.goto(server.url + '/')
    await a.page.getByTestId('recent-board').filter({ hasText: '学林苑中心花园' }).first().waitFor()

    expect(foreignRequests([...a.requests, ...b.requests], server.url)).toEqual([])
  })

  it('keeps edits made offline, shows them after an offline reload, and merges them on reconnect', async () => {
    const res = await fetch(server.url + '/api/boards', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '和泰苑广场' }),
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const boardUrl = `${server.url}/b/${id}`

    const a = await openRecordedPage(browser, DESKTOP)
    const b = await openRecordedPage(browser, DESKTOP)
    pages.push(a, b)
    await a.page.goto(boardUrl)
    await enterName(a.page, '张设计师')
    await waitForStatus(a.page, 'connected')
    await b.page.goto(boardUrl)
    await enterName(b.page, '赵主任')
    await waitForStatus(b.page, 'connected')

    // B loses the network and keeps drawing.
    await b.context.setOffline(true)
    await waitForStatus(b.page, 'offline')
    await drawRectangle(b.page, 300, 250)
    await geoShapes(b.page).first().waitFor()

    // Reloading with no network still shows the board as B left it.
    await b.page.reload()
    await geoShapes(b.page).first().waitFor({ timeout: 20_000 })
    expect(await geoShapes(a.page).count()).toBe(0)

    // Meanwhile A draws too; back online, both edits are on both pages.
    await drawRectangle(a.page, 700, 400)
    await geoShapes(a.page).first().waitFor()
    await b.context.setOffline(false)
    await waitForStatus(b.page, 'connected')
    await expect.poll(() => geoShapes(a.page).count(), { timeout: 20_000 }).toBe(2)
    await expect.poll(() => geoShapes(b.page).count(), { timeout: 20_000 }).toBe(2)

    expect(foreignRequests([...a.requests, ...b.requests], server.url)).toEqual([])
  })

  it('tells a person plainly when a link points at no board', async () => {
    const p = await openRecordedPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    pages.push(p)
    await p.page.goto(`${server.url}/b/NoSuchBoard0000000000`)
    const message = p.page.getByTestId('board-not-found')
    await message.waitFor()
    expect(await message.textContent()).toMatch(/[\u4e00-\u9fff]/)
    expect(foreignRequests(p.requests, server.url)).toEqual([])
  })
})
