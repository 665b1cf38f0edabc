/**
 * A name with a rare character (𠮷 U+20BB7, CJK Extension B) is drawn with the font our server
 * serves, not left to the phone's fonts. This machine has Noto CJK installed and
 * would draw 𠮷 anyway, so the test proves that OUR face drew it: the chunk holding 𠮷 was requested
 * from our server, its FontFace is loaded, and Chromium reports (DevTools `CSS.getPlatformFontsForNode`)
 * that the name's text was drawn with a web font, not a system one. A page with no rare character
 * downloads no chunk at all; offline, the service worker's copy draws it.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { foreignRequests, waitForAsync } from '../helpers/browser.js'
import { setupTour } from '../helpers/tourE2e.js'
import { SCREENS } from '../helpers/tour.js'

const CHUNK = /\/fonts\/rare-han\/[0-9a-f]{12}\/\d+\.woff2$/

/** The fonts Chromium used to draw the text of the first element matching `selector`. */
async function platformFonts(page: Page, selector: string): Promise<{ familyName: string; isCustomFont: boolean; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 })
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
    return fonts
  } finally {
    await cdp.detach()
  }
}

describe('rare characters in names', () => {
  const e2e = setupTour()

  it('draws 𠮷 in 张𠮷 with the font our server serves, fetched only for that character', async () => {
    // A page with no rare character on screen downloads the stylesheet but no chunk (刘𠮷 is in the
    // project, but not on the board or in any open panel).
    const plain = await e2e.tour.open(e2e.browser, e2e.tour.people.organizer, SCREENS.laptop)
    await waitForAsync(plain.page, async () => {
      await document.fonts.ready
      return [...document.fonts].some((f) => f.family.replace(/["']/g, '') === 'CG Rare Han')
    }, undefined)
    expect(plain.requests.filter((url) => CHUNK.test(url))).toEqual([])
    await plain.context.close()

    const person = await e2e.tour.room.join(e2e.tour.people.resident.linkToken, '张𠮷', 'resident')
    const { page, context, requests } = await e2e.tour.open(e2e.browser, person, SCREENS.laptop)
    try {
      const name = page.locator('[data-testid="person"][data-self="true"] .person__name')
      await expect.poll(() => name.innerText(), { timeout: 20_000 }).toContain('张𠮷')

      // The face for 𠮷's chunk is loaded, from our server.
      const face = await waitForAsync(page, async () => {
        await document.fonts.ready
        const faces = [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'CG Rare Han')
        const loaded = faces.filter((f) => f.status === 'loaded')
        return faces.length > 30 && loaded.length > 0 ? { faces: faces.length, loaded: loaded.map((f) => f.unicodeRange) } : null
      }, undefined)
      expect(face.loaded.some((range) => /U\+20BB7\b/.test(range))).toBe(true)
      const chunks = requests.filter((url) => CHUNK.test(url))
      expect(chunks.length).toBeGreaterThan(0)
      // Only what the screen needs: the page shows one or two rare characters, not ~40 chunks' worth.
      expect(chunks.length).toBeLessThanOrEqual(2)
      expect(foreignRequests(requests, e2e.server.url)).toEqual([])

      // Drawn with that web font, not with a system font that happens to have it.
      const fonts = await platformFonts(page, '[data-testid="person"][data-self="true"] .person__name')
      expect(fonts).toEqual(expect.arrayContaining([expect.objectContaining({ isCustomFont: true, familyName: 'Noto Sans CJK SC', glyphCount: 1 })]))

      // …and it is a glyph, not tofu: its width differs from that of an unassigned code point.
      const widths = await page.evaluate(() => {
        const ctx = document.createElement('canvas').getContext('2d')!
        ctx.font = "32px 'CG Rare Han'"
        return { ji: ctx.measureText('\u{20BB7}').width, tofu: ctx.measureText('\u{2FFFD}').width }
      })
      expect(widths.ji).toBeGreaterThan(0)
      expect(widths.ji).not.toBe(widths.tofu)

      // Offline, once the service worker has kept the stylesheet and the chunk, a reload still has the face for 𠮷.
      const kept = [new URL(chunks[0]).pathname, '/fonts/rare-han.css']
      await waitForAsync(page, async (paths) => {
        for (const path of paths) if (!(await caches.match(path, { ignoreVary: true }))) return false
        return true
      }, kept, 30_000)
      // Race: the chunk can be in the cache while the worker is still installing (precaching the
      // shell); a reload before it is active goes to the network. Seen on a loaded machine.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
      await context.setOffline(true)
      await page.reload()
      const offline = await waitForAsync(page, async () => {
        const faces = [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'CG Rare Han')
        if (faces.length === 0) return null
        await document.fonts.load("16px 'CG Rare Han'", '\u{20BB7}')
        // Not yet (an empty list would end the wait): asked again until 𠮷's face is in.
        const ranges = faces.filter((f) => f.status === 'loaded').map((f) => f.unicodeRange)
        return ranges.some((range) => /U\+20BB7\b/.test(range)) ? ranges : null
      }, undefined)
      expect(offline.some((range) => /U\+20BB7\b/.test(range))).toBe(true)
    } finally {
      await context.close()
    }
  })
})
