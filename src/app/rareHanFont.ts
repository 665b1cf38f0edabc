/**
 * The fallback font for rare Chinese characters (CJK Extension B and beyond, e.g. 𠮷 in 刘𠮷), which
 * many phones cannot draw: our server serves it (server/fonts/rareHan.ts) as ~40 small chunks, each an
 * `@font-face` of the family 'CG Rare Han' whose `unicode-range` lists its characters, so a page
 * downloads a chunk only when one of its characters is on screen. The family comes first in
 * `--font-ui` (app.css): for every other character it has no glyph, so nothing else changes, and a
 * rare character looks the same on every device.
 *
 * The stylesheet (≈ 22 KB, rules only) is added from script rather than written into index.html: a
 * stylesheet the parser meets blocks the first paint, one added by script does not; a rare
 * character shown before it arrives is redrawn once it has (`font-display: swap`).
 */
export const RARE_HAN_CSS = '/fonts/rare-han.css'

export function loadRareHanFont(): void {
  if (document.querySelector(`link[href="${RARE_HAN_CSS}"]`)) return
  const link = document.createElement('link')
  link.rel = 'stylesheet'
  link.href = RARE_HAN_CSS
  document.head.append(link)
}
