import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import {
  NEED_BENCH, NEED_LIGHT, noisyJpeg, pdfImages, pdfPages, pdfText, postReport, PROJECT_NAME, renderFirstPage, seedProject,
  tempDir, variantJpeg,
} from './exportTestKit.js'
import { uploadAsset } from './workflowTestKit.js'

/** An option drawing the way the browser sends it: shapes, <text> lines, and a photo by its asset URL. */
function optionSvg(photoSrc: string, extraImages = ''): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="300" viewBox="0 0 400 300">
  <rect x="10" y="10" width="380" height="280" fill="none" stroke="#333" stroke-width="2"/>
  <path d="M40 250 L200 60 L360 250 Z" fill="#9fd3a8" stroke="#2f6f3e"/>
  <text x="60" y="40" font-size="18" font-weight="bold" fill="#111">树荫下的长椅区</text>
  <image x="250" y="180" width="120" height="90" href="${photoSrc}"/>
  ${extraImages}
</svg>`
}

describe('PDF report', () => {
  let server: TestServer
  let dir: string

  beforeEach(async () => {
    server = await startTestServer()
    dir = tempDir()
  })

  afterEach(async () => {
    await server.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('holds the project, needs, vote counts and approvers as real Chinese text, and page 1 renders', async () => {
    const s = await seedProject(server)
    const res = await postReport(server.url, s.room.project.projectId, s.room.committee.token, {
      lang: 'zh-CN', paper: 'a4-portrait', optionSvg: optionSvg(s.photoSrc), boardSvg: optionSvg(s.photoSrc),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`${PROJECT_NAME}-方案报告-A4.pdf`)}`)
    const pdf = new Uint8Array(await res.arrayBuffer())
    if (process.env.EXPORT_TEST_KEEP) fs.writeFileSync(process.env.EXPORT_TEST_KEEP, pdf)
    const text = pdfText(pdf, dir)
    for (const expected of [PROJECT_NAME, '学林苑 3 号楼南侧', NEED_BENCH, NEED_LIGHT, '方案 A：树下座椅', '树荫下的长椅区',
      '刘主任', '张委员', '王老师', '座椅要有靠背和扶手', '已改成带靠背和扶手的长椅', '座椅能不能放在树荫下？',
      '收集需求 → 专家实地察', `/p/${s.room.project.projectId}`]) {
      expect(text).toContain(expected)
    }
    // Vote counts (pdftotext drops the space between a number and a hanzi).
    expect(text).toMatch(/3\s*票/)
    expect(text).toMatch(/1\s*票/)
    // Agreed: no draft mark.
    expect(text).not.toContain('草稿')
    // The photo of the drawing is embedded (once, though both drawings show it), and the font is a subset.
    expect(pdfImages(pdf, dir)).toHaveLength(1)
    const png = renderFirstPage(pdf, dir)
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
  })

  it('marks every page "草稿 draft" before Agreed, in English on A3 landscape, without drawings', async () => {
    const s = await seedProject(server, 'negotiate')
    const res = await postReport(server.url, s.room.project.projectId, s.room.organizer.token, { lang: 'en', paper: 'a3-landscape' })
    expect(res.status).toBe(200)
    const pdf = new Uint8Array(await res.arrayBuffer())
    const text = pdfText(pdf, dir)
    const pages = pdfPages(pdf, dir)
    expect(pages).toBeGreaterThan(1)
    // Each page carries the big mark and the small one in its corner.
    expect(text.split('草稿 draft').length - 1).toBeGreaterThanOrEqual(pages)
    for (const expected of ['Stage timeline', 'Vote results', 'Current approvals', '刘主任', '张委员', NEED_BENCH,
      '(No drawing of the option was attached to this export.)']) {
      expect(text).toContain(expected)
    }
    renderFirstPage(pdf, dir)
  })

  it('never reads local files or foreign URLs named in an SVG, and still builds the report', async () => {
    const s = await seedProject(server)
    const projectId = s.room.project.projectId
    const assetFile = s.photoSrc.split('/').pop()!
    // Another board's photo, and this board's photo by its path on disk: neither may get in.
    const other = await seedProject(server, 'negotiate')
    const otherPhoto = await uploadAsset(server.url, other.room.project.projectId, noisyJpeg(32, 32, 9), other.room.organizer.token)
    const onDisk = path.join(server.dataDir, 'assets', projectId, assetFile)
    const hostile = [
      '<image x="0" y="0" width="50" height="50" href="file:///etc/passwd"/>',
      '<image x="0" y="0" width="50" height="50" xlink:href="http://example.com/evil.jpg"/>',
      `<image x="0" y="0" width="50" height="50" href="${onDisk}"/>`,
      `<image x="0" y="0" width="50" height="50" href="file://${onDisk}"/>`,
      `<image x="0" y="0" width="50" height="50" href="${otherPhoto.body.src as string}"/>`,
      `<image x="0" y="0" width="50" height="50" href="/api/boards/${projectId}/assets/../../${assetFile}"/>`,
      '<a href="javascript:alert(1)"><rect width="5" height="5"/></a>',
    ].join('\n')
    // The only image allowed in is a different photo, so a leak of `onDisk` would show as a second one.
    const res = await postReport(server.url, projectId, s.room.organizer.token, {
      lang: 'en', optionSvg: optionSvg('/api/boards/x/assets/none.jpg', hostile),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-dropped-images')).toBe('7')
    const pdf = new Uint8Array(await res.arrayBuffer())
    expect(pdfImages(pdf, dir)).toHaveLength(0)
    expect(pdfText(pdf, dir)).toContain(NEED_BENCH)
    expect(Buffer.from(pdf).toString('latin1')).not.toContain('javascript:')
  })

  it('answers 401 without a token, 403 for roles that may not export, and clear errors for bad requests', async () => {
    const s = await seedProject(server, 'negotiate')
    const id = s.room.project.projectId
    expect((await postReport(server.url, id, undefined, {})).status).toBe(401)
    for (const who of [s.room.resident, s.room.expert]) {
      const res = await postReport(server.url, id, who.token, {})
      expect(res.status).toBe(403)
      expect(await res.json()).toMatchObject({ code: 'not_allowed', error: expect.stringContaining('committee') })
    }
    const token = s.room.committee.token
    expect(await (await postReport(server.url, id, token, { lang: 'fr' })).json()).toMatchObject({ code: 'invalid_lang' })
    expect(await (await postReport(server.url, id, token, { paper: 'letter' })).json()).toMatchObject({ code: 'invalid_paper' })
    expect(await (await postReport(server.url, id, token, { optionSvg: '<html></html>' })).json()).toMatchObject({ code: 'invalid_optionSvg' })
    expect(await (await postReport(server.url, id, token, { boardSvg: '<svg><!DOCTYPE x [<!ENTITY a "b">]></svg>' })).json())
      .toMatchObject({ code: 'invalid_boardSvg' })
    const big = await postReport(server.url, id, token, { boardSvg: `<svg>${'<g/>'.repeat(1_500_000)}</svg>` })
    expect(big.status).toBe(413)
    expect(await big.json()).toMatchObject({ code: 'svg_too_large' })
    const many = await postReport(server.url, id, token, { boardSvg: `<svg>${'<g/>'.repeat(60_000)}</svg>` })
    expect(await many.json()).toMatchObject({ code: 'svg_too_complex' })
  })

  it('keeps a board with 30 large photos under 20 MB', async () => {
    const s = await seedProject(server, 'negotiate')
    const id = s.room.project.projectId
    const photo = noisyJpeg(2000, 1500, 7)
    expect(photo.length).toBeGreaterThan(700_000)
    const images: string[] = []
    for (let i = 0; i < 30; i++) {
      const up = await uploadAsset(server.url, id, variantJpeg(photo, i), s.room.organizer.token)
      expect(up.status).toBe(201)
      images.push(`<image x="${(i % 6) * 210}" y="${Math.floor(i / 6) * 160}" width="200" height="150" href="${up.body.src as string}"/>`)
    }
    const boardSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="1260" height="800" viewBox="0 0 1260 800">${images.join('')}</svg>`
    const res = await postReport(server.url, id, s.room.organizer.token, { boardSvg })
    expect(res.status).toBe(200)
    const pdf = new Uint8Array(await res.arrayBuffer())
    expect(30 * photo.length).toBeGreaterThan(20 * 1024 * 1024)
    expect(pdf.byteLength).toBeLessThan(20 * 1024 * 1024)
    expect(pdfImages(pdf, dir)).toHaveLength(30)
    renderFirstPage(pdf, dir)
  }, 180_000)
})
