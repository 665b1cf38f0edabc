/**
 * Which need pins are drawn alone and which are drawn together as one "N 条需求" bubble. A pin is a
 * label in words ("休憩座椅 4人"), far wider than the old one-character dot, so pins near each other
 * on the plan overlap on the screen at most zooms; overlapping buttons cannot be told apart by a
 * finger. Pins that would overlap are grouped under the most supported one; tapping the bubble zooms
 * in until they separate. Before grouping, a crowded pin slides its label sideways over its tail.
 * Pure: no DOM, no tldraw; test/ui/needs.test.ts covers it.
 *
 * Grouping is done in page coordinates at a given zoom, so it changes only when the zoom does: a pan
 * moves pins and bubbles without regrouping them (no bubbles splitting and merging under a moving
 * finger), and the caller can recompute screen positions cheaply on every camera frame.
 */

export interface PinPlace {
  id: string
  /** Page coordinates of the pin's tip. */
  x: number
  y: number
}

export interface PinGroup<T extends PinPlace> {
  /** The pin drawn (alone, or as the bubble's place): the first of `members` in the input order. */
  lead: T
  /** Every pin of the group, lead first; one member means a pin drawn alone. */
  members: T[]
  /**
   * Screen px from the tip to the middle of the drawn box: 0 when centred above its place; a pin
   * crowded on one side slides its box to the other (the tail still points at its place).
   */
  shift: number
}

/** Screen px kept free between two pins, so a finger between them is not on both. */
export const PIN_GAP_PX = 4
/** Screen px from a box's side to its tail when the box slides: the tail stays under the rounded end. */
export const TAIL_INSET_PX = 24

/**
 * Groups `pins` (in priority order: the first of a group is its lead) so that no two drawn pins
 * overlap on the screen at `zoom`. `widthPx(pin)` is a pin's on-screen width, `heightPx` every pin's
 * height; a pin's box sits above its tip, centred, or slid left or right as far as its tail allows
 * when that is what keeps it clear (words are better than a bubble); only a pin with no clear place
 * joins the group of the first box in its way. Linear in the number of pins (a grid of cells one
 * widest pin across), so hundreds of pins regroup within a frame while a pinch zooms.
 */
export function groupPins<T extends PinPlace>(pins: readonly T[], widthPx: (pin: T) => number, heightPx: number, zoom: number): PinGroup<T>[] {
  if (pins.length === 0 || !(zoom > 0)) return pins.map((p) => ({ lead: p, members: [p], shift: 0 }))
  const widths = pins.map(widthPx)
  const cellW = Math.max(...widths) + PIN_GAP_PX
  const cellH = heightPx + PIN_GAP_PX
  const groups: PinGroup<T>[] = []
  /** Drawn boxes: centre x, tip y and width, in screen px; by index of their group. */
  const boxes: { cx: number; y: number; w: number }[] = []
  // Cells by a number, not a string: thousands of look-ups per regroup, allocation-free.
  const cells = new Map<number, number[]>()
  const cellKey = (gx: number, gy: number) => gx * 4_194_304 + gy

  /** The earliest drawn box a box centred at `cx` (width `w`, tip at `y`) would touch, or -1. */
  const firstInTheWay = (cx: number, y: number, w: number): number => {
    let first = -1
    const gx = Math.floor(cx / cellW)
    const gy = Math.floor(y / cellH)
    // Two boxes touch only when their centres are less than one cell apart on both axes: the 3×3
    // cells around this one hold every box it could touch.
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const inCell = cells.get(cellKey(gx + dx, gy + dy))
        if (!inCell) continue
        for (const g of inCell) {
          const b = boxes[g]
          const touch = Math.abs(b.cx - cx) < (b.w + w) / 2 + PIN_GAP_PX && Math.abs(b.y - y) < cellH
          // The earliest group wins, whatever order the cells are visited in.
          if (touch && (first < 0 || g < first)) first = g
        }
      }
    }
    return first
  }

  pins.forEach((pin, i) => {
    const sx = pin.x * zoom
    const sy = pin.y * zoom
    const w = widths[i]
    const slide = Math.max(0, w / 2 - TAIL_INSET_PX)
    const inTheWay = firstInTheWay(sx, sy, w)
    let shift: number | null = inTheWay < 0 ? 0 : null
    for (const s of [slide, -slide]) {
      if (shift === null && s !== 0 && firstInTheWay(sx + s, sy, w) < 0) shift = s
    }
    if (shift === null) {
      groups[inTheWay].members.push(pin)
      return
    }
    const key = cellKey(Math.floor((sx + shift) / cellW), Math.floor(sy / cellH))
    const inCell = cells.get(key)
    if (inCell) inCell.push(groups.length)
    else cells.set(key, [groups.length])
    boxes.push({ cx: sx + shift, y: sy, w })
    groups.push({ lead: pin, members: [pin], shift })
  })
  return groups
}

/**
 * A pin's width in CSS px, estimated from its text without measuring the DOM (hundreds of pins,
 * every zoom step): CJK characters are about 1em wide, others about 0.6em. Overestimating a little
 * only groups a little sooner.
 */
export function pinWidthPx(label: string, count: string, fontPx: number, labelMaxEm: number): number {
  // Padding 0.75em each side, the colour dot 0.85em and its gap 0.4em, the gap before the count 0.4em, borders 6px.
  return (Math.min(textEm(label), labelMaxEm) + textEm(count) + 1.5 + 0.85 + 0.4 + 0.4) * fontPx + 6
}

/**
 * A "N 条需求" bubble's width in CSS px (needs.css, .cg-need-pin--group): padding 0.75em each side,
 * `dots` small colour dots of 0.7em overlapping by 0.2em, the words (0.25em apart from the dots), the
 * 1.4em ＋, a 0.4em gap between each of those items, borders 6px.
 */
export function bubbleWidthPx(label: string, dots: number, fontPx: number): number {
  return (1.5 + dots * 0.5 + (dots + 1) * 0.4 + 0.25 + textEm(label) + 1.4) * fontPx + 6
}

/** A text's width in em: a CJK character 1em, anything else about 0.62em (an estimate: no layout here). */
function textEm(text: string): number {
  return Array.from(text).reduce((sum, ch) => sum + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.62), 0)
}

/** The page rectangle around a group's pins, to zoom to when its bubble is tapped. */
export function groupBounds(members: readonly PinPlace[]): { x: number; y: number; w: number; h: number } {
  const xs = members.map((m) => m.x)
  const ys = members.map((m) => m.y)
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y }
}
