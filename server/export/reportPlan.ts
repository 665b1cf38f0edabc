/**
 * The report's two drawings, each on a page of its own and as large as that page allows: the
 * featured option's plan — with the numbered pins of the needs it addresses, their legend and, when
 * the plan has a scale, a north arrow — and the board overview. The drawings are the SVGs the browser
 * sent (checked by reportSvg.ts); what is drawn around them is pdfkit's, its text through printText.
 */
import SVGtoPDF from 'svg-to-pdfkit'
import type { PageBounds } from '../../src/shared/exportApi.js'
import type { DesignOption, Need } from '../../src/shared/participation.js'
import type { ExportText } from './exportText.js'
import { FONT, type ReportFonts } from './reportFonts.js'

// The report's colours (reportPdf.ts), and the pins' own.
const INK = '#1f2933'
const MUTED = '#52606d'
const RULE = '#cbd2d9'
const PIN = '#c2410c'

/** What the plan pages need of the report's Writer (reportPdf.ts). */
export interface PlanWriter {
  readonly doc: PDFKit.PDFDocument
  /** The content box of the current page: left edge, width, bottom edge. */
  readonly left: number
  readonly width: number
  readonly bottom: number
  text(text: string, x: number | undefined, y: number | undefined, options?: PDFKit.Mixins.TextOptions & { bold?: boolean }): void
  heightOf(text: string, options: PDFKit.Mixins.TextOptions): number
  note(text: string): void
  /** The report's fonts: the drawings' texts name their fallback fonts by family (ReportFonts.svgText). */
  readonly fonts: Pick<ReportFonts, 'fontFor'>
}

/** The drawings' imageCallback (reportPdf.ts imageResolver). */
export interface SvgImages {
  callback: (href: string) => string
}

/** A box: in points on the page, or in an SVG's user units. */
interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** Where a drawing landed: the SVG's user point (u, v) is at (x + (u − viewBox.x)·scale, y + (v − viewBox.y)·scale). */
interface Placed {
  /** The box drawn around it. */
  box: Box
  viewBox: Box | null
  x: number
  y: number
  scale: number
}

export interface OptionPlan {
  svg: string | null
  option: DesignOption | null
  needs: readonly Need[]
  /** Where the option's frame is on the board (ReportRequest.optionBounds). */
  bounds: PageBounds | null
  /** The project has a scale: the plan is a measured site plan, and gets a north arrow. */
  scaled: boolean
  /** Where north is on the plan (degrees clockwise from its top), null when the organizer has not said. */
  northDegrees: number | null
}

const PIN_RADIUS = 7.5
const LEGEND_SIZE = 9.5
const LEGEND_INDENT = 20
const ARROW_COLUMN = 92
const GAP = 14
/** Below this share of the content height left on the page, the plan starts a page of its own. */
const MIN_PLAN_SHARE = 0.45
/** At most this share of the content height is kept free under the plan for its legend; the rest runs on. */
const MAX_LEGEND_SHARE = 0.3
/** The legend's column beside the plan, as a share of the content width (a page wider than the plan). */
const COLUMN_SHARE = 0.24

interface LegendEntry {
  n: number
  need: Need
}

/**
 * The option's plan as large as the page allows, the numbered pins on it, and the legend with the
 * north arrow: under the plan, or in a column beside it when that leaves the plan larger (a plan
 * narrower than the page, as on A3 landscape). Without a drawing the legend is still listed; without
 * the frame's bounds it is listed with no markers.
 */
export function optionPlan(w: PlanWriter, plan: OptionPlan, t: ExportText, images: SvgImages): void {
  const { doc } = w
  const byId = new Map(plan.needs.map((n) => [n.id, n]))
  const entries = (plan.option?.addressedNeedIds ?? []).flatMap((id) => byId.get(id) ?? []).map((need, i): LegendEntry => ({ n: i + 1, need }))
  if (!plan.svg) {
    w.note(t.report.noOptionDrawing)
    legend(w, entries, null, new Set(), { x: w.left, y: doc.y, width: w.width }, t, false)
    return
  }
  const arrow = plan.scaled
  const arrowH = arrow ? arrowHeight(w, t, plan.northDegrees) : 0
  const content = doc.page.height - doc.page.margins.top - doc.page.margins.bottom
  const noteNeeded = plan.bounds === null
  const belowWidth = w.width - (arrow ? ARROW_COLUMN + GAP : 0)
  const belowH = Math.min(content * MAX_LEGEND_SHARE, Math.max(legendHeight(w, entries, belowWidth, t, noteNeeded), arrowH))
  if (w.bottom - doc.y - belowH - GAP < content * MIN_PLAN_SHARE) doc.addPage()

  const space = w.bottom - doc.y
  const aspect = svgAspect(plan.svg)
  const fitted = (width: number, height: number) => Math.min(width, height * aspect) * Math.min(height, width / aspect)
  const columnWidth = Math.max(ARROW_COLUMN + 40, w.width * COLUMN_SHARE)
  const besideH = legendHeight(w, entries, columnWidth, t, noteNeeded) + (arrow ? arrowH + GAP : 0)
  const beside = besideH <= space && fitted(w.width - columnWidth - GAP, space) > 1.05 * fitted(w.width, space - belowH - GAP)

  const top = doc.y
  const area = beside
    ? { x: w.left, y: top, width: w.width - columnWidth - GAP, height: space }
    : { x: w.left, y: top, width: w.width, height: space - belowH - GAP }
  const placed = drawSvg(w, plan.svg, images, area)
  const mapper = plan.bounds ? pinMapper(plan.bounds, placed) : null
  const onPlan = new Set<number>()
  if (mapper) {
    for (const { n, need } of entries) {
      const at = mapper(need)
      if (!at) continue
      pinMarker(w, n, at.x, at.y, PIN_RADIUS)
      onPlan.add(n)
    }
  }

  let end: number
  if (beside) {
    const x = placed.box.x + placed.box.width + GAP
    const width = w.left + w.width - x
    const legendEnd = legend(w, entries, mapper, onPlan, { x, y: top, width }, t, true)
    if (arrow) northArrow(w, x + (width - ARROW_COLUMN) / 2, legendEnd + GAP, t, plan.northDegrees)
    end = Math.max(placed.box.y + placed.box.height + 10, legendEnd + (arrow ? arrowH + GAP : 0))
  } else {
    const below = placed.box.y + placed.box.height + 10
    const page = doc.page
    if (arrow) northArrow(w, w.left + w.width - ARROW_COLUMN, below, t, plan.northDegrees)
    const legendEnd = legend(w, entries, mapper, onPlan, { x: w.left, y: below, width: belowWidth }, t, true)
    // The arrow beside the legend may reach lower than a short legend (not when the legend ran on).
    end = Math.max(legendEnd, doc.page === page ? below + arrowH : 0)
  }
  doc.font(FONT.regular).fontSize(10.5).fillColor(INK)
  doc.x = w.left
  doc.y = end + 8
}

/**
 * The numbered list of the needs at `at` (running onto the next page when it must); returns where
 * it ends. A need whose pin is outside the drawing says so; when a drawing has no markers at all
 * (`onDrawing` without a mapper) a note says why.
 */
function legend(w: PlanWriter, entries: LegendEntry[], mapper: PinMapper | null, onPlan: Set<number>,
  at: { x: number; y: number; width: number }, t: ExportText, onDrawing: boolean): number {
  const { doc } = w
  if (entries.length === 0) return at.y
  doc.font(FONT.bold).fontSize(10).fillColor(INK)
  w.text(t.report.planLegend, at.x, at.y, { width: at.width, bold: true })
  let y = doc.y + 3
  for (const { n, need } of entries) {
    const text = mapper && !onPlan.has(n) ? `${need.text} ${t.report.pinOutside}` : need.text
    doc.font(FONT.regular).fontSize(LEGEND_SIZE)
    const h = Math.max(2 * PIN_RADIUS, w.heightOf(text, { width: at.width - LEGEND_INDENT }))
    if (y + h > w.bottom) {
      doc.addPage()
      y = doc.y
    }
    pinMarker(w, n, at.x + PIN_RADIUS, y + PIN_RADIUS - 1, PIN_RADIUS - 1)
    doc.font(FONT.regular).fontSize(LEGEND_SIZE).fillColor(INK)
    w.text(text, at.x + LEGEND_INDENT, y + 1, { width: at.width - LEGEND_INDENT })
    y = Math.max(doc.y, y + h) + 3
  }
  if (onDrawing && !mapper) {
    doc.font(FONT.regular).fontSize(8.5).fillColor(MUTED)
    w.text(t.report.pinsNotPlaced, at.x, y, { width: at.width })
    y = doc.y
    doc.fillColor(INK)
  }
  return y
}

/** The board overview: the whole drawing in what is left of its page, with room for the frames' names. */
export function boardPlan(w: PlanWriter, svg: string, images: SvgImages): void {
  const { doc } = w
  drawSvg(w, withHeadingRoom(svg), images, { x: w.left, y: doc.y, width: w.width, height: w.bottom - doc.y })
}

/**
 * tldraw draws a frame's name outside the frame: a 24-unit heading up to 34 units above its top
 * edge (beside it for a frame turned on its side), while the export is cut to the shapes' bounds
 * padded by 16 — so the names along the board's top edge were cut in half. The viewBox grows by
 * this much on every side.
 */
export const FRAME_HEADING_ROOM = 40

/** The SVG with FRAME_HEADING_ROOM more room around its viewBox (unchanged when it has no size at all). */
export function withHeadingRoom(svg: string): string {
  const root = /<svg\b[^>]*>/i.exec(svg)
  const vb = svgViewBox(svg)
  if (!root || !vb) return svg
  const m = FRAME_HEADING_ROOM
  const value = `${vb.x - m} ${vb.y - m} ${vb.width + 2 * m} ${vb.height + 2 * m}`
  const re = /(\sviewBox\s*=\s*)("[^"]*"|'[^']*')/i
  const tag = re.test(root[0]) ? root[0].replace(re, `$1"${value}"`) : root[0].replace(/^<svg\b/i, `<svg viewBox="${value}"`)
  return svg.slice(0, root.index) + tag + svg.slice(root.index + root[0].length)
}

type PinMapper = (need: Need) => { x: number; y: number } | null

/**
 * Canvas → page for the option's drawing. The option SVG is the frame exported alone — tldraw adds
 * no padding to a lone frame, so the frame fills the drawing's width, from its top-left corner — with
 * the caption strip below it. Null when the bounds cannot be this drawing's (the frame would be
 * taller than the drawing): no marker is better than one in the wrong place.
 */
function pinMapper(bounds: PageBounds, placed: Placed): PinMapper | null {
  const vb = placed.viewBox
  if (!vb) return null
  const unitsPerCanvas = vb.width / bounds.width
  if (bounds.height * unitsPerCanvas > vb.height * 1.001) return null
  const k = unitsPerCanvas * placed.scale
  return (need) => {
    const inside = need.x >= bounds.x && need.x <= bounds.x + bounds.width && need.y >= bounds.y && need.y <= bounds.y + bounds.height
    return inside ? { x: placed.x + (need.x - bounds.x) * k, y: placed.y + (need.y - bounds.y) * k } : null
  }
}

/** A numbered pin: a filled circle with a white rim and the number in white. */
function pinMarker(w: PlanWriter, n: number, cx: number, cy: number, r: number): void {
  const { doc } = w
  doc.circle(cx, cy, r).lineWidth(1.2).fillColor(PIN).strokeColor('#ffffff').fillAndStroke()
  const size = r * 1.15
  const label = String(n)
  doc.font(FONT.bold).fontSize(size).fillColor('#ffffff')
  // No width, so no line wrapping: pdfkit's wrapper starts a new page for a line that ends below the
  // bottom margin, and a pin may sit at the plan's lower edge. Noto Sans SC's ascent is about 1.16 em
  // and a digit's middle 0.36 em above the baseline: its top goes 0.8 em above the centre.
  w.text(label, cx - doc.widthOfString(label) / 2, cy - size * 0.8, { lineBreak: false, bold: true })
  doc.fillColor(INK)
}

function legendHeight(w: PlanWriter, entries: LegendEntry[], width: number, t: ExportText, withNote: boolean): number {
  if (entries.length === 0) return 0
  w.doc.font(FONT.bold).fontSize(10)
  let h = w.heightOf(t.report.planLegend, { width }) + 3
  w.doc.font(FONT.regular).fontSize(LEGEND_SIZE)
  for (const { need } of entries) h += Math.max(2 * PIN_RADIUS, w.heightOf(`${need.text} ${t.report.pinOutside}`, { width: width - LEGEND_INDENT })) + 3
  w.doc.font(FONT.regular).fontSize(8.5)
  if (withNote) h += w.heightOf(t.report.pinsNotPlaced, { width })
  return h + 8
}

/** The arrow's half length and how far from its centre the letter sits. */
const ARROW_HALF = 17
const LETTER_AT = 27

function arrowHeight(w: PlanWriter, t: ExportText, northDegrees: number | null): number {
  const compass = 2 * (LETTER_AT + 8)
  if (northDegrees !== null) return compass
  w.doc.font(FONT.regular).fontSize(7.5)
  return compass + w.heightOf(t.report.northNote, { width: ARROW_COLUMN })
}

/**
 * A north arrow in a column `ARROW_COLUMN` wide: a half-filled arrow turned to where the organizer
 * said north is on the plan (the scale dialog), with the letter at its tip. Without that setting it
 * points up, with a note that north is taken as the plan's top (site plans and aerial photos are
 * drawn north-up by convention).
 */
function northArrow(w: PlanWriter, x: number, y: number, t: ExportText, northDegrees: number | null): void {
  const { doc } = w
  const cx = x + ARROW_COLUMN / 2
  const cy = y + LETTER_AT + 8
  const turn = northDegrees ?? 0
  doc.save()
  doc.rotate(turn, { origin: [cx, cy] })
  const tip = cy - ARROW_HALF
  const base = cy + ARROW_HALF
  const notch = base - 8
  doc.polygon([cx, tip], [cx - 9, base], [cx, notch]).fillColor(INK).fill()
  doc.polygon([cx, tip], [cx, notch], [cx + 9, base]).lineWidth(0.8).strokeColor(INK).stroke()
  doc.restore()
  // The letter stays upright, beyond the tip.
  const rad = (turn * Math.PI) / 180
  const lx = cx + Math.sin(rad) * LETTER_AT
  const ly = cy - Math.cos(rad) * LETTER_AT
  doc.font(FONT.bold).fontSize(11).fillColor(INK)
  w.text(t.report.north, lx - 10, ly - 7, { width: 20, align: 'center', bold: true, lineBreak: false })
  if (northDegrees === null) {
    doc.font(FONT.regular).fontSize(7.5).fillColor(MUTED)
    w.text(t.report.northNote, x, y + 2 * (LETTER_AT + 8), { width: ARROW_COLUMN, align: 'center' })
  }
  doc.fillColor(INK)
}

/**
 * A drawing fitted into `area` (as large as its shape allows, centred across), with a thin box
 * around it; doc.y moves below it. A drawing svg-to-pdfkit cannot read is skipped with its
 * warnings: it leaves a blank box and never fails the report.
 */
export function drawSvg(w: PlanWriter, svg: string, images: SvgImages, area: Box): Placed {
  const { doc } = w
  const viewBox = svgViewBox(svg)
  const aspect = svgAspect(svg)
  let width = area.width
  let height = width / aspect
  if (height > area.height) {
    height = Math.max(1, area.height)
    width = height * aspect
  }
  const x = area.x + (area.width - width) / 2
  const y = area.y
  doc.save()
  try {
    SVGtoPDF(doc as never, svg, x, y, {
      width, height, preserveAspectRatio: 'xMidYMid meet',
      fontCallback: (family, bold) => w.fonts.fontFor(family, bold),
      imageCallback: images.callback,
      warningCallback: () => {},
    })
  } catch {
    // A drawing that breaks the renderer leaves a blank box; the data sections still follow.
  }
  doc.restore()
  doc.rect(x, y, width, height).lineWidth(0.5).strokeColor(RULE).stroke()
  doc.font(FONT.regular).fontSize(10.5).fillColor(INK)
  doc.x = w.left
  doc.y = y + height + 10
  // 'meet': the viewBox is scaled to fit and centred in the box (they differ only for an aspect svgAspect clamped).
  const scale = viewBox ? Math.min(width / viewBox.width, height / viewBox.height) : 1
  return {
    box: { x, y, width, height },
    viewBox,
    scale,
    x: viewBox ? x + (width - viewBox.width * scale) / 2 : x,
    y: viewBox ? y + (height - viewBox.height * scale) / 2 : y,
  }
}

/** The SVG's user box: its viewBox, else 0 0 width height from its attributes; null when it says neither. */
export function svgViewBox(svg: string): Box | null {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? ''
  const num = '([-+]?[\\d.]+(?:[eE][-+]?\\d+)?)'
  const vb = new RegExp(`\\sviewBox\\s*=\\s*["']\\s*${num}[\\s,]+${num}[\\s,]+${num}[\\s,]+${num}`, 'i').exec(root)
  const box = vb
    ? { x: Number(vb[1]), y: Number(vb[2]), width: Number(vb[3]), height: Number(vb[4]) }
    : { x: 0, y: 0, width: Number(/\swidth\s*=\s*["']([\d.]+)/i.exec(root)?.[1]), height: Number(/\sheight\s*=\s*["']([\d.]+)/i.exec(root)?.[1]) }
  const finite = [box.x, box.y].every(Number.isFinite)
  return finite && box.width > 0 && box.height > 0 ? box : null
}

/** width / height of the SVG from its viewBox (or width/height attributes); 4:3 when it says neither. */
export function svgAspect(svg: string): number {
  const box = svgViewBox(svg)
  return box ? Math.min(20, Math.max(0.05, box.width / box.height)) : 4 / 3
}
