/**
 * Design options live on the plan, in real Chromium against the real server: an
 * option made before the plan was on the board gets it when saved again while its frame is empty; an
 * expert making 方案 A gets a frame the size of the base plan holding a locked copy of the plan,
 * draws inside it and measures there at the plan's scale; 方案 B gets its own copy, and switching between A and B ("show me") puts each over
 * the same site at the same place on screen. The organizer's export of the option — SVG, PNG and the
 * PDF report — draws it with the plan beneath, its title and a scale bar. A bigger new plan
 * resizes the options' copies and frames with it, and moves the frames apart.
 */
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import { afterAll, describe, expect, it } from 'vitest'
import type { Download, Page } from 'playwright-core'
import { foreignRequests } from '../helpers/browser.js'
import { byTestId, DESKTOP, enterNameIfAsked, joinByLink, setupE2e, waitForStage, waitForStatus } from '../helpers/e2e.js'
import { planPng } from '../helpers/png.js'
import { storedDoc } from '../server/syncTestKit.js'
import { pdfImages, pdfText, tempDir } from '../server/exportTestKit.js'
import { api, createLink, createProject, moveStage, uploadAsset } from '../server/workflowTestKit.js'

const PLAN = { width: 1600, height: 1000 }
/** 0.04 m per canvas unit: 30 % of the 1600-unit frame is 19.2 m, so the bar is a round 10 m. */
const METRES_PER_UNIT = 0.04

type Rec = Record<string, unknown> & { id: string; parentId?: string; type?: string; x?: number; y?: number }

async function openPanel(page: Page, tab: string) {
  await page.getByTestId('participation-panel').waitFor()
  if ((await page.getByTestId(`tab-${tab}`).count()) === 0) await page.getByTestId('participation-toggle').click()
  await page.getByTestId(`tab-${tab}`).click()
}

/** A shape's on-screen box once the camera has stopped moving (two equal reads in a row). */
async function settledBox(page: Page, shapeId: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const shape = page.locator(`.tl-shape:not(.tl-shape-background)[data-shape-id="${shapeId}"]`)
  let last = ''
  for (let i = 0; i < 60; i++) {
    const box = await shape.boundingBox()
    const now = JSON.stringify(box)
    if (box && now === last) return box
    last = now
    await page.waitForTimeout(150)
  }
  throw new Error(`${shapeId} never settled on screen`)
}

async function download(page: Page, testId: string): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByTestId(testId).click()])
  return { file, bytes: await fsp.readFile(await file.path()) }
}

describe('design options over the site plan', () => {
  const e2e = setupE2e()
  const dir = tempDir()
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('gives each option a plan-sized frame with the plan inside, shows A and B over the same site, and exports them with plan, title and scale bar', async () => {
    const url = e2e.server.url
    const project = await createProject(url)
    const upload = await uploadAsset(url, project.projectId, planPng(PLAN.width, PLAN.height), project.organizerToken)
    expect(upload.status).toBe(201)
    const call = (method: string, path: string, body: unknown) =>
      api(url, method, `/api/projects/${project.projectId}${path}`, { token: project.organizerToken, body })
    expect((await call('PUT', '/base-plan', { src: upload.body.src, width: PLAN.width, height: PLAN.height })).status).toBe(200)
    expect((await call('PUT', '/scale', { metresPerUnit: METRES_PER_UNIT })).status).toBe(200)

    const records = async () => {
      const { doc } = await storedDoc(e2e.server.running.storage, project.projectId)
      return new Map(doc.getArray<{ key: string; val: Rec }>('records').toArray().map((e) => [e.key, e.val]))
    }

    expect((await moveStage(url, project, 'organize', 'needs')).status).toBe(200)
    expect((await moveStage(url, project, 'needs', 'siteVisit')).status).toBe(200)
    const exp = await e2e.open(DESKTOP)
    await joinByLink(exp.page, `${url}/join/${project.projectId}#${(await createLink(url, project, 'expert')).token}`, '张工')
    await waitForStage(exp.page, 'siteVisit')
    await openPanel(exp.page, 'options')

    const saveOption = async (title: string) => {
      await exp.page.getByTestId('option-title').fill(title)
      await exp.page.getByTestId('option-save').click()
      await byTestId(exp.page, 'option-item').filter({ hasText: title }).waitFor({ timeout: 20_000 })
      const state = await api(url, 'GET', `/api/projects/${project.projectId}/participation`, { token: project.organizerToken })
      return (state.body.options as Array<{ id: string; title: string; frameShapeId: string }>).find((o) => o.title === title)!
    }
    /** The option's frame and the plan copy in it, once both are stored. */
    const frameWithCopy = async (option: { frameShapeId: string }) => {
      let copy: Rec | undefined
      let frame: Rec | undefined
      await expect.poll(async () => {
        const all = await records()
        frame = all.get(option.frameShapeId)
        copy = [...all.values()].find((r) => r.parentId === option.frameShapeId && r.type === 'image')
        return Boolean(frame && copy)
      }, { timeout: 20_000 }).toBe(true)
      return { frame: frame!, copy: copy! }
    }
    const makeOption = async (title: string) => {
      await exp.page.getByTestId('create-option').click()
      const option = await saveOption(title)
      return { option, ...(await frameWithCopy(option)) }
    }

    // — Before the organizer has put the plan on the board, an option gets an empty frame of the old size —
    await exp.page.getByTestId('create-option').click()
    const early = await saveOption('方案 Z')
    await expect.poll(async () => (await records()).get(early.frameShapeId)?.props, { timeout: 20_000 }).toMatchObject({ w: 1600, h: 1100 })

    // The organizer's client puts the base plan on the board.
    const org = await e2e.open(DESKTOP)
    await org.page.goto(`${url}/join/${project.projectId}#${project.organizerToken}`)
    await org.page.getByTestId('join-name').fill('王老师')
    await org.page.getByTestId('join-submit').click()
    await org.page.waitForURL(new RegExp(`/p/${project.projectId}$`), { timeout: 20_000 })
    await enterNameIfAsked(org.page, '王老师')
    await waitForStatus(org.page, 'connected')
    await org.page.locator('.tl-shape[data-shape-id="shape:baseplan"]').waitFor({ timeout: 30_000 })
    // The page draws the shape as soon as its own client made it; the server stores it a moment later.
    await expect.poll(async () => (await records()).get('shape:baseplan')?.props, { timeout: 20_000 }).toMatchObject({ w: PLAN.width, h: PLAN.height })
    const basePlan = (await records()).get('shape:baseplan')!

    // The organizer draws the scale line and says north is to the plan's right (the report's arrow).
    await org.page.getByTestId('tool-scale').click()
    await org.page.mouse.move(500, 400)
    await org.page.mouse.down()
    await org.page.mouse.move(700, 400, { steps: 8 })
    await org.page.mouse.up()
    await org.page.getByTestId('scale-length-input').fill('20')
    await byTestId(org.page, 'north-choice', '[data-degrees="90"]').click()
    expect(await byTestId(org.page, 'north-choice', '[data-degrees="90"]').getAttribute('aria-pressed')).toBe('true')
    if (process.env.OPTIONS_SHOTS) await org.page.screenshot({ path: `${process.env.OPTIONS_SHOTS}/scale-dialog.png` })
    await org.page.getByTestId('scale-submit').click()
    await org.page.getByTestId('scale-length-input').waitFor({ state: 'detached' })
    expect((await call('GET', '', undefined)).body).toMatchObject({ project: { scale: { northDegrees: 90 } } })
    // The scale bar below is checked at a known scale: set it again without north, which keeps north.
    expect((await call('PUT', '/scale', { metresPerUnit: METRES_PER_UNIT })).body).toMatchObject({ project: { scale: { metresPerUnit: METRES_PER_UNIT, northDegrees: 90 } } })

    // Saving that option again gives its still-empty frame the plan, at the plan's size, overlapping nothing.
    await exp.page.locator('.tl-shape[data-shape-id="shape:baseplan"]').waitFor({ state: 'attached', timeout: 20_000 })
    await byTestId(exp.page, 'option-item', `[data-option-id="${early.id}"]`).getByTestId('option-edit').click()
    await saveOption('方案 Z')
    const z = await frameWithCopy(early)
    expect(z.frame.props).toMatchObject({ w: PLAN.width, h: PLAN.height })
    expect(z.frame.x!).toBeGreaterThan((basePlan.x as number) + PLAN.width)
    expect(z.frame.y).toBe(basePlan.y)

    // — 方案 A: a frame the plan's size, beside the plan, with the plan's own image inside, locked —
    const a = await makeOption('方案 A')
    expect(a.frame.props).toMatchObject({ w: PLAN.width, h: PLAN.height, name: '方案 A' })
    expect(a.frame.y).toBe(basePlan.y)
    expect(a.frame.x!).toBeGreaterThan((basePlan.x as number) + PLAN.width)
    expect(a.copy).toMatchObject({ x: 0, y: 0, isLocked: true, meta: { cgPlanCopy: true }, props: { assetId: 'asset:baseplan', w: PLAN.width, h: PLAN.height } })

    // The expert draws in it: the stroke lands inside option A's frame, above the plan copy, and is kept.
    const frameA = await settledBox(exp.page, a.option.frameShapeId)
    const cx = frameA.x + frameA.width / 2
    const cy = frameA.y + frameA.height / 2
    await exp.page.mouse.click(cx, cy)
    await exp.page.keyboard.press('Escape')
    await exp.page.keyboard.press('d')
    await exp.page.mouse.move(cx - 60, cy)
    await exp.page.mouse.down()
    for (const [dx, dy] of [[-20, 30], [20, 50], [60, 20]]) await exp.page.mouse.move(cx + dx, cy + dy, { steps: 8 })
    await exp.page.mouse.up()
    let stroke: Rec | undefined
    await expect.poll(async () => {
      stroke = [...(await records()).values()].find((r) => r.type === 'draw')
      return stroke?.parentId
    }, { timeout: 20_000 }).toBe(a.option.frameShapeId)
    expect(String(stroke!.index) > String(a.copy.index)).toBe(true)
    await org.page.locator(`.tl-shape[data-shape-id="${stroke!.id}"]`).waitFor({ state: 'attached', timeout: 20_000 })
    expect(await exp.page.getByTestId('refused').count()).toBe(0)

    // The measure tool reads the plan's scale inside the option: 40 % of the plan's height is 400
    // canvas units there as on the plan, 16 m at 0.04 m per unit.
    await exp.page.keyboard.press('Escape')
    await exp.page.getByTestId('tool-measure').click()
    const mx = frameA.x + frameA.width * 0.6
    await exp.page.mouse.move(mx, frameA.y + frameA.height * 0.1)
    await exp.page.mouse.down()
    await exp.page.mouse.move(mx, frameA.y + frameA.height * 0.5, { steps: 10 })
    await exp.page.mouse.up()
    const measured = Number(await byTestId(exp.page, 'measure-readout', '[data-metres]').getAttribute('data-metres', { timeout: 10_000 }))
    expect(Math.abs(measured - 0.4 * PLAN.height * METRES_PER_UNIT)).toBeLessThan(0.3)
    await exp.page.getByTestId('measure-exit').click()

    // — 方案 B: its own frame and copy, beside A —
    await exp.page.keyboard.press('v')
    const b = await makeOption('方案 B')
    expect(b.frame.props).toMatchObject({ w: PLAN.width, h: PLAN.height })
    expect(b.frame.x!).toBeGreaterThan(a.frame.x! + PLAN.width)
    expect(b.copy.props).toMatchObject({ assetId: 'asset:baseplan', w: PLAN.width, h: PLAN.height })

    // — Switching between them: each over the same site, at the same place and size on screen —
    const look = async (optionId: string) => {
      await byTestId(exp.page, 'option-item', `[data-option-id="${optionId}"]`).getByTestId('option-look').click()
    }
    await look(a.option.id)
    const seenA = await settledBox(exp.page, a.copy.id)
    await look(b.option.id)
    const seenB = await settledBox(exp.page, b.copy.id)
    const frameB = await settledBox(exp.page, b.option.frameShapeId)
    for (const k of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs(seenB[k] - seenA[k])).toBeLessThanOrEqual(2)
      // B's plan fills B's frame: the option is drawn over the whole site.
      expect(Math.abs(frameB[k] - seenB[k])).toBeLessThanOrEqual(2)
    }
    expect(seenB.width).toBeGreaterThan(300)
    // What is on screen there now is option B's plan, not A's (A's frame is off to the left).
    const atCentre = await exp.page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('.tl-shape')?.getAttribute('data-shape-id') ?? null,
      [seenB.x + seenB.width / 2, seenB.y + seenB.height / 2] as const)
    expect([b.copy.id, b.option.frameShapeId]).toContain(atCentre)
    if (process.env.OPTIONS_SHOTS) await exp.page.screenshot({ path: `${process.env.OPTIONS_SHOTS}/screen-b.png` })
    await look(a.option.id)
    await settledBox(exp.page, a.copy.id)
    if (process.env.OPTIONS_SHOTS) await exp.page.screenshot({ path: `${process.env.OPTIONS_SHOTS}/screen-a.png` })

    // — The organizer exports option A: plan, title, scale bar —
    await org.page.getByTestId('open-export').click()
    await org.page.getByTestId('export-dialog').waitFor()
    await org.page.getByTestId('export-option').selectOption(a.option.id)
    const svg = await download(org.page, 'export-svg-option')
    if (process.env.OPTIONS_SHOTS) fs.writeFileSync(`${process.env.OPTIONS_SHOTS}/option-a.svg`, svg.bytes)
    const parsed = await org.page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
      const root = doc.documentElement
      const hrefs = Array.from(root.querySelectorAll('image')).map((i) => i.getAttribute('href') ?? i.getAttribute('xlink:href') ?? '')
      return {
        error: doc.getElementsByTagName('parsererror').length,
        width: Number(root.getAttribute('width')),
        height: Number(root.getAttribute('height')),
        plans: hrefs.filter((h) => h.startsWith('data:image/png')).length,
        title: root.querySelector('[data-cg-option-title]')?.textContent ?? '',
        bar: root.querySelector('[data-cg-scale-bar]')?.textContent ?? '',
        metres: root.querySelector('[data-cg-scale-bar]')?.getAttribute('data-metres'),
        units: Number(root.querySelector('[data-cg-scale-bar]')?.getAttribute('data-units')),
        draft: root.querySelector('[data-cg-draft-mark]')?.textContent ?? '',
      }
    }, svg.bytes.toString('utf8'))
    expect(parsed).toMatchObject({ error: 0, title: '方案 A', bar: '10 米', metres: '10' })
    expect(parsed.plans).toBeGreaterThanOrEqual(1)
    // 10 m at 0.04 m per unit is 250 canvas units: the same scale as the plan.
    expect(parsed.units).toBe(250)
    // The frame is the plan's size; the caption strip is added below it.
    expect(parsed.width).toBe(PLAN.width)
    expect(parsed.height).toBeGreaterThan(PLAN.height)
    expect(parsed.draft).toContain('草稿')

    const png = await download(org.page, 'export-png-option')
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
    expect(png.bytes.readUInt32BE(20)).toBeGreaterThan(2 * PLAN.height)
    if (process.env.OPTIONS_SHOTS) fs.writeFileSync(`${process.env.OPTIONS_SHOTS}/option-a.png`, png.bytes)

    const reportRequest = org.page.waitForRequest((r) => r.url().endsWith('/export/report'))
    const pdf = await download(org.page, 'export-pdf')
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    if (process.env.OPTIONS_SHOTS) fs.writeFileSync(`${process.env.OPTIONS_SHOTS}/report.pdf`, pdf.bytes)
    // The frame's place on the board goes with its drawing (for the needs' pins): the plan's size.
    expect(JSON.parse((await reportRequest).postData() ?? '{}').optionBounds).toMatchObject({ width: PLAN.width, height: PLAN.height })
    const text = pdfText(new Uint8Array(pdf.bytes), dir)
    expect(text).toContain('方案 A')
    // pdftotext may drop the space between a number and a hanzi.
    expect(text).toMatch(/10\s*米/)
    // The project has a scale and north was said: the plan page has a north arrow, without the note that
    // north was taken as the plan's top.
    expect(text).toContain('北')
    expect(text).not.toContain('按底图上方为北')
    expect(pdfImages(new Uint8Array(pdf.bytes), dir).length).toBeGreaterThanOrEqual(1)
    // A report written in English labels the bar in English, whatever the interface's language.
    await org.page.getByTestId('export-lang').selectOption('en')
    const pdfEn = await download(org.page, 'export-pdf')
    expect(pdfText(new Uint8Array(pdfEn.bytes), dir)).toMatch(/\b10 m\b/)
    expect(await org.page.getByTestId('export-error').count()).toBe(0)
    expect(foreignRequests(org.requests, url)).toEqual([])
    expect(foreignRequests(exp.requests, url)).toEqual([])
    await org.page.keyboard.press('Escape')

    // — The organizer replaces the plan with a bigger one: the options show the new plan, unstretched,
    // and their frames move apart so that none overlaps the plan or another —
    const NEW = { width: 1900, height: 1200 }
    const next = await uploadAsset(url, project.projectId, planPng(NEW.width, NEW.height), project.organizerToken)
    expect((await call('PUT', '/base-plan', { src: next.body.src, width: NEW.width, height: NEW.height })).status).toBe(200)
    const frameIds = [early.frameShapeId, a.option.frameShapeId, b.option.frameShapeId]
    await expect.poll(async () => {
      const all = await records()
      return [z.copy.id, a.copy.id, b.copy.id, ...frameIds].map((id) => {
        const p = all.get(id)?.props as { w: number; h: number } | undefined
        return p ? `${p.w}×${p.h}` : 'gone'
      })
    }, { timeout: 20_000 }).toEqual(Array(6).fill(`${NEW.width}×${NEW.height}`))
    const after = await records()
    const lefts = [after.get('shape:baseplan')!, ...frameIds.map((id) => after.get(id)!)].map((r) => r.x as number).sort((p, q) => p - q)
    for (let i = 1; i < lefts.length; i++) expect(lefts[i] - lefts[i - 1]).toBeGreaterThanOrEqual(NEW.width + 200)
  }, 240_000)
})
