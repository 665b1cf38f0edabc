/**
 * Text people type is never HTML. A project whose every free-text field holds a
 * script payload (test/helpers/xssSeed.ts) is opened by the organizer on a desktop and by a resident
 * on a phone, in real Chromium; every panel and tab is opened. Nothing runs (no `window.__xss`, no
 * dialog, no CSP violation), no element the payloads would make exists (no `on…` attribute, no
 * `<img src=x>`, no `javascript:` link), nothing is requested from `x` or another host, and the
 * payloads show as literal text. Then every export: the three spreadsheets (plain quoted cells, the
 * formula guard), the PDF report (literal text), the archive, and the board's SVG from the export
 * dialog with a text shape holding a payload.
 *
 * Why the DOM checks matter: the page's CSP (script-src 'self' and the hash of the page's own one
 * inline script) would stop an inline handler even if
 * a rendering bug put one in the page, so `window.__xss` alone proves little — the test looks for
 * the injected elements themselves, and for CSP violation reports.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { unzipSync, strFromU8 } from 'fflate'
import type { Download, Page } from 'playwright-core'
import { foreignRequests, type RecordedPage } from '../helpers/browser.js'
import { byTestId, DESKTOP, enterNameIfAsked, PHONE, setupE2e, waitForStatus } from '../helpers/e2e.js'
import { PAYLOADS, seedXssProject, TEXT } from '../helpers/xssSeed.js'
import { parseCsv } from '../server/exportTestKit.js'
import { fileNameFromContentDisposition } from '../../src/export/contentDisposition.js'

interface Watch {
  dialogs: string[]
  /** Literal text seen on screen in every view so far. */
  seen: string[]
}

/** Records dialogs and CSP violation reports of a device's pages (before its first navigation). */
async function watch(device: RecordedPage): Promise<Watch> {
  const w: Watch = { dialogs: [], seen: [] }
  await device.context.addInitScript(() => {
    const log: string[] = []
    Object.defineProperty(window, '__cspViolations', { value: log })
    document.addEventListener('securitypolicyviolation', (e) => log.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`))
  })
  device.page.on('dialog', (d) => {
    w.dialogs.push(d.message())
    void d.dismiss()
  })
  return w
}

/** What the page holds now: run state, injected elements, and its visible text (with input values). */
async function inspect(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as { __xss?: unknown; __cspViolations?: string[] }
    const injected: string[] = []
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase()
      for (const a of Array.from(el.attributes)) {
        if (/^on/i.test(a.name)) injected.push(`<${tag} ${a.name}>`)
        if (/^(href|src|xlink:href|action|formaction|data)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)) injected.push(`<${tag} ${a.name}=${a.value}>`)
      }
      if (tag === 'img' && el.getAttribute('src') === 'x') injected.push('<img src=x>')
      // The page's one inline script of its own (the page preload script, allowed by its hash) aside.
      const ownPreload = el.id === 'cg-page-preload' && el.parentElement === document.head
      if (tag === 'script' && ((!el.getAttribute('src') && !ownPreload) || (el.textContent ?? '').includes('__xss'))) injected.push('<script> inline')
      if (tag === 'iframe' || tag === 'object' || tag === 'embed') injected.push(`<${tag}>`)
    }
    const values = Array.from(document.querySelectorAll('input, textarea')).map((e) => (e as HTMLInputElement).value)
    return {
      xss: typeof w.__xss,
      csp: [...(w.__cspViolations ?? [])],
      injected,
      text: [document.body.innerText, ...values].join('\n'),
    }
  })
}

/** Inspects the page as a view (`where`) and expects it safe, holding the literal `expected` texts. */
async function checkView(page: Page, w: Watch, where: string, expected: string[]) {
  // The texts arrive with the live state: wait for them rather than sample too early.
  await page.waitForFunction((texts) => {
    const all = [document.body.innerText, ...Array.from(document.querySelectorAll('input, textarea')).map((e) => (e as HTMLInputElement).value)].join('\n')
    return texts.every((t) => all.includes(t))
  }, expected, { timeout: 20_000 }).catch(() => {})
  const state = await inspect(page)
  w.seen.push(state.text)
  expect({ where, xss: state.xss, csp: state.csp, injected: state.injected, dialogs: w.dialogs }).toEqual({ where, xss: 'undefined', csp: [], injected: [], dialogs: [] })
  for (const text of expected) expect(state.text, `${where} shows ${text} as text`).toContain(text)
}

/** No request left for another host, nor for the `x` an `<img src=x>` would load. */
function expectNoStrayRequests(device: RecordedPage, origin: string) {
  expect(foreignRequests(device.requests, origin)).toEqual([])
  const stray = device.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && /(^|\/)x$/.test(new URL(u).pathname))
  expect(stray).toEqual([])
}

async function closeDialog(page: Page, testId: string) {
  await page.keyboard.press('Escape')
  await page.getByTestId(testId).waitFor({ state: 'detached' })
}

async function openTab(page: Page, tab: string) {
  await page.getByTestId('participation-panel').waitFor()
  if ((await page.getByTestId(`tab-${tab}`).count()) === 0) await page.getByTestId('participation-toggle').click()
  await page.getByTestId(`tab-${tab}`).click()
}

/** Unfolds an option's discussion and revision requests in the options tab. */
async function openDetails(page: Page, optionId: string) {
  const item = byTestId(page, 'option-item', `[data-option-id="${optionId}"]`)
  for (const id of ['option-discussion', 'option-revisions-more']) {
    const details = item.getByTestId(id)
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click()
  }
}

async function download(page: Page, testId: string): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(testId).click()])
  return { file, bytes: await fs.readFile(await file.path()) }
}

/** Spreadsheet cells as stored: each payload literal, formula-like text guarded by a leading '. */
function checkCsv(name: string, bytes: Buffer, expectedCells: string[]) {
  expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf')
  const { rows, unclosedQuote } = parseCsv(bytes.subarray(3).toString('utf8'))
  expect(unclosedQuote, 'every quoted cell is closed').toBe(false)
  for (const row of rows) expect(row.length, `${name}: every row has the header's columns`).toBe(rows[0].length)
  const cells = rows.flat()
  for (const cell of cells) expect(cell, `${name}: no cell starts a formula`).not.toMatch(/^[=+\-@\t\r]/)
  for (const cell of expectedCells) expect(cells, `${name} holds ${cell}`).toContain(cell)
}

const guarded = (text: string) => `'${text}`
const squash = (text: string) => text.replace(/\s+/g, '')

describe('script payloads in every text field', () => {
  const e2e = setupE2e()

  it('show as literal text on the board, in every panel and in every export, and never run', async () => {
    const url = e2e.server.url
    const seed = await seedXssProject(url)
    const { projectId } = seed.project

    // — The organizer, on a desktop, joins through the link —
    const org = await e2e.open(DESKTOP)
    const ow = await watch(org)
    const page = org.page
    await page.goto(url + seed.joinPath.organizer)
    await checkView(page, ow, 'join page (organizer)', [TEXT.projectName])
    // The seeded organizer's name is taken by the seed's own join, and a join never hands it over: this desktop is the same organizer's other device, let in by a one-time personal link.
    const deviceLink = await fetch(`${url}/api/projects/${projectId}/participants/me/device-link`, {
      method: 'POST', headers: { Authorization: `Bearer ${seed.organizerToken}`, 'Content-Type': 'application/json' }, body: '{}',
    })
    expect(deviceLink.status).toBe(201)
    await page.goto(url + ((await deviceLink.json()) as { link: string }).link)
    await page.waitForURL(new RegExp(`/p/${projectId}$`), { timeout: 20_000 })
    await enterNameIfAsked(page, TEXT.organizerName)
    await waitForStatus(page, 'connected')
    await checkView(page, ow, 'board (organizer)', [TEXT.projectName, TEXT.timerLabel])

    await openTab(page, 'needs')
    await checkView(page, ow, 'needs tab', [TEXT.need, TEXT.needFormula, TEXT.needPlus, TEXT.needMinus, TEXT.needAt, TEXT.categoryZh])
    await byTestId(page, 'need-item', `[data-need-id="${seed.needIds[0]}"]`).getByTestId('need-open').click()
    await page.getByTestId('need-card').waitFor()
    await checkView(page, ow, 'need card', [TEXT.need, TEXT.categoryZh, TEXT.residentName])
    await closeDialog(page, 'need-card')

    await openTab(page, 'options')
    await openDetails(page, seed.optionIds[0])
    await checkView(page, ow, 'options tab', [TEXT.optionA, TEXT.optionB, TEXT.revision, TEXT.revisionAnswer, TEXT.threadOnOption])
    await openTab(page, 'comments')
    await checkView(page, ow, 'comments tab', [TEXT.threadOnNeed, TEXT.replyOnNeed, TEXT.threadOnOption, TEXT.replyOnOption, TEXT.expertName])
    await openTab(page, 'votes')
    await checkView(page, ow, 'votes tab', [TEXT.optionA, TEXT.optionB])
    await openTab(page, 'agree')
    await checkView(page, ow, 'agree tab', [TEXT.optionA, TEXT.reopenReason, TEXT.committeeName])

    await page.getByTestId('open-dashboard').click()
    await page.getByTestId('dashboard').waitFor()
    await checkView(page, ow, 'dashboard', [TEXT.residentName, TEXT.residentUnit, TEXT.expertName, TEXT.committeeName])
    await closeDialog(page, 'dashboard')
    await page.getByTestId('open-history').click()
    await page.getByTestId('history').waitFor()
    await checkView(page, ow, 'history', [TEXT.organizerName])
    await page.getByTestId('history-view').last().click()
    await page.getByTestId('history-viewer').waitFor()
    await checkView(page, ow, 'history viewer', [TEXT.organizerName])
    await page.getByTestId('history-close').click()
    await page.getByTestId('history-viewer').waitFor({ state: 'detached' })
    if (await page.getByTestId('history').count()) await closeDialog(page, 'history')
    await page.getByTestId('open-share').click()
    await page.getByTestId('share-panel').waitFor()
    await checkView(page, ow, 'share panel', [TEXT.residentLabel, TEXT.expertLabel, TEXT.committeeLabel])
    await closeDialog(page, 'share-panel')

    // — A text shape on the board holding a payload, for the picture exports —
    await page.mouse.click(700, 560)
    await page.keyboard.press('t')
    await page.mouse.click(640, 560)
    // Type only once the text editor has the focus: earlier keys would go elsewhere.
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.isContentEditable === true)
    // The trailing space is where a rich-text editor would turn a typed URL into a link.
    await page.keyboard.type(`${PAYLOADS.svg} ${PAYLOADS.js} `)
    await page.keyboard.press('Escape')
    await page.locator('.tl-shape[data-shape-type="text"]').first().waitFor({ timeout: 20_000 })
    await checkView(page, ow, 'board with a text shape', [`${PAYLOADS.svg} ${PAYLOADS.js}`])

    // — The board as SVG from the export dialog: the payload is text, not markup —
    await page.getByTestId('open-export').click()
    await page.getByTestId('export-dialog').waitFor()
    const svg = await download(page, 'export-svg-board')
    const svgText = svg.bytes.toString('utf8')
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
      const bad: string[] = []
      for (const el of Array.from(doc.querySelectorAll('*'))) {
        for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) bad.push(`${el.localName} ${a.name}`)
        if (['script', 'iframe', 'object', 'embed'].includes(el.localName)) bad.push(el.localName)
        if (el.localName === 'img' && el.getAttribute('src') === 'x') bad.push('img src=x')
      }
      return { error: doc.getElementsByTagName('parsererror').length, bad, text: doc.documentElement.textContent ?? '' }
    }, svgText)
    expect(parsed).toMatchObject({ error: 0, bad: [] })
    expect(parsed.text).toContain(`${PAYLOADS.svg} ${PAYLOADS.js}`)
    // The report as the dialog makes it: the board drawing (with the text shape) goes through the browser's conversion.
    const dialogPdf = await download(page, 'export-pdf')
    expect(squash(pdfText(dialogPdf.bytes))).toContain(squash(`${PAYLOADS.svg} ${PAYLOADS.js}`))
    expect(await page.getByTestId('export-error').count()).toBe(0)
    await closeDialog(page, 'export-dialog')
    await checkView(page, ow, 'board after exports', [TEXT.projectName])

    // — A resident on a phone —
    const res = await e2e.open(PHONE)
    const rw = await watch(res)
    await res.page.goto(url + seed.joinPath.resident)
    await checkView(res.page, rw, 'join page (resident)', [TEXT.projectName])
    await res.page.getByTestId('join-name').fill(TEXT.residentName)
    await res.page.getByTestId('join-unit').fill(TEXT.residentUnit)
    await res.page.getByTestId('join-submit').click()
    // The seeded resident already has this name and unit: told so (the hostile name stays text), and
    // this phone goes on as a second, numbered person.
    await res.page.getByTestId('join-name-taken').waitFor({ timeout: 20_000 })
    await checkView(res.page, rw, 'name taken (resident)', [TEXT.projectName])
    await res.page.getByTestId('join-as-new').click()
    await res.page.waitForURL(new RegExp(`/p/${projectId}$`), { timeout: 20_000 })
    await enterNameIfAsked(res.page, TEXT.residentName)
    await waitForStatus(res.page, 'connected')
    await checkView(res.page, rw, 'board (resident)', [TEXT.projectName, TEXT.timerLabel])
    // Both are on the board: each sees the other's name (stamped by the server) in the people list.
    await byTestId(page, 'person', `[data-role="resident"]`).waitFor({ timeout: 20_000 })
    await checkView(page, ow, 'people list (organizer)', [TEXT.residentName])
    await openTab(res.page, 'options')
    await openDetails(res.page, seed.optionIds[0])
    await checkView(res.page, rw, 'options tab (resident)', [TEXT.optionA, TEXT.optionB, TEXT.revision, TEXT.revisionAnswer])
    await openTab(res.page, 'comments')
    await checkView(res.page, rw, 'comments tab (resident)', [TEXT.threadOnNeed, TEXT.replyOnOption])
    await openTab(res.page, 'votes')
    await checkView(res.page, rw, 'votes tab (resident)', [TEXT.optionA, TEXT.optionB])
    expectNoStrayRequests(res, url)
    // A tampered page: an inline script that is not the page's own is refused (the policy allows
    // that one by its hash, never 'unsafe-inline'). Last, as it leaves a violation report behind.
    const tampered = await res.page.evaluate(() => {
      const s = document.createElement('script')
      s.textContent = 'window.__tampered = 1'
      document.head.append(s)
      return typeof (window as unknown as { __tampered?: unknown }).__tampered
    })
    expect(tampered).toBe('undefined')
    await expect.poll(() => res.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.some((v) => /^script-src/.test(v)))).toBe(true)

    // — The organizer's home page lists the project by its name —
    await page.goto(url + '/')
    await byTestId(page, 'project-item').first().waitFor()
    await checkView(page, ow, 'home', [TEXT.projectName])
    expectNoStrayRequests(org, url)

    // Every payload was seen, whole, as text.
    for (const payload of Object.values(PAYLOADS)) {
      expect(ow.seen.some((t) => t.includes(payload)), `organizer saw ${payload}`).toBe(true)
      expect(rw.seen.some((t) => t.includes(payload)), `resident saw ${payload}`).toBe(true)
    }

    // — The spreadsheets —
    const get = async (path: string) => {
      const r = await fetch(`${url}/api/projects/${projectId}${path}`, { headers: { Authorization: `Bearer ${seed.organizerToken}` } })
      expect(r.status, path).toBe(200)
      const disposition = r.headers.get('content-disposition') ?? ''
      // The hostile project name stays inside the header's file name (nothing breaks out of the quotes).
      expect(disposition).toMatch(/^attachment; filename="[^"\\\r\n]*"; filename\*=UTF-8''[^\s"]+$/)
      const fileName = fileNameFromContentDisposition(disposition)
      expect(fileName).toContain('花园')
      expect(fileName).not.toMatch(/[<>"/\\]/)
      return Buffer.from(await r.arrayBuffer())
    }
    checkCsv('needs.csv', await get('/export/needs.csv'), [
      TEXT.need, guarded(TEXT.needFormula), guarded(TEXT.needPlus), guarded(TEXT.needMinus), guarded(TEXT.needAt),
      TEXT.categoryZh, TEXT.residentName, TEXT.expertName,
    ])
    checkCsv('votes.csv', await get('/export/votes.csv'), [TEXT.optionA, TEXT.optionB, TEXT.residentName, TEXT.committeeName])
    checkCsv('comments.csv', await get('/export/comments.csv'), [
      TEXT.threadOnNeed, TEXT.replyOnNeed, guarded(TEXT.threadOnOption), guarded(TEXT.replyOnOption), TEXT.need, TEXT.optionA, TEXT.residentName,
    ])

    // — The PDF report, asked for directly —
    const report = await fetch(`${url}/api/projects/${projectId}/export/report`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${seed.organizerToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ lang: 'zh-CN', paper: 'a4-portrait' }),
    })
    expect(report.status).toBe(200)
    const pdf = Buffer.from(await report.arrayBuffer())
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.includes('/JavaScript')).toBe(false)
    const text = squash(pdfText(pdf))
    for (const t of [TEXT.projectName, TEXT.site, TEXT.area, TEXT.need, TEXT.optionA, TEXT.optionDescription, TEXT.revision, TEXT.revisionAnswer, TEXT.reopenReason, TEXT.threadOnNeed]) {
      expect(text, `the report shows ${t} as text`).toContain(squash(t))
    }

    // — The archive: the texts kept as data, exactly —
    const zip = unzipSync(new Uint8Array(await get('/export/archive')))
    const tables = JSON.stringify(JSON.parse(strFromU8(zip['project.json'])))
    for (const t of [TEXT.projectName, TEXT.need, TEXT.optionA, TEXT.reopenReason, TEXT.residentUnit]) expect(tables).toContain(JSON.stringify(t).slice(1, -1))
  }, 120_000)
})

function pdfText(bytes: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes }).toString('utf8')
}
