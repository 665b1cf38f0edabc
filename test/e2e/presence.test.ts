/**
 * A busy room in real Chromium: several pages of our board move their pointers at once, as
 * fast as the browser delivers pointer events, while a stock y-websocket client watches (and echoes
 * everything, as stock clients do). Nobody is cut off, every page's last cursor arrives, and each page
 * shows the others' named cursors.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { connectClient, destroyAllClients, waitFor } from '../server/syncTestKit.js'
import { DESKTOP, byTestId, enterName, setupE2e, waitForStatus } from '../helpers/e2e.js'

const PAGES = 4
const MOVES = 400

/** Our client's awareness state: the presence packed (src/sync/presenceWire.ts: p[1], p[2] are the cursor). */
interface Seen { user?: { name?: string }; p?: unknown[] | null }

describe('a busy room in the browser', () => {
  const e2e = setupE2e()

  it(`keeps ${PAGES} pages connected while all move their pointers at once, and shows each one's last position`, async () => {
    const res = await fetch(e2e.server.url + '/api/boards', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '中心花园 讨论会' }),
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const names = Array.from({ length: PAGES }, (_, i) => `居民${i + 1}`)
    const pages: Page[] = []
    for (const name of names) {
      const { page } = await e2e.open(DESKTOP)
      await page.goto(`${e2e.server.url}/b/${id}`)
      await enterName(page, name)
      await waitForStatus(page, 'connected')
      pages.push(page)
    }
    const watcher = connectClient(e2e.server.syncUrl, id)
    const seen = () => [...watcher.provider.awareness.getStates().values()] as Seen[]
    const cursorOf = (name: string) => {
      const p = seen().find((s) => s.user?.name === name)?.p
      return Array.isArray(p) && typeof p[1] === 'number' && typeof p[2] === 'number' ? { x: p[1], y: p[2] } : undefined
    }

    try {
      // Everyone moves at once, each in its own circle, ending on its own point of one row.
      await Promise.all(pages.map(async (page, i) => {
        for (let k = 0; k < MOVES; k++) {
          const a = (k / 40) * Math.PI * 2
          await page.mouse.move(640 + 150 * Math.cos(a + i), 420 + 150 * Math.sin(a + i))
        }
        await page.mouse.move(300 + 100 * i, 600)
      }))

      // Each page's last position arrives: the final points are 100 px apart on one row, and all
      // pages have the same layout and an untouched camera, so page coordinates keep those offsets.
      await waitFor(() => {
        const c = names.map(cursorOf)
        return c.every((p) => p !== undefined) && c.every((p, i) => Math.abs(p!.x - c[0]!.x - 100 * i) < 0.5 && Math.abs(p!.y - c[0]!.y) < 0.5)
      }, "every page's last cursor", 20_000)

      for (const [i, page] of pages.entries()) {
        // Still connected, never told it was cut off.
        await waitForStatus(page, 'connected')
        expect(await byTestId(page, 'server-close').count()).toBe(0)
        // …and shows the others' named cursors.
        for (const other of names.filter((_, j) => j !== i)) {
          await page.locator('.tl-nametag, .tl-nametag-title', { hasText: other }).first().waitFor({ state: 'attached', timeout: 15_000 })
        }
      }
      expect(watcher.closeCodes).toEqual([])
    } finally {
      destroyAllClients()
    }
  })
})
