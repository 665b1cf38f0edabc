/**
 * Which need pins are drawn alone and which are drawn together as one "N 条需求" bubble. A pin is a
 * label in words ("休憩座椅 4人"), far wider than the old one-character dot, so pins near each other
 * on the plan overlap on the screen at most zooms; overlapping buttons cannot be told apart by a
 * finger. Pins that would overlap are grouped under the most supported one; tapping the bubble zooms
 * in until they separate. Pure: no DOM, no tldraw; test/ui/needs.test.ts covers it.
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
}

/** Screen px kept free between two pins, so a finger between them is not on both. */
export const PIN_GAP_PX = 4

/**
 * Groups `pins` (in priority order: the first of a group is its lead) so that no two drawn pins
 * overlap on the screen at `zoom`. `widthPx(pin)` is a pin's on-screen width, `heightPx` every pin's
 * height; a pin's box sits centred above its tip. Linear in the number of pins (a grid of cells one
 * widest pin across), so hundreds of pins regroup within a frame while a pinch zooms.
 */
export function groupPins<T extends PinPlace>(pins: readonly T[], widthPx: (pin: T) => number, heightPx: number, zoom: number): PinGroup<T>[] {
  if (pins.length === 0 || !(zoom > 0)) return pins.map((p) => ({ lead: p, members: [p] }))
  const widths = pins.map(widthPx)
  const cellW = Math.max(...widths) + PIN_GAP_PX
  const cellH = heightPx + PIN_GAP_PX
  const groups: PinGroup<T>[] = []
  const leadWidth: number[] = []
  const cells = new Map<string, number[]>()
  const cellOf = (sx: number, sy: number) => [Math.floor(sx / cellW), Math.floor(sy / cellH)] as const

  pins.forEach((pin, i) => {
    const sx = pin.x * zoom
    const sy = pin.y * zoom
    const [cx, cy] = cellOf(sx, sy)
    let joined = -1
    // Two boxes overlap only when their tips are less than one cell apart on both axes: the 3×3
    // cells around this pin hold every lead it could touch.
    for (let dx = -1; dx <= 1 && joined < 0; dx++) {
      for (let dy = -1; dy <= 1 && joined < 0; dy++) {
        for (const g of cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          const lead = groups[g].lead
          const apartX = Math.abs(lead.x * zoom - sx) >= (leadWidth[g] + widths[i]) / 2 + PIN_GAP_PX
          const apartY = Math.abs(lead.y * zoom - sy) >= cellH
          if (!apartX && !apartY) {
            // The earliest group wins, whatever order the cells are visited in.
            if (joined < 0 || g < joined) joined = g
          }
        }
      }
    }
    if (joined >= 0) {
      groups[joined].members.push(pin)
      return
    }
    const key = `${cx},${cy}`
    const inCell = cells.get(key)
    if (inCell) inCell.push(groups.length)
    else cells.set(key, [groups.length])
    leadWidth.push(widths[i])
    groups.push({ lead: pin, members: [pin] })
  })
  return groups
}

/**
 * A pin's width in CSS px, estimated from its text without measuring the DOM (hundreds of pins,
 * every zoom step): CJK characters are about 1em wide, others about 0.6em. Overestimating a little
 * only groups a little sooner.
 */
export function pinWidthPx(label: string, count: string, fontPx: number, labelMaxEm: number): number {
  const em = (text: string) => Array.from(text).reduce((sum, ch) => sum + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.62), 0)
  // Padding 0.75em each side, the colour dot 0.85em and its gap 0.4em, the gap before the count 0.4em, borders 6px.
  return (Math.min(em(label), labelMaxEm) + em(count) + 1.5 + 0.85 + 0.4 + 0.4) * fontPx + 6
}

/** The page rectangle around a group's pins, to zoom to when its bubble is tapped. */
export function groupBounds(members: readonly PinPlace[]): { x: number; y: number; w: number; h: number } {
  const xs = members.map((m) => m.x)
  const ys = members.map((m) => m.y)
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y }
}
