/**
 * The "草稿 draft" mark on exported pictures made before the project is agreed: a large faint
 * diagonal word across the middle and a solid label in the top-left corner, so a cropped or
 * printed copy still says it is not the agreed plan. Added to the SVG text itself (the PNG is
 * rendered from that SVG), so both formats carry the same mark. No DOM needed.
 */

export interface SvgBox {
  x: number
  y: number
  width: number
  height: number
}

const MARK_COLOR = '#b3261e'
const MARK_FONT = "'Noto Sans SC','PingFang SC','Microsoft YaHei','Hiragino Sans GB',sans-serif"

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c)
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag)
  return m ? (m[2] ?? m[3] ?? null) : null
}

/** The user-space box of an SVG document: its root viewBox, else its width and height. */
export function svgViewBox(svg: string): SvgBox | null {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0]
  if (!root) return null
  const viewBox = attr(root, 'viewBox')
  if (viewBox) {
    const n = viewBox.trim().split(/[\s,]+/).map(Number)
    if (n.length === 4 && n.every(Number.isFinite) && n[2] > 0 && n[3] > 0) return { x: n[0], y: n[1], width: n[2], height: n[3] }
  }
  const width = parseFloat(attr(root, 'width') ?? '')
  const height = parseFloat(attr(root, 'height') ?? '')
  return width > 0 && height > 0 ? { x: 0, y: 0, width, height } : null
}

/** Rough advance of a text in ems: CJK glyphs are square, Latin ones about half as wide. */
export function textWidthEm(text: string): number {
  let em = 0
  for (const ch of text) em += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 1 : ch === ' ' ? 0.3 : 0.62
  return em
}

const round = (n: number) => Math.round(n * 100) / 100

/** The mark's SVG markup for a picture of this box. */
export function draftMarkMarkup(box: SvgBox, label: string): string {
  const text = escapeXml(label)
  const em = Math.max(textWidthEm(label), 1)
  const short = Math.min(box.width, box.height)
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  const angle = (-Math.atan2(box.height, box.width) * 180) / Math.PI
  const diagonal = Math.hypot(box.width, box.height)
  // Big enough to be seen from across a room, small enough to stay inside the picture.
  const big = Math.max(8, Math.min((diagonal * 0.6) / em, short * 0.35))
  const small = Math.max(10, Math.min(short * 0.06, 40))
  const pad = small * 0.5
  const badgeW = em * small + pad * 2
  const badgeH = small * 1.6
  const bx = box.x + pad
  const by = box.y + pad
  return (
    `<g data-cg-draft-mark="" pointer-events="none" font-family="${escapeXml(MARK_FONT)}" font-weight="bold">` +
    `<text x="${round(cx)}" y="${round(cy)}" text-anchor="middle" dominant-baseline="central" font-size="${round(big)}" ` +
    `fill="${MARK_COLOR}" fill-opacity="0.16" transform="rotate(${round(angle)} ${round(cx)} ${round(cy)})">${text}</text>` +
    `<rect x="${round(bx)}" y="${round(by)}" width="${round(badgeW)}" height="${round(badgeH)}" rx="${round(small * 0.3)}" ` +
    `fill="#ffffff" fill-opacity="0.9" stroke="${MARK_COLOR}" stroke-width="${round(Math.max(1, small * 0.1))}"/>` +
    `<text x="${round(bx + pad)}" y="${round(by + badgeH / 2)}" dominant-baseline="central" font-size="${round(small)}" ` +
    `fill="${MARK_COLOR}">${text}</text>` +
    `</g>`
  )
}

/**
 * The SVG with the mark drawn last (on top of everything). `box` is used when the SVG has neither
 * a viewBox nor a size. Throws when it cannot place the mark: a draft must never leave unmarked.
 */
export function withDraftMark(svg: string, label: string, box?: SvgBox): string {
  const at = svg.lastIndexOf('</svg>')
  const where = svgViewBox(svg) ?? box
  if (at < 0 || !where) throw new Error('Not an SVG document')
  return svg.slice(0, at) + draftMarkMarkup(where, label) + svg.slice(at)
}
