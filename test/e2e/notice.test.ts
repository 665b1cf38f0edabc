/**
 * The public notice (公示) end to end, in real Chromium against the real server: the organizer opens
 * it from the agreed board (the option's drawing goes with it); a small phone with no token and no
 * cookies opens the public link, sees the plan and the results, and leaves a comment; the committee
 * answers it in its notice panel; the phone sees the answer. The phone never loads tldraw.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { strings } from '../../src/i18n/strings.js'
import { openRecordedPage } from '../helpers/browser.js'
import { SCREENS } from '../helpers/tour.js'
import { setupTour } from '../helpers/tourE2e.js'

const zh = strings['zh-CN']
const ASSETS = path.resolve('dist/client/assets')

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Serious and critical WCAG 2.1 A/AA violations of the page, one line each (as test/e2e/accessibility.test.ts). */
async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
    return result.violations
  }) as Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }>
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))
}

/** The built JavaScript files among `requests` that carry tldraw's editor. */
function tldrawChunks(requests: string[]): string[] {
  return requests
    .map((url) => new URL(url).pathname)
    .filter((p) => p.startsWith('/assets/') && p.endsWith('.js'))
    .filter((p) => fs.readFileSync(path.join(ASSETS, path.basename(p)), 'utf8').includes('TldrawEditor'))
}

describe('public notice: opened on the board, read and commented on a phone without signing in', () => {
  const e2e = setupTour()

  it('shows a phone the plan and the results, takes its comment, and shows the answer', async () => {
    const { tour, browser, server } = e2e
    await tour.moveTo('agreed')

    // — The organizer opens the notice from the agreed board, with a reason for a need left out —
    const org = await tour.open(browser, tour.people.organizer, SCREENS.laptop)
    await org.page.getByTestId('open-notice').click()
    const panel = org.page.getByTestId('notice-dialog')
    await panel.getByTestId('notice-open-form').waitFor()
    await panel.getByTestId('notice-reason').first().fill('路灯由街道统一更换')
    await panel.getByTestId('notice-open').click()
    await panel.getByTestId('notice-current').waitFor({ timeout: 30_000 })
    const link = await panel.getByTestId('notice-link').inputValue()
    expect(link).toMatch(new RegExp(`^${server.url}/n/[A-Za-z0-9_-]{43}$`))
    await panel.getByTestId('notice-qr').waitFor()

    // — A small phone with nothing but the link —
    const phone = await openRecordedPage(browser, SCREENS.phoneSmall.options)
    await phone.page.goto(link)
    await phone.page.getByTestId('notice-title').filter({ hasText: '学林苑' }).waitFor()
    await phone.page.getByTestId('notice-option').filter({ hasText: '方案 A：树下座椅' }).waitFor()
    // The plan picture is the board's: the option's drawing, loaded as an image.
    const plan = phone.page.getByTestId('notice-plan')
    await expect.poll(() => plan.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 20_000 }).toBe(true)
    await phone.page.getByTestId('notice-not-addressed').filter({ hasText: '路灯由街道统一更换' }).waitFor()
    await phone.page.getByTestId('notice-results').filter({ hasText: zh.notice.page.votes }).waitFor()
    const text = await phone.page.getByTestId('notice-page').innerText()
    for (const name of ['王老师', '陈设计师', '刘主任', '王阿姨', '刘𠮷']) expect(text).not.toContain(name)

    await phone.page.getByTestId('notice-comment-text').fill('希望座椅旁边加一个垃圾桶')
    await phone.page.getByTestId('notice-send').click()
    await phone.page.getByTestId('notice-sent').waitFor()
    await phone.page.getByTestId('notice-comment').filter({ hasText: '希望座椅旁边加一个垃圾桶' }).waitFor()

    // — The committee sees the comment waiting for an answer in its 公示 panel, and answers it —
    expect(tldrawChunks(org.requests).length).toBeGreaterThan(0)
    await org.context.close()
    const committee = await tour.open(browser, tour.people.committee, SCREENS.laptop)
    await committee.page.getByTestId('open-notice').filter({ hasText: '1' }).click()
    await committee.page.getByTestId('notice-unanswered').waitFor()
    const comment = committee.page.getByTestId('notice-admin-comment').filter({ hasText: '希望座椅旁边加一个垃圾桶' })
    await comment.getByTestId('notice-answer-text').fill('好的，会在座椅旁加一个分类垃圾桶。')
    await comment.getByTestId('notice-answer-send').click()
    await comment.getByTestId('notice-admin-answer').waitFor()
    await committee.context.close()

    // — The phone sees the answer under its comment, and never loaded the editor —
    await phone.page.reload()
    await phone.page.getByTestId('notice-answer').filter({ hasText: '好的，会在座椅旁加一个分类垃圾桶。' }).waitFor()
    expect(tldrawChunks(phone.requests)).toEqual([])
    expect(phone.errors).toEqual([])
    expect(await axeProblems(phone.page)).toEqual([])
    await phone.context.close()
  }, 120_000)
})
