/**
 * Every character people can type prints in the PDF report: rare characters (CJK Extension B and
 * beyond) and emoji come from the fallback fonts we ship (server/export/reportFonts.ts), as real
 * glyphs with their text under pdftotext; what no font has is named in the answer, not hidden.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { pdfText, postReport, tempDir } from './exportTestKit.js'
import { addNeed, addOption, openRoom } from './participationTestKit.js'
import { createRequire } from 'node:module'
import { hanaMinFileFor } from '../../server/fonts/hanaMin.js'
import { HANAMIN_RANGES, HANAMIN_VERSION } from '../../server/fonts/hanaMinIndex.js'

const require = createRequire(import.meta.url)

/**
 * 𠮷 U+20BB7 (Extension B), 𫟦 U+2B7E6 (D), 𬌗 U+2C317 (E), 𰻝 U+30EDD (G): in Noto Sans CJK; 𪚥 U+2A6A5
 * (Extension B) only in HanaMin; emoji, one of them a ZWJ sequence and one a flag.
 */
const RARE_NAME = '刘𠮷委员'
const NEED = '树下放长椅🌳，老人点赞👍；𬌗家门口的𫟦路灯，𰻝𰻝面馆，王𪚥家'
// Short enough for one line of the needs table's narrow "addressed by" column.
const OPTION = '树荫座椅 🌲'
const FAMILY = '👨‍👩‍👧 一家人都来 🇨🇳'

function pdffonts(pdf: Uint8Array, dir: string): string[][] {
  const file = path.join(dir, `f${Math.random().toString(36).slice(2)}.pdf`)
  fs.writeFileSync(file, pdf)
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' })
  // name, type (two words or one), encoding, emb, sub, uni, object ID: read from the right.
  return out.split('\n').slice(2).filter((l) => l.trim() !== '').map((l) => l.trim().split(/\s+/))
}

describe('the PDF report prints every character people type', () => {
  let server: TestServer
  let dir: string
  let projectId: string
  let token: string

  beforeAll(async () => {
    server = await startTestServer()
    dir = tempDir()
    const room = await openRoom(server)
    projectId = room.project.projectId
    const rare = await room.join(room.committee.linkToken, RARE_NAME, 'committee')
    await room.moveTo('needs')
    const need = await addNeed(room, rare, NEED)
    await addNeed(room, room.resident, FAMILY)
    await room.moveTo('siteVisit')
    // The table of needs names the options that address each.
    await addOption(room, OPTION, [need])
    token = rare.token
  })

  afterAll(async () => {
    await server.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('draws rare characters and emoji with the shipped fallback fonts, as text pdftotext reads back', async () => {
    // The board drawing's labels (SVG <text>, as the browser sends them) carry such characters too.
    const boardSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">
  <text x="20" y="60" font-size="20">老槐树🌳 &amp; 𬌗石凳𪚥</text>
  <text x="20" y="120" font-size="20" font-weight="bold"><tspan>问</tspan><tspan>𠮷祥👍</tspan></text>
</svg>`
    const res = await postReport(server.url, projectId, token, { lang: 'zh-CN', paper: 'a4-portrait', boardSvg })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-missing-characters')).toBe('')
    const pdf = new Uint8Array(await res.arrayBuffer())
    if (process.env.EXPORT_TEST_KEEP) fs.writeFileSync(process.env.EXPORT_TEST_KEEP, pdf)
    // pdftotext may put a line break where a table cell wraps; the emoji selector (U+FE0F) has no glyph of its own.
    const text = pdfText(pdf, dir).replace(/\uFE0F/g, '')
    expect(text).toContain(RARE_NAME)
    for (const piece of ['老槐树🌳 & 𬌗石凳𪚥', '问𠮷祥👍', '王𪚥家', '树下放长椅🌳', '老人点赞👍', '𬌗家门口的𫟦路灯', '𰻝𰻝面馆', '树荫座椅 🌲', '👨‍👩‍👧', '🇨🇳']) expect(text).toContain(piece)

    const fonts = pdffonts(pdf, dir)
    const names = fonts.map((f) => f[0])
    // Every font is embedded as a subset with a ToUnicode map (emb, sub, uni: the three yes/no columns before the object id).
    for (const f of fonts) expect(f.slice(-5, -2), f.join(' ')).toEqual(['yes', 'yes', 'yes'])
    expect(names.some((n) => /NotoSansSC/.test(n))).toBe(true)
    expect(names.some((n) => /NotoEmoji/.test(n))).toBe(true)
    // The rare characters come from Noto Sans CJK (the shipped fallback), not from a system font.
    expect(names.some((n) => /NotoSansCJK/.test(n))).toBe(true)
    // What Noto has not, HanaMin has: 𪚥 is drawn from it (a cut of the one file of it that holds 𪚥).
    expect(names.filter((n) => /HanaMin/.test(n))).toHaveLength(1)
  })

  it('names the characters no shipped font has, so the person exporting is told', async () => {
    const room = await openRoom(server)
    await room.moveTo('needs')
    // U+13000 (an Egyptian hieroglyph) is in no font we ship.
    await addNeed(room, room.resident, '门口 \u{13000} 这个记号')
    const res = await postReport(server.url, room.project.projectId, room.committee.token, { lang: 'zh-CN', paper: 'a4-portrait' })
    expect(res.status).toBe(200)
    expect(decodeURIComponent(res.headers.get('x-missing-characters') ?? 'absent')).toBe('\u{13000}')
    expect(pdfText(new Uint8Array(await res.arrayBuffer()), dir)).toContain('这个记号')
  })

  it('finds the HanaMin file of a character from an index that matches the installed package', () => {
    const dir = path.dirname(require.resolve('hanamin/package.json'))
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version, 'run server/fonts/makeHanaMinIndex.mjs').toBe(HANAMIN_VERSION)
    const fontkit = require('fontkit') as { create(b: Buffer): { hasGlyphForCodePoint(cp: number): boolean } }
    // The first and last character of the index, 𪚥, and one from each end of a file in between.
    const [first] = HANAMIN_RANGES[0]
    const last = HANAMIN_RANGES.at(-1)?.[1] ?? 0
    const middle = HANAMIN_RANGES[HANAMIN_RANGES.length >> 1]
    for (const cp of [first, last, 0x2a6a5, middle[0], middle[1]]) {
      const file = hanaMinFileFor(cp)
      expect(file, cp.toString(16)).toBeDefined()
      expect(fontkit.create(fs.readFileSync(path.join(dir, file ?? ''))).hasGlyphForCodePoint(cp), `${cp.toString(16)} in ${file}`).toBe(true)
    }
    // Basic-plane Chinese is Noto's; Extension H (𱍐) is in no font we ship.
    expect(hanaMinFileFor(0x4e2d)).toBeUndefined()
    expect(hanaMinFileFor(0x31350)).toBeUndefined()
  })
})
