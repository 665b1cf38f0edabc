/**
 * The layout check: in a view as a person sees it, every interactive element we render
 * must be fully on screen (or reachable by scrolling its own container), at least 44×44 px on a phone,
 * and the topmost element at its centre (`document.elementFromPoint`) — not under tldraw's toolbar,
 * another panel or a neighbour.
 */
import type { Page } from 'playwright-core'

export interface LayoutProblem {
  what: string
  problem: string
}

/**
 * Runs in the page. `anchoredToo`: also check the controls pinned to the plan (need pins, comment
 * markers): in a view where a sheet or dialog is open they may lie under it by design.
 */
export async function findLayoutProblems(page: Page, opts: { phone: boolean; anchoredToo: boolean }): Promise<LayoutProblem[]> {
  return page.evaluate(({ phone, anchoredToo }) => {
    const problems: Array<{ what: string; problem: string }> = []
    const vw = window.innerWidth
    const vh = window.innerHeight
    const interactive = 'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=tab], [role=button], [tabindex]:not([tabindex="-1"])'
    // tldraw's own UI and the shapes on the canvas are not ours to check (but they may cover ours).
    // The licence watermark is tldraw's too (a production deploy with a key does not show it).
    const notOurs = (el: Element) => !!el.closest('[class*="tlui-"], .tl-shape, .tl-html-container, .tl-loading, [data-testid^="tl-watermark"]') ||
      // The editor loading beneath a phone's light view takes no input until it takes over.
      !!el.closest('[inert]')
    // With a modal dialog open, what lies behind it is out of reach by design: only the topmost
    // modal's controls are checked.
    const modals = Array.from(document.querySelectorAll('[aria-modal="true"]')).filter((m) => m.getClientRects().length > 0)
    const scope: Element | null = modals.length > 0 ? modals[modals.length - 1] : null
    /** The part of the viewport an element can show in: the viewport cut by every clipping ancestor. */
    const clipOf = (el: Element) => {
      let clip = { left: 0, top: 0, right: vw, bottom: vh }
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p)
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue
        const r = p.getBoundingClientRect()
        clip = { left: Math.max(clip.left, r.left), top: Math.max(clip.top, r.top), right: Math.min(clip.right, r.right), bottom: Math.min(clip.bottom, r.bottom) }
      }
      return clip
    }
    // Fully inside the clip — or, for an element larger than the clip in one direction (a long
    // need in a small sheet), filling the clip in that direction (scrolled as far as it goes).
    const inside = (r: DOMRect, c: { left: number; top: number; right: number; bottom: number }) => {
      const fitX = r.width > c.right - c.left ? r.left <= c.left + 1 && r.right >= c.right - 1 : r.left >= c.left - 1 && r.right <= c.right + 1
      const fitY = r.height > c.bottom - c.top ? r.top <= c.top + 1 && r.bottom >= c.bottom - 1 : r.top >= c.top - 1 && r.bottom <= c.bottom + 1
      return fitX && fitY
    }
    const describe = (el: Element) => {
      const id = el.getAttribute('data-testid')
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30)
      const label = el.getAttribute('aria-label') ?? ''
      return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''} "${text || label}"`
    }
    const scrollParent = (el: Element): Element | null => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p)
        if (/(auto|scroll)/.test(style.overflowY + style.overflowX) && (p.scrollHeight > p.clientHeight + 1 || p.scrollWidth > p.clientWidth + 1)) return p
      }
      return null
    }
    const seen = new Set<Element>()
    for (const found of Array.from((scope ?? document).querySelectorAll(interactive))) {
      if (notOurs(found)) continue
      // A checkbox or radio inside its label: the label is what a finger taps.
      const el = (found.matches('input[type=checkbox], input[type=radio]') && found.closest('label')) || found
      if (seen.has(el)) continue
      seen.add(el)
      const style = getComputedStyle(el)
      if (style.visibility === 'hidden' || el.getClientRects().length === 0) continue
      // Inside a folded <details> (other than its own summary): not shown until it is opened.
      const folded = el.closest('details:not([open])')
      if (folded && !(el.matches('summary') && el.parentElement === folded)) continue
      let rect = el.getBoundingClientRect()
      // Visually hidden (a 1-px screen-reader label, a file input behind its button): not a target.
      if (rect.width < 2 || rect.height < 2) continue
      const anchored = !!el.closest('.tl-canvas__in-front')
      const what = describe(el)
      if (anchored) {
        const cx = rect.left + rect.width / 2
        const cy = rect.top + rect.height / 2
        // A pin off the visible plan (outside the canvas: off screen, or under the bars above it)
        // is reached by moving the plan, not by this view.
        const canvas = document.querySelector('.tl-canvas')?.getBoundingClientRect()
        const onPlan = canvas && cx >= canvas.left && cy >= canvas.top && cx <= canvas.right && cy <= canvas.bottom
        if (!anchoredToo || !onPlan) continue
      } else if (!inside(rect, clipOf(el))) {
        // Scrolled out of its panel: reachable if its own scrolling container brings it in.
        const box = scrollParent(el)
        if (box) {
          // The browser scrolls it in (it knows CSS zoom, 大字 mode); ancestors that only clip
          // (overflow hidden) are put back, as a person cannot scroll those.
          const clipped: Array<[Element, number, number]> = []
          for (let p = el.parentElement; p; p = p.parentElement) {
            const st = getComputedStyle(p)
            if (!/(auto|scroll)/.test(st.overflowY + st.overflowX)) clipped.push([p, p.scrollTop, p.scrollLeft])
          }
          const b = box.getBoundingClientRect()
          el.scrollIntoView({ block: rect.height > b.height ? 'start' : 'nearest', inline: rect.width > b.width ? 'start' : 'nearest' })
          for (const [p, top, left] of clipped) {
            p.scrollTop = top
            p.scrollLeft = left
          }
          rect = el.getBoundingClientRect()
        }
        if (!inside(rect, clipOf(el))) {
          problems.push({ what, problem: `off screen or cut off (${Math.round(rect.left)},${Math.round(rect.top)} ${Math.round(rect.width)}×${Math.round(rect.height)} in ${vw}×${vh})` })
          continue
        }
      }
      if (phone && (rect.width < 43.5 || rect.height < 43.5)) {
        problems.push({ what, problem: `too small for a finger: ${Math.round(rect.width)}×${Math.round(rect.height)} px` })
      }
      const cx = rect.left + rect.width / 2
      const cy = rect.top + rect.height / 2
      const hit = document.elementFromPoint(cx, cy)
      const mine = hit && (hit === el || el.contains(hit) || (hit instanceof HTMLLabelElement && hit.control === el) ||
        (found !== el && (hit === found || found.contains(hit))))
      if (!mine) problems.push({ what, problem: `covered by ${hit ? describe(hit) + ` .${String(hit.className).slice(0, 60)}` : 'nothing (outside the page)'}` })
    }
    return problems
  }, opts)
}

/** The id of a need pin a finger can reach in this view (on the plan, not under a bar), if any. */
export async function reachablePinId(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    for (const el of Array.from(document.querySelectorAll('[data-testid="need-pin"]'))) {
      const r = el.getBoundingClientRect()
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
      if (hit && el.contains(hit)) return el.getAttribute('data-need-id')
    }
    return null
  })
}

/**
 * A need pin a finger can reach, zooming into a bubble of crowded pins (a tap on a bubble zooms in
 * on its needs) when the view shows only bubbles, as a person would.
 */
export async function reachPin(page: Page): Promise<string | null> {
  for (let i = 0; i < 4; i++) {
    const id = await reachablePinId(page)
    if (id) return id
    const group = await page.evaluate(() => {
      for (const el of Array.from(document.querySelectorAll('[data-testid="need-pin-group"]'))) {
        const r = el.getBoundingClientRect()
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
        if (hit && el.contains(hit)) return el.getAttribute('data-need-ids')
      }
      return null
    })
    if (!group) return null
    await page.locator(`[data-testid="need-pin-group"][data-need-ids="${group}"]`).click()
    await page.waitForTimeout(700)
    // A bubble whose needs share one spot opens their list instead: leave it for the caller's view.
    if ((await page.locator('[data-testid="need-group"]').count()) > 0) {
      await page.keyboard.press('Escape')
      return null
    }
  }
  return reachablePinId(page)
}
