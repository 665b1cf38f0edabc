/**
 * The foundation, as two people see it in real Chromium against the real server:
 * create a board, share its link, draw, see each other's named cursors, reload, go offline.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { foreignRequests } from '../helpers/browser.js'
import { DESKTOP, drag, enterName, PHONE, setupE2e, waitForStatus } from '../helpers/e2e.js'

const drawRectangle = (page: Page, x: number, y: number) => drag(page, 'tools.rectangle', x, y, [[120, 80], [200, 140]])
const geoShapes = (page: Page) => page.locator('.tl-shape[data-shape-type="geo"]')

describe('a board shared by two people', () => {
  const e2e = setupE2e()

  it('syncs a drawn rectangle and named cursors, keeps it over a reload, and asks no other host', async () => {
    const a = await e2e.open(DESKTOP)
    await a.page.goto(e2e.server.url + '/')
    await a.page.getByTestId('board-name-input').fill('学林苑中心花园')
    await a.page.getByTestId('create-board').click()
    await a.page.waitForURL(/\/b\/[A-Za-z0-9_-]+$/)
    const boardUrl = a.page.url()
    await enterName(a.page, '王老师')
    await waitForStatus(a.page, 'connected')
    await expect(a.page.getByTestId('board-title').textContent()).resolves.toContain('学林苑中心花园')

    const b = await e2e.open(DESKTOP)
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
    await a.page.goto(e2e.server.url + '/')
    await a.page.getByTestId('recent-board').filter({ hasText: '学林苑中心花园' }).first().waitFor()

    expect(foreignRequests([...a.requests, ...b.requests], e2e.server.url)).toEqual([])
  })

  it('keeps edits made offline, shows them after an offline reload, and merges them on reconnect', async () => {
    const res = await fetch(e2e.server.url + '/api/boards', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '和泰苑广场' }),
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const boardUrl = `${e2e.server.url}/b/${id}`

    const a = await e2e.open(DESKTOP)
    const b = await e2e.open(DESKTOP)
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

    expect(foreignRequests([...a.requests, ...b.requests], e2e.server.url)).toEqual([])
  })

  it('switches language without a reload, fetching only the language in use, and says so when offline', async () => {
    // Distinct files: the service worker may fetch a file the page loaded once more, to cache it.
    const chunks = (urls: string[], re: RegExp) => [...new Set(urls.filter((u) => re.test(u)))]
    const enChunk = (urls: string[]) => chunks(urls, /\/assets\/en-[\w-]+\.js$/)
    const zhChunk = (urls: string[]) => chunks(urls, /\/assets\/zhCN-[\w-]+\.js$/)
    const title = (page: Page) => page.locator('h2', { hasText: /新建一块白板|Start a new board/ }).first()

    const p = await e2e.open(PHONE)
    await p.page.goto(e2e.server.url + '/')
    await expect(title(p.page).textContent()).resolves.toBe('新建一块白板')
    expect(zhChunk(p.requests)).toHaveLength(1)
    expect(enChunk(p.requests)).toEqual([])

    await p.page.getByTestId('lang-switch').click()
    await title(p.page).filter({ hasText: 'Start a new board' }).waitFor()
    await expect(p.page.evaluate(() => document.documentElement.lang)).resolves.toBe('en')
    // The choice is kept on this device, and a reload in English fetches no Chinese.
    const before = p.requests.length
    await p.page.reload()
    await title(p.page).filter({ hasText: 'Start a new board' }).waitFor()
    expect(zhChunk(p.requests.slice(before))).toEqual([])

    // Offline, a language never fetched cannot come: the page stays usable and says why.
    const q = await e2e.open(PHONE)
    await q.page.goto(e2e.server.url + '/')
    await title(q.page).waitFor()
    await q.context.setOffline(true)
    await q.page.getByTestId('lang-switch').click()
    await expect(q.page.getByTestId('lang-switch-failed').textContent()).resolves.toContain('没有网络')
    await expect(q.page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN')
    await expect(title(q.page).textContent()).resolves.toBe('新建一块白板')
    // The note stays while she is offline (no timer takes it away before she has read it); she can
    // close it, and it goes by itself when the connection is back.
    await q.page.waitForTimeout(6000)
    await expect(q.page.getByTestId('lang-switch-failed').count()).resolves.toBe(1)
    await q.page.getByTestId('lang-switch-failed-close').click()
    await q.page.getByTestId('lang-switch-failed').waitFor({ state: 'detached' })
    await q.page.getByTestId('lang-switch').click()
    await q.page.getByTestId('lang-switch-failed').waitFor()
    await q.context.setOffline(false)
    await q.page.getByTestId('lang-switch-failed').waitFor({ state: 'detached' })
    await q.page.getByTestId('lang-switch').click()
    await title(q.page).filter({ hasText: 'Start a new board' }).waitFor()
    expect(foreignRequests([...p.requests, ...q.requests], e2e.server.url)).toEqual([])
  })

  it('tells a person plainly when a link points at no board', async () => {
    const p = await e2e.open(PHONE)
    await p.page.goto(`${e2e.server.url}/b/NoSuchBoard0000000000`)
    const message = p.page.getByTestId('board-not-found')
    await message.waitFor()
    expect(await message.textContent()).toMatch(/[\u4e00-\u9fff]/)
    expect(foreignRequests(p.requests, e2e.server.url)).toEqual([])
  })
})
