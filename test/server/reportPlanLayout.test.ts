/**
 * The report's plan pages as a reader sees them, on A4 portrait and A3 landscape, read back with
 * poppler (pdftotext -bbox for the words and where they are, pdftoppm for the pixels): the agreed
 * option on a page of its own with its title, the legend of the needs it addresses, the scale bar and
 * the north arrow; the plan at least half the page's content box; the numbered pins where the needs
 * are (and none for a need pinned outside the frame); the board overview with the frame's name not
 * cut off; and no word outside its page.
 *
 * `npm run samples` runs this file with REPORT_SAMPLES=docs/samples: the two reports and a PNG of
 * each plan page are written there for readers of the docs.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { withOptionLegend } from '../../src/export/optionLegend'
import type { ReportPaper } from '../../src/shared/exportApi'
import { planPng } from '../helpers/png.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { pdfText, postReport, tempDir } from './exportTestKit.js'
import { addNeed, addOption, openRoom, type Room } from './participationTestKit.js'
import { uploadAsset } from './workflowTestKit.js'

/** The option's frame on the board, in canvas units (what the browser sends as optionBounds). */
const FRAME = { x: 200, y: 100, width: 1200, height: 900 }
const METRES_PER_UNIT = 0.05
const OPTION_TITLE = '方案甲：树荫下的长椅与路灯'
const FRAME_NAME = '方案甲'
/** The needs the option addresses, in this order, and where they are pinned; the last is outside the frame. */
const PINS = [
  { text: '长椅不够，老人没处歇脚', x: 500, y: 400 },
  { text: '晚上太黑，需要路灯', x: 1100, y: 700 },
  { text: '快递车乱停，挡住消防通道', x: 1650, y: 300 },
]

interface Word { text: string; xMin: number; yMin: number; xMax: number; yMax: number }
interface Page { width: number; height: number; words: Word[] }

/** Every page's size and words with their boxes (points, from the top left), from pdftotext -bbox. */
function pdfWords(file: string): Page[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
  return html.split('<page ').slice(1).map((chunk) => ({
    width: Number(/width="([\d.]+)"/.exec(chunk)![1]),
    height: Number(/height="([\d.]+)"/.exec(chunk)![1]),
    words: [...chunk.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)]
      .map((m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: unescape(m[5]) })),
  }))
}

interface Pixels { width: number; height: number; rgb: Buffer; dpi: number }

/** Page `n` (1-based) rendered by pdftoppm as raw RGB (PPM). */
function renderPage(file: string, n: number, dpi: number): Pixels {
  const out = path.join(path.dirname(file), `render-${n}-${dpi}`)
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(n), '-l', String(n), '-singlefile', file, out])
  const ppm = fs.readFileSync(`${out}.ppm`)
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!
  return { width: Number(header[1]), height: Number(header[2]), rgb: ppm.subarray(header[0].length), dpi }
}

const inkAt = (p: Pixels, x: number, y: number, limit: number) => {
  const i = (y * p.width + x) * 3
  return Math.min(p.rgb[i], p.rgb[i + 1], p.rgb[i + 2]) < limit
}

/**
 * The drawing's box on the page, in points: the longest run of rows more than half of whose pixels
 * are not white (no line of text is, nor the rule under a heading, which is one row; a plan is), and
 * the columns not white in more than half of those rows.
 */
function planBox(p: Pixels): { x: number; y: number; width: number; height: number } {
  let rows: number[] = []
  let run: number[] = []
  for (let y = 0; y < p.height; y++) {
    let n = 0
    for (let x = 0; x < p.width; x++) if (inkAt(p, x, y, 245)) n++
    if (n > p.width / 2) run.push(y)
    else if (run.length > 0) [rows, run] = [run.length > rows.length ? run : rows, []]
  }
  if (run.length > rows.length) rows = run
  expect(rows.length).toBeGreaterThan(10)
  const columns: number[] = []
  for (let x = 0; x < p.width; x++) {
    let n = 0
    for (const y of rows) if (inkAt(p, x, y, 245)) n++
    if (n > rows.length / 2) columns.push(x)
  }
  const pt = 72 / p.dpi
  const [top, bottom, left, right] = [rows[0], rows[rows.length - 1], columns[0], columns[columns.length - 1]]
  return { x: left * pt, y: top * pt, width: (right - left + 1) * pt, height: (bottom - top + 1) * pt }
}

/** The page's first word from the top. */
const topWord = (page: Page) => [...page.words].sort((a, b) => a.yMin - b.yMin)[0].text

async function ok(answer: Promise<{ status: number; body: Record<string, unknown> }>): Promise<Record<string, unknown>> {
  const res = await answer
  if (res.status !== 200 && res.status !== 201) throw new Error(`seed call failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

/** A project with a scale, three pinned needs, and an agreed option that addresses all three. */
async function seedPlan(server: TestServer): Promise<{ room: Room; optionId: string; planSrc: string }> {
  const room = await openRoom(server)
  await room.moveTo('needs')
  const needIds: string[] = []
  for (const pin of PINS) needIds.push(await addNeed(room, room.resident, pin.text, { x: pin.x, y: pin.y }))
  await room.moveTo('siteVisit')
  const upload = await uploadAsset(server.url, room.project.projectId, planPng(600, 450), room.expert.token)
  if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${JSON.stringify(upload.body)}`)
  await ok(room.call(room.organizer, 'PUT', '/scale', { metresPerUnit: METRES_PER_UNIT }))
  const optionId = await addOption(room, OPTION_TITLE, needIds)
  await room.moveTo('negotiate')
  await ok(room.call(room.organizer, 'PUT', '/quorum', { approvals: 1 }))
  await ok(room.call(room.committee, 'POST', '/approvals', { optionId }))
  await ok(room.call(room.organizer, 'POST', '/agreement', { optionId }))
  return { room, optionId, planSrc: upload.body.src as string }
}

/** The option's frame as the browser sends it: tldraw's export of the lone frame (its viewBox is the frame's page box), with the caption strip. */
function optionSvg(planSrc: string): { svg: string; aspect: number } {
  const { x, y, width, height } = FRAME
  const drawing = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${x} ${y} ${width} ${height}" style="background-color: #ffffff;width:${width}px;height:${height}px">
  <image x="${x}" y="${y}" width="${width}" height="${height}" preserveAspectRatio="none" href="${planSrc}"/>
  <g transform="matrix(1,0,0,1,420,330)"><rect width="220" height="60" rx="8" fill="#8d6e63" stroke="#4e342e" stroke-width="3"/></g>
  <g transform="matrix(1,0,0,1,1040,560)"><circle cx="60" cy="60" r="50" fill="#ffe066" stroke="#a07800" stroke-width="4"/></g>
  <path d="M${x + 80} ${y + 820} C ${x + 400} ${y + 700}, ${x + 700} ${y + 860}, ${x + 1100} ${y + 760}" fill="none" stroke="#1971c2" stroke-width="10"/>
  <text x="440" y="320" font-size="34" font-weight="bold" fill="#1d1d1d">树荫下的长椅区</text>
</svg>`
  const legend = withOptionLegend(drawing, { title: OPTION_TITLE, metresPerUnit: METRES_PER_UNIT, lengthLabel: (m) => `${m} 米` })
  return { svg: legend.svg, aspect: legend.width / legend.height }
}

/**
 * The whole board as tldraw exports it: the shapes' bounds padded by 16, so the frame's name — 12
 * units high, its middle 22 units above the frame, as tldraw draws it — falls outside.
 */
function boardSvg(planSrc: string): string {
  const { x, y, width, height } = FRAME
  const vb = { x: x - 16, y: y - 16, width: width + 16 + 300 + 16, height: height + 32 }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${vb.width}" height="${vb.height}" viewBox="${vb.x} ${vb.y} ${vb.width} ${vb.height}">
  <g transform="matrix(1,0,0,1,${x},${y})">
    <rect width="${width}" height="${height}" fill="#ffffff" stroke="#1d1d1d" stroke-width="1"/>
    <image width="${width}" height="${height}" preserveAspectRatio="none" href="${planSrc}"/>
    <g><rect x="-6" y="-30" width="${FRAME_NAME.length * 12 + 12}" height="24" rx="4" fill="#ffffff" stroke="#c4c4c4"/>
    <text x="0" y="-17" font-size="12" fill="#1d1d1d">${FRAME_NAME}</text></g>
  </g>
  <g transform="matrix(1,0,0,1,${x + width + 40},${y + 40})"><rect width="240" height="200" fill="#fff3bf"/><text x="20" y="60" font-size="28" fill="#1d1d1d">快递柜</text></g>
</svg>`
}

const PAPERS: { paper: ReportPaper; name: string }[] = [{ paper: 'a4-portrait', name: 'A4' }, { paper: 'a3-landscape', name: 'A3' }]

describe('the report\'s plan pages', () => {
  let server: TestServer
  let dir: string
  let seeded: Awaited<ReturnType<typeof seedPlan>>

  // A server per test, as in the other export tests: a report takes seconds to read back, and a
  // kept-alive connection the server closes after 5 s idle may be reused by fetch just as it goes.
  beforeEach(async () => {
    server = await startTestServer()
    dir = tempDir()
    seeded = await seedPlan(server)
  })

  afterEach(async () => {
    await server.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  for (const { paper, name } of PAPERS) {
    it(`${name}: the agreed plan fills its own page with its pins, legend, scale bar and north arrow; the overview is not cut`, async () => {
      const option = optionSvg(seeded.planSrc)
      // On A3 the organizer has said north is to the plan's right (the scale dialog): the arrow turns and
      // the note that north was taken as the top goes. On A4 north was never set.
      const northSet = paper !== 'a4-portrait'
      if (northSet) await ok(seeded.room.call(seeded.room.organizer, 'PUT', '/scale', { metresPerUnit: METRES_PER_UNIT, northDegrees: 90 }))
      const res = await postReport(server.url, seeded.room.project.projectId, seeded.room.committee.token, {
        lang: 'zh-CN', paper, optionSvg: option.svg, optionBounds: FRAME, boardSvg: boardSvg(seeded.planSrc),
      })
      expect(res.status).toBe(200)
      const pdf = new Uint8Array(await res.arrayBuffer())
      const file = path.join(dir, `report-${name}.pdf`)
      fs.writeFileSync(file, pdf)
      const pages = pdfWords(file)

      // Cover and timeline, the plan, the board overview, the record (needs, approvals).
      expect(pages).toHaveLength(4)
      for (const page of pages) {
        for (const word of page.words) {
          expect(word.xMin, word.text).toBeGreaterThanOrEqual(-0.5)
          expect(word.yMin, word.text).toBeGreaterThanOrEqual(-0.5)
          expect(word.xMax, word.text).toBeLessThanOrEqual(page.width + 0.5)
          expect(word.yMax, word.text).toBeLessThanOrEqual(page.height + 0.5)
        }
      }

      // Page 2: the plan, on a page of its own.
      const plan = pages[1]
      const texts = plan.words.map((w) => w.text)
      expect(topWord(plan)).toBe('定稿方案')
      expect(texts).toContain(OPTION_TITLE)
      // A legend line may wrap anywhere between two hanzi: read the page's words as one text.
      const flat = texts.join('')
      for (const pin of PINS) expect(flat).toContain(pin.text)
      expect(flat.split('（需求钉不在方案图范围内）')).toHaveLength(2)
      expect(flat).toContain('10米')
      expect(texts).toContain('北')
      if (northSet) expect(flat).not.toContain('按底图上方为北')
      else expect(texts).toContain('按底图上方为北')

      const pixels = renderPage(file, 2, 40)
      const box = planBox(pixels)
      // The drawing (frame and caption strip: the frame is as wide as the drawing) against the page's content box.
      const contentArea = (plan.width - 96) * (plan.height - 96)
      expect(box.width * (box.width / option.aspect) / contentArea).toBeGreaterThan(0.5)

      // Pins 1 and 2 where their needs are on the frame; none for 3, pinned outside it.
      const scale = box.width / FRAME.width
      const onPlan = (w: Word) => (w.xMin + w.xMax) / 2 > box.x && (w.xMin + w.xMax) / 2 < box.x + box.width &&
        (w.yMin + w.yMax) / 2 > box.y && (w.yMin + w.yMax) / 2 < box.y + box.height
      PINS.forEach((pin, i) => {
        const marks = plan.words.filter((w) => w.text === String(i + 1) && onPlan(w))
        if (pin.x > FRAME.x + FRAME.width) {
          expect(marks).toHaveLength(0)
          return
        }
        expect(marks).toHaveLength(1)
        const [mark] = marks
        expect(Math.abs((mark.xMin + mark.xMax) / 2 - (box.x + (pin.x - FRAME.x) * scale))).toBeLessThan(6)
        expect(Math.abs((mark.yMin + mark.yMax) / 2 - (box.y + (pin.y - FRAME.y) * scale))).toBeLessThan(6)
      })

      // Page 3: the board overview across the page (its frame is 1200 of its 1612 units, margin included),
      // and the frame's name inked, not cut off above the drawing.
      const board = pages[2]
      expect(topWord(board)).toBe('白板全图')
      const boardPixels = renderPage(file, 3, 150)
      expect(planBox(boardPixels).width).toBeGreaterThan((board.width - 96) * 0.7)
      const nameWord = board.words.find((w) => w.text === FRAME_NAME)!
      expect(nameWord).toBeDefined()
      const px = (v: number) => Math.round(v * boardPixels.dpi / 72)
      let inked = 0
      for (let y = px(nameWord.yMin); y <= px(nameWord.yMax); y++) {
        for (let x = px(nameWord.xMin); x <= px(nameWord.xMax); x++) if (inkAt(boardPixels, x, y, 128)) inked++
      }
      expect(inked).toBeGreaterThan(8)

      const out = process.env.REPORT_SAMPLES
      if (out) {
        fs.mkdirSync(out, { recursive: true })
        fs.writeFileSync(path.join(out, `report-${name}.pdf`), pdf)
        execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '2', '-l', '2', '-singlefile', file, path.join(out, `report-${name}-plan`)])
      }
    })
  }

  it('without the frame\'s bounds, lists the needs with no pins on the plan, and says why', async () => {
    const res = await postReport(server.url, seeded.room.project.projectId, seeded.room.organizer.token, {
      lang: 'en', optionSvg: optionSvg(seeded.planSrc).svg,
    })
    expect(res.status).toBe(200)
    const text = pdfText(new Uint8Array(await res.arrayBuffer()), dir).replace(/\s+/g, ' ')
    for (const pin of PINS) expect(text).toContain(pin.text)
    expect(text).toContain('Needs the option addresses (numbered on the plan)')
    expect(text).toContain('North as the plan\'s top')
    expect(text).toContain('was not sent with this export (or does not fit its drawing), so the needs are not marked on the drawing.')
    expect(text).not.toContain('(pinned outside this drawing)')
  })

  it('refuses bounds that are not a box on the board with 400 invalid_optionBounds', async () => {
    for (const optionBounds of [[1, 2, 3, 4], { x: 0, y: 0, width: 0, height: 10 }, { x: 0, y: 0, width: 10 }, { x: '0', y: 0, width: 10, height: 10 },
      { x: 0, y: 0, width: 1e12, height: 10 }, { x: 0, y: 0, width: 10, height: 10, z: 1 }, 'big']) {
      const res = await postReport(server.url, seeded.room.project.projectId, seeded.room.organizer.token, { optionBounds })
      expect(res.status, JSON.stringify(optionBounds)).toBe(400)
      expect(await res.json()).toMatchObject({ code: 'invalid_optionBounds' })
    }
  })
})
