/**
 * Two people on one board in real Chromium, each reaching another instance of the server (two
 * instances sharing storage and Redis, as behind a round-robin balancer): a rectangle drawn through
 * one instance appears on the page served by the other, with the drawer's named cursor, and a
 * newcomer through the other instance gets it. (Each instance is its own origin here, so a page
 * keeps to one; behind a balancer all share one address.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchChromium, openRecordedPage, type RecordedPage } from '../helpers/browser.js'
import { DESKTOP, drag, enterName, waitForStatus } from '../helpers/e2e.js'
import { startCluster, type TestCluster } from '../server/clusterTestKit.js'

const drawRectangle = (page: Page, x: number, y: number) => drag(page, 'tools.rectangle', x, y, [[120, 80], [200, 140]])
const geoShapes = (page: Page) => page.locator('.tl-shape[data-shape-type="geo"]')

describe('one board served by two instances', () => {
  let cluster: TestCluster
  let browser: Browser
  const pages: RecordedPage[] = []

  beforeAll(async () => {
    cluster = await startCluster(2)
    browser = await launchChromium()
  })

  afterAll(async () => {
    for (const p of pages) await p.context.close().catch(() => {})
    await browser?.close()
    await cluster?.stop()
  })

  const open = async () => {
    const recorded = await openRecordedPage(browser, DESKTOP)
    pages.push(recorded)
    return recorded.page
  }

  it('shows a rectangle and a named cursor made through A on the page served by B', async () => {
    const [a, b] = cluster.instances
    const res = await fetch(`${a.url}/api/boards`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '学林苑中心花园' }),
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }

    const onA = await open()
    await onA.goto(`${a.url}/b/${id}`)
    await enterName(onA, '王老师')
    await waitForStatus(onA, 'connected')
    const onB = await open()
    await onB.goto(`${b.url}/b/${id}`)
    await enterName(onB, '李阿姨')
    await waitForStatus(onB, 'connected')

    await drawRectangle(onA, 420, 300)
    await geoShapes(onA).first().waitFor()
    await geoShapes(onB).first().waitFor({ timeout: 15_000 })
    expect(await geoShapes(onB).count()).toBe(1)

    await onA.mouse.move(700, 500)
    await onA.mouse.move(720, 520, { steps: 5 })
    await onB.locator('.tl-nametag, .tl-nametag-title', { hasText: '王老师' }).first().waitFor({ timeout: 15_000 })

    // A third person opens the board through B after A drew: the rectangle is there.
    const late = await open()
    await late.goto(`${b.url}/b/${id}`)
    await enterName(late, '张师傅')
    await waitForStatus(late, 'connected')
    await geoShapes(late).first().waitFor({ timeout: 15_000 })
    expect(await geoShapes(late).count()).toBe(1)
  })
})
