/**
 * What a phone shows while a board opens, seen from inside the page (`npm run bench -- phone`).
 * Installed with addInitScript, so it runs in every document before the page's own scripts; it
 * checks the screen every 100 ms (performance.now(), i.e. ms from navigation start) and keeps
 * each change of what is shown and the first time each milestone held. Only test ids and DOM facts
 * a person could point at are read — never our modules or tldraw's editor — so the same probe
 * measures our page (whatever it loads today: tldraw, a light view…) and tldraw alone.
 *
 * How each fact is detected (written into docs/performance.md by phone.ts, keep both in step):
 * - plan: an `img.tl-image` (tldraw's image shape) or an `<img>`/`<canvas data-testid="light-plan">`
 *   covering at least 10 % of the viewport once clipped to it, not hidden, and — an <img> — loaded
 *   with natural size and `img.decode()` resolved (the picture is decoded, not just requested).
 *   The board's other pictures are 64×48 photos, far below 10 % of the screen.
 * - pins: `[data-testid="need-pin"]` intersecting the viewport count 1 each, a
 *   `[data-testid="need-pin-group"]` bubble counts its `data-need-count`; "every pin" is all the
 *   board's needs (they all stand on the plan, and opening the board fits the plan and every pin).
 * - add-need: `[data-testid="add-need"]` not disabled, inside the viewport, and the topmost element
 *   at its centre (`document.elementFromPoint`) is the button or inside it: a tap would reach it.
 * - guidance: `[data-testid="stage-guidance"]` with text, intersecting the viewport.
 * - status: `[data-testid="connection-status"]`'s `data-status`.
 * - loading: a shown `[aria-busy="true"]` element (our loading page; tldraw's spinner has no text) or
 *   `[data-testid="part-loading"]`, its text.
 * - strokes: a shown `.tl-shape[data-shape-type="draw"]`, or a path in a `[data-testid^="light"]` view.
 * - shapes (tldraw alone): `.tl-shape` elements in the page, at least the board's shape count.
 * - blank: none of the above, no tldraw canvas and no text in #root (index.html's hidden fallbacks do not count).
 */

export interface ProbeOptions {
  /** The board's needs: all of them are pins on the plan once the board is fitted. */
  needs: number
  /** `.tl-shape` elements that mean "every shape mounted" (the plan included). */
  shapes: number
}

export interface ProbeChange { t: number; shows: string }
export interface ProbeResult {
  /** First time (ms from navigation start) each milestone held; absent if it never did. */
  marks: Partial<Record<'plan' | 'pins' | 'addNeed' | 'guidance' | 'strokes' | 'connected' | 'shapes' | 'meaningful' | 'ready' | 'floorReady' | 'editor', number>>
  changes: ProbeChange[]
  pinsSeen: number
}

/** Runs inside the page (serialised by Playwright): self-contained, no imports, no closures. */
export function installProbe(opts: ProbeOptions): void {
  if (window.top !== window) return
  const marks: ProbeResult['marks'] = {}
  const result: ProbeResult = { marks, changes: [], pinsSeen: 0 }
  ;(window as unknown as { __cgPhone: ProbeResult }).__cgPhone = result
  const onScreen = (el: Element): number => {
    const r = el.getBoundingClientRect()
    const w = Math.min(r.right, innerWidth) - Math.max(r.left, 0)
    const h = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)
    return w > 0 && h > 0 ? w * h : 0
  }
  const shown = (el: Element): boolean => {
    if (onScreen(el) <= 0) return false
    const s = getComputedStyle(el)
    return s.visibility !== 'hidden' && s.opacity !== '0'
  }
  // What lies under another view and takes no input (the editor loading beneath our light view is
  // `inert`) is not what she sees: only the rest counts.
  const live = (selector: string): Element[] => Array.from(document.querySelectorAll(selector)).filter((el) => !el.closest('[inert]'))
  const decoded = new WeakMap<HTMLImageElement, boolean>()
  const plan = (): boolean => {
    for (const el of live('img.tl-image, img[data-testid="light-plan"], canvas[data-testid="light-plan"]')) {
      if (onScreen(el) < 0.1 * innerWidth * innerHeight || !shown(el)) continue
      if (el instanceof HTMLCanvasElement) return true
      const img = el as HTMLImageElement
      if (!img.complete || img.naturalWidth === 0) continue
      const state = decoded.get(img)
      if (state === true) return true
      if (state === undefined) {
        decoded.set(img, false)
        img.decode().then(() => { decoded.set(img, true); check() }, () => decoded.delete(img))
      }
    }
    return false
  }
  const pins = (): number => {
    let n = 0
    for (const el of live('[data-testid="need-pin"]')) if (onScreen(el) > 0) n++
    for (const g of live('[data-testid="need-pin-group"]')) if (onScreen(g) > 0) n += Number(g.getAttribute('data-need-count')) || 0
    return n
  }
  const addNeed = (): boolean => {
    const el = live('[data-testid="add-need"]')[0] as HTMLButtonElement | undefined
    if (!el || el.disabled || !shown(el)) return false
    const r = el.getBoundingClientRect()
    const x = r.left + r.width / 2
    const y = r.top + r.height / 2
    if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false
    const hit = document.elementFromPoint(x, y)
    return hit !== null && (hit === el || el.contains(hit))
  }
  const guidance = (): boolean => {
    const el = live('[data-testid="stage-guidance"]')[0]
    return el !== undefined && (el.textContent ?? '').trim() !== '' && shown(el)
  }
  const strokes = (): boolean => {
    for (const el of live('.tl-shape[data-shape-type="draw"], [data-testid^="light"] path')) if (shown(el)) return true
    return false
  }
  const first = (name: keyof ProbeResult['marks'], now: number, holds: boolean) => {
    if (holds && marks[name] === undefined) marks[name] = now
  }
  let last = ''
  function check(): void {
    const now = performance.now()
    if (!document.body) return
    const facts: string[] = []
    const busy = Array.from(document.querySelectorAll('[aria-busy="true"], [data-testid="part-loading"]')).find(shown)
    const busyText = (busy?.textContent ?? '').trim().slice(0, 16)
    if (busy) facts.push(busyText ? `“${busyText}”` : 'spinner')
    const status = live('[data-testid="connection-status"]')[0]?.getAttribute('data-status')
    if (status) facts.push(`status ${status}`)
    const planShown = plan()
    if (planShown) facts.push('plan')
    const pinCount = pins()
    result.pinsSeen = Math.max(result.pinsSeen, pinCount)
    if (pinCount > 0) facts.push(`${pinCount}/${opts.needs} pins`)
    const strokesShown = strokes()
    if (strokesShown) facts.push('strokes')
    const guidanceShown = guidance()
    if (guidanceShown) facts.push('guidance')
    const addNeedReady = addNeed()
    if (addNeedReady) facts.push('提需求 tappable')
    const shapes = document.querySelectorAll('.tl-shape').length
    if (facts.length === 0) {
      // index.html's hidden fallback texts are not "something shown": only what the app put in #root counts.
      const root = document.getElementById('root')
      const text = (root?.textContent ?? '').trim().slice(0, 16)
      if (document.querySelector('.tl-canvas')) facts.push(shapes > 0 ? 'canvas, no milestone yet' : 'empty canvas')
      else if (text) facts.push(`“${text}”`)
      else facts.push('blank')
    }
    const pinsAll = pinCount >= opts.needs
    first('plan', now, planShown)
    first('pins', now, pinsAll)
    first('addNeed', now, addNeedReady)
    first('guidance', now, guidanceShown)
    first('strokes', now, strokesShown)
    first('connected', now, status === 'connected')
    first('shapes', now, shapes >= opts.shapes)
    // The editor (tldraw) is what she sees: drawing works from here on.
    const editorUp = document.querySelector('.tl-container') !== null && document.querySelector('[data-testid="light-board"]') === null
    if (editorUp) facts.push('editor')
    first('editor', now, editorUp)
    first('meaningful', now, planShown && guidanceShown)
    first('ready', now, planShown && pinsAll && addNeedReady)
    first('floorReady', now, planShown && shapes >= opts.shapes)
    const shows = facts.join(' · ')
    if (shows !== last) {
      last = shows
      result.changes.push({ t: now, shows })
    }
  }
  setInterval(check, 100)
  document.addEventListener('readystatechange', check)
}

/**
 * What the page showed at every 500 ms step from navigation until `until`, steps that show the same
 * merged into one row ("2.0–3.0 s"): each step shows the last change seen at or before it.
 */
export function timeline(changes: ProbeChange[], until: number): string[] {
  const rows: { from: number; to: number; shows: string }[] = []
  for (let t = 0; t <= until + 499; t += 500) {
    const at = [...changes].reverse().find((c) => c.t <= t)
    const shows = at?.shows ?? 'blank'
    const prev = rows[rows.length - 1]
    if (prev && prev.shows === shows) prev.to = t
    else rows.push({ from: t, to: t, shows })
  }
  const s = (n: number) => (n / 1000).toFixed(1)
  return rows.map((r) => `| ${r.from === r.to ? s(r.from) : `${s(r.from)}–${s(r.to)}`} s | ${r.shows} |`)
}
