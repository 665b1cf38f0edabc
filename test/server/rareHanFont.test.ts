/**
 * The rare-character fallback font (server/fonts/rareHan.ts, server/http/fontRoutes.ts): our server
 * serves the stylesheet and small chunks that really hold the glyphs their `unicode-range` promises,
 * refuses anything else, and makes subsets of any text for the PDF report.
 */
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RareHanFont, unicodeRange } from '../../server/fonts/rareHan.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'

const require = createRequire(import.meta.url)
const fontkit = require('fontkit') as { create(b: Buffer): { characterSet: number[]; hasGlyphForCodePoint(cp: number): boolean } }

const JI = 0x20bb7 // 𠮷, as in 刘𠮷

/** The code points of one `unicode-range` value. */
function rangeCodePoints(range: string): number[] {
  return range.split(',').flatMap((part) => {
    const [a, b] = part.trim().replace(/^U\+/, '').split('-').map((h) => parseInt(h, 16))
    return Array.from({ length: (b ?? a) - a + 1 }, (_, i) => a + i)
  })
}

describe('the rare-character font', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server.stop()
  })

  it('serves a stylesheet whose chunks hold exactly the characters their unicode-range names, 𠮷 among them', async () => {
    const res = await fetch(`${server.url}/fonts/rare-han.css`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8')
    const css = await res.text()
    const rules = [...css.matchAll(/src: url\('([^']+)'\) format\('woff2'\);\s*font-display: swap;\s*unicode-range: ([^;]+);/g)]
      .map((m) => ({ url: m[1], codePoints: rangeCodePoints(m[2]) }))
    expect(rules.length).toBeGreaterThan(30)
    // Only the supplementary ideographic planes: nothing a phone already draws is taken over.
    expect(rules.flatMap((r) => r.codePoints).every((cp) => cp >= 0x20000 && cp <= 0x3ffff)).toBe(true)
    const withJi = rules.filter((r) => r.codePoints.includes(JI))
    expect(withJi).toHaveLength(1)

    const chunk = await fetch(server.url + withJi[0].url)
    expect(chunk.status).toBe(200)
    expect(chunk.headers.get('content-type')).toBe('font/woff2')
    expect(chunk.headers.get('cache-control')).toContain('immutable')
    const bytes = Buffer.from(await chunk.arrayBuffer())
    // Small: one chunk, not the whole font.
    expect(bytes.length).toBeLessThan(40_000)
    const font = fontkit.create(bytes)
    expect(font.hasGlyphForCodePoint(JI)).toBe(true)
    expect([...new Set(font.characterSet)].sort((a, b) => a - b)).toEqual(withJi[0].codePoints)

    // Revalidation is cheap.
    const again = await fetch(`${server.url}/fonts/rare-han.css`, { headers: { 'If-None-Match': res.headers.get('etag')! } })
    expect(again.status).toBe(304)
  })

  it('serves no font for any other URL: an old version, a chunk that does not exist, a path', async () => {
    const css = await (await fetch(`${server.url}/fonts/rare-han.css`)).text()
    const url = /url\('([^']+)'\)/.exec(css)![1]
    const version = url.split('/')[3]
    for (const path of [
      `/fonts/rare-han/000000000000/0.woff2`,
      `/fonts/rare-han/${version}/9999.woff2`,
      `/fonts/rare-han/${version}/0.ttf`,
      `/fonts/rare-han/${version}/-1.woff2`,
      `/fonts/rare-han/${version}/%2e%2e%2fNotoSansCJKsc-RareHan.woff2`,
      `/fonts/NotoSansCJKsc-RareHan.woff2`,
    ]) {
      const res = await fetch(server.url + path)
      // An encoded separator is refused before routing (400, server/http/requestPath.ts).
      expect([400, 404], path).toContain(res.status)
      expect(res.headers.get('content-type'), path).not.toBe('font/woff2')
    }
  })

  it('makes a subset of any text for the PDF report: only the rare characters it has', async () => {
    const font = RareHanFont.shipped()
    expect(font.covers(JI)).toBe(true)
    const subset = await font.subsetFor('刘𠮷委员，𠮷')
    expect(subset).not.toBeNull()
    expect([...new Set(fontkit.create(subset!).characterSet)]).toEqual([JI])
    expect(await font.subsetFor('刘委员 Page 1')).toBeNull()
  })

  it('folds consecutive code points into ranges', () => {
    expect(unicodeRange([0x20000, 0x20001, 0x20002, 0x20bb7, 0x2a6d6])).toBe('U+20000-20002,U+20BB7,U+2A6D6')
  })
})
