/**
 * The caption under an exported design option: the option's title and a scale
 * bar of a round length (5 m, 10 m, 20 m…) from the project's scale, on a white strip added below
 * the picture. The option's frame holds the base plan at its canvas size, so the picture's user
 * units are canvas units and `metresPerUnit` turns them into metres. Added to the SVG text itself,
 * like the draft mark, so the SVG, the PNG rendered from it and the PDF report (which draws the same
 * SVG with the server's Chinese font) all carry it. No DOM needed.
 */
import { escapeXml, svgViewBox, textWidthEm, type SvgBox } from './draftMark'

export interface OptionLegend {
  title: string
  /** The project's scale (metres per canvas unit); null when the organizer has not set one: no bar. */
  metresPerUnit: number | null
  /** A length as people read it ("10 米" / "10 m"), in the picture's language. */
  lengthLabel: (metres: number) => string
}

export interface LegendSvg {
  svg: string
  /** The picture's size with the strip (its width and height attributes). */
  width: number
  height: number
}

const INK = '#111111'
const FONT = "'Noto Sans SC','PingFang SC','Microsoft YaHei','Hiragino Sans GB',sans-serif"
/** The bar is at most this share of the picture's width. */
const BAR_SHARE = 0.3

/** The longest round length (1, 2 or 5 × a power of ten metres) not over `maxMetres`; null if none is sensible. */
export function roundScaleLength(maxMetres: number): number | null {
  if (!Number.isFinite(maxMetres) || maxMetres <= 0) return null
  const power = 10 ** Math.floor(Math.log10(maxMetres))
  for (const step of [5, 2, 1]) {
    // A hair of tolerance: 10 must count as ≤ 10 after the floating-point division above.
    if (step * power <= maxMetres * (1 + 1e-9)) return Number((step * power).toPrecision(12))
  }
  return null
}

const round = (n: number) => Math.round(n * 100) / 100

function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)("[^"]*"|'[^']*')`, 'i')
  if (re.test(tag)) return tag.replace(re, `$1"${value}"`)
  return tag.replace(/\s*(\/?)>$/, ` ${name}="${value}"$1>`)
}

/** A text cut to `maxEm` ems with an ellipsis (the title must not run into the bar). */
function fit(text: string, maxEm: number): string {
  if (textWidthEm(text) <= maxEm) return text
  let out = ''
  for (const ch of text) {
    if (textWidthEm(out + ch + '…') > maxEm) break
    out += ch
  }
  return out + '…'
}

/** The strip's markup for a picture whose user box is `box`, starting at `top`. */
export function legendMarkup(box: SvgBox, top: number, strip: number, font: number, legend: OptionLegend): string {
  const pad = font * 0.8
  const middle = top + strip / 2
  const baseline = (size: number) => round(middle + size * 0.36)
  let bar = ''
  let titleEnd = box.x + box.width - pad
  const metres = legend.metresPerUnit && legend.metresPerUnit > 0 ? roundScaleLength(box.width * BAR_SHARE * legend.metresPerUnit) : null
  if (metres && legend.metresPerUnit) {
    const units = metres / legend.metresPerUnit
    const label = legend.lengthLabel(metres)
    const labelSize = font * 0.8
    const right = box.x + box.width - pad - textWidthEm(label) * labelSize - font * 0.4
    const left = right - units
    const h = font * 0.45
    const y = middle - h / 2
    const line = round(Math.max(1, font * 0.06))
    bar =
      `<g data-cg-scale-bar="" data-metres="${metres}" data-units="${round(units)}">` +
      `<rect x="${round(left)}" y="${round(y)}" width="${round(units / 2)}" height="${round(h)}" fill="${INK}"/>` +
      `<rect x="${round(left + units / 2)}" y="${round(y)}" width="${round(units / 2)}" height="${round(h)}" fill="#ffffff"/>` +
      `<rect x="${round(left)}" y="${round(y)}" width="${round(units)}" height="${round(h)}" fill="none" stroke="${INK}" stroke-width="${line}"/>` +
      `<text x="${round(right + font * 0.4)}" y="${baseline(labelSize)}" font-size="${round(labelSize)}" fill="${INK}">${escapeXml(label)}</text>` +
      `</g>`
    titleEnd = left - font
  }
  const title = fit(legend.title, Math.max(1, (titleEnd - (box.x + pad)) / font))
  return (
    `<g data-cg-option-legend="" font-family="${escapeXml(FONT)}">` +
    `<rect x="${round(box.x)}" y="${round(top)}" width="${round(box.width)}" height="${round(strip)}" fill="#ffffff"/>` +
    `<text data-cg-option-title="" x="${round(box.x + pad)}" y="${baseline(font)}" font-size="${round(font)}" font-weight="bold" fill="${INK}">${escapeXml(title)}</text>` +
    bar +
    `</g>`
  )
}

/**
 * The SVG with the strip below it: its viewBox and height grow by the strip (and a CSS height in
 * its style, which the PDF conversion sets), the strip is drawn last. `box` is used when the SVG has
 * neither a viewBox nor a size. Throws when it is not an SVG document.
 */
export function withOptionLegend(svg: string, legend: OptionLegend, box?: SvgBox): LegendSvg {
  const rootMatch = /<svg\b[^>]*>/i.exec(svg)
  const end = svg.lastIndexOf('</svg>')
  const vb = svgViewBox(svg) ?? box
  if (!rootMatch || end < 0 || !vb) throw new Error('Not an SVG document')
  const root = rootMatch[0]
  const widthAttr = parseFloat(/\swidth\s*=\s*["']([\d.eE+-]+)/i.exec(root)?.[1] ?? '')
  const scale = widthAttr > 0 ? widthAttr / vb.width : 1
  // Text big enough to read when the picture is printed half a page wide.
  const font = Math.max(12, Math.min(72, vb.width * 0.022))
  const strip = font * 2.6
  const width = vb.width * scale
  const height = (vb.height + strip) * scale
  let next = setAttr(root, 'viewBox', `${vb.x} ${vb.y} ${vb.width} ${round(vb.height + strip)}`)
  next = setAttr(next, 'width', String(round(width)))
  next = setAttr(next, 'height', String(round(height)))
  next = next.replace(/(\sstyle\s*=\s*)("[^"]*"|'[^']*')/i, (_all, lead: string, value: string) =>
    lead + value.replace(/(^["']|;)(\s*)height\s*:\s*[\d.]+px/i, `$1$2height:${round(height)}px`))
  const markup = legendMarkup(vb, vb.y + vb.height, strip, font, legend)
  const body = svg.slice(rootMatch.index + root.length, end)
  return { svg: svg.slice(0, rootMatch.index) + next + body + markup + svg.slice(end), width: round(width), height: round(height) }
}
