/**
 * No English in the Chinese UI: what a page shows as UI — visible text, tooltips (title), accessible
 * names (aria-label) and placeholders — holds no Latin word but an allow-list (digits, units, the
 * option letters of 方案 A/B, file formats). People's names and the board's own content (shapes, need
 * texts, option titles, name tags) are what people typed and are left out. On a touch device no
 * keyboard shortcut hint is shown at all (no tldraw <kbd>, no "Ctrl", "⌘", "⇧", "Alt" in any text or
 * tooltip, also in tldraw's main menu, which offers no "键盘快捷方式" there). Used by the layout test
 * (test/e2e/layout.test.ts), which opens every view of every role anyway.
 *
 * Left out on purpose: tldraw's licence watermark (data-testid tl-watermark-*), which the SDK shows in
 * development builds without a licence key and which its licence does not let us hide or reword; a
 * production deployment sets TLDRAW_LICENSE_KEY (README, "tldraw licence"), and a commercial key removes it.
 */
import type { Page } from 'playwright-core'

/**
 * Latin "words" allowed on a Chinese screen: units, the one-letter labels of design options (方案 A),
 * and file formats that have no Chinese name (导出成 PDF).
 */
const ALLOWED = new Set(['m', 'm²', 'km', 'cm', 'A', 'B', 'C', 'D', 'PDF', 'PNG', 'SVG', 'CSV', 'ZIP'])

/** What the page shows as UI: visible text and the tooltip / accessible-name / placeholder attributes of visible elements. */
export async function uiTexts(page: Page): Promise<{ where: string; text: string }[]> {
  return page.evaluate(() => {
    // People's own words: names, the board's shapes and name tags, need and option texts; the licence
    // watermark; the language switch, which names the other language in that language ("English").
    const EXCLUDED = [
      '[data-testid="lang-switch"]', '.tl-shapes', '.tl-nametag', '.tl-nametag-title', '.tl-collaborator__cursor-hint', '.person__name', '[data-testid^="tl-watermark"]',
      '[data-user-content]', '.need-card__text', '.need-pin__text', '[data-testid="need-text"]', '[data-testid="option-title"]',
    ].join(',')
    const visible = (el: Element) => {
      if (el.closest(EXCLUDED)) return false
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) return false
      if (r.bottom < 0 || r.right < 0 || r.top > innerHeight || r.left > innerWidth) return false
      return el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    }
    const out: { where: string; text: string }[] = []
    const label = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(/\s+/).slice(0, 2).join('.') : ''}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}`
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement
      const text = n.textContent?.trim()
      if (!parent || !text || parent.closest('script,style,noscript,template')) continue
      if (visible(parent)) out.push({ where: label(parent), text })
    }
    for (const el of document.body.querySelectorAll('[title],[aria-label],[placeholder]')) {
      if (!visible(el)) continue
      for (const attr of ['title', 'aria-label', 'placeholder']) {
        const text = el.getAttribute(attr)?.trim()
        if (text) out.push({ where: `${label(el)}@${attr}`, text })
      }
    }
    return out
  })
}

/** The Latin words of `text` that are not allowed. */
export function latinWords(text: string): string[] {
  return (text.match(/[A-Za-z][A-Za-z0-9²³'’.-]*/g) ?? [])
    .map((w) => w.replace(/[.'’-]+$/, ''))
    .filter((w) => !ALLOWED.has(w))
}

/** Keyboard hints: tldraw's kbd glyphs and modifier names. */
export const KEYBOARD_HINT = /⌘|⇧|⌥|⌃|\bCtrl\b|\bAlt\b|\bShift\b|\bEsc\b/i

/**
 * The English on `page` (opened in Chinese): each finding as "<view> <where>: "<text>" (<words>)".
 * `touch`: a phone, where keyboard hints are findings too, and where the organizer's drawing mode
 * and tldraw's main menu are opened and looked at (this leaves the page in drawing mode).
 */
export async function englishOn(page: Page, view: string, touch: boolean, organizer: boolean): Promise<string[]> {
  const problems: string[] = []
  const look = async (where: string) => {
    for (const { where: at, text } of await uiTexts(page)) {
      // A keyboard hint ("撤销 — Ctrl + Z") is right on a laptop; on a touch device it is a failure below.
      const words = latinWords(touch ? text : text.replace(/ — .*$/, ''))
      if (words.length > 0) problems.push(`${view}${where} ${at}: "${text}" (${words.join(', ')})`)
      if (touch && KEYBOARD_HINT.test(text)) problems.push(`${view}${where} ${at}: keyboard hint "${text}"`)
    }
  }
  await look('')
  if (!touch) return problems
  // On a phone, the organizer sketches in a drawing mode with tldraw's own tools: look at those too.
  const draw = page.locator('[data-testid="phone-draw"]')
  if (organizer && await draw.count() > 0) {
    await draw.first().click()
    await page.locator('.tlui-toolbar, [data-testid="phone-tools"]').first().waitFor({ timeout: 10_000 })
    await look(' drawing')
  }
  const kbd = await page.locator('kbd, .tlui-kbd').evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().width > 0).length)
  if (kbd > 0) problems.push(`${view}: ${kbd} visible <kbd> keyboard hints`)
  // tldraw's main menu (the organizer's, while drawing): its words, and no keyboard-shortcuts entry.
  const menu = page.locator('[data-testid="main-menu.button"]')
  if (await menu.count() > 0 && await menu.first().isVisible()) {
    await menu.first().click()
    await page.locator('.tlui-menu').first().waitFor({ timeout: 10_000 })
    await look(' menu')
    if (await page.locator('[data-testid$="keyboard-shortcuts-button"]').count() > 0) {
      problems.push(`${view}: a keyboard-shortcuts menu item on a touch device`)
    }
  }
  return problems
}
