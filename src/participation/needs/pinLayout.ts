/**
 * Where the need pins of an opened board stand on screen and what they say, without React or the
 * DOM: the light view's pins (src/lightView/LightPins.tsx) and the boot view (src/app/bootView.ts,
 * painted before the app's code has run) both place them with this, so neither moves a pin when the
 * next takes over. The editor's pins share the same grouping (pinViews.tsx, NeedPins.tsx).
 */
import type { Camera } from '../../board'
import type { Lang, Strings } from '../../i18n/lang'
// Not through src/i18n/lang.ts, which also loads the string tables: the boot view carries no table.
import { format } from '../../shared/i18n/messages'
import type { Need, NeedCategory } from '../../shared/participation'
import { categoryLabel, liveNeeds, sortNeeds } from './needsLogic'
import { bubbleWidthPx, groupPins, pinWidthPx, TAIL_INSET_PX, type PinGroup } from './pinGroups'

/** Pins this far (CSS px) outside the viewport are still drawn, so one half off the edge shows. */
export const CULL_MARGIN_PX = 120
/** A category name longer than this (in em) is cut with "…" on its pin; the card shows it whole. */
const LABEL_MAX_EM = 8
/** A pin is 3rem high (48 px: a fingertip; 60 px in 大字 mode) plus its 0.75rem tail (needs.css). */
const PIN_HEIGHT_REM = 3.75
/** Screen px kept between a pin's label and the screen's side, where its tail allows. */
const SCREEN_EDGE_PX = 4

/** The two strings a pin's size depends on (t.needs.pinCount and t.needs.pinGroup). */
export type PinWords = Pick<Strings['needs'], 'pinCount' | 'pinGroup'>

export interface PinText {
  label: string
  count: string
  width: number
}

export interface PinTexts {
  byId: Map<string, PinText>
  heightPx: number
  bubbleWidth: (group: PinGroup<Need>) => number
}

/** Each pin's words and width, and a pin's height, at the root font size `rootPx` (大字 mode raises it). */
export function pinTexts(needs: readonly Need[], categoryList: readonly NeedCategory[] | undefined, words: PinWords, lang: Lang, rootPx: number): PinTexts {
  const categories = new Map((categoryList ?? []).map((c) => [c.id, c]))
  const out = new Map<string, PinText>()
  for (const need of needs) {
    const label = categoryLabel(categories.get(need.categoryId), lang)
    const count = format(words.pinCount, { count: need.support })
    out.set(need.id, { label, count, width: pinWidthPx(label, count, rootPx, LABEL_MAX_EM) })
  }
  // A bubble's width, for keeping it on screen: a dot per kind inside (at most 4), its words and ＋.
  const bubbleWidth = (group: PinGroup<Need>) =>
    bubbleWidthPx(groupWords(words, group.members.length), Math.min(4, new Set(group.members.map((m) => m.categoryId)).size), rootPx)
  return { byId: out, heightPx: PIN_HEIGHT_REM * rootPx, bubbleWidth }
}

/** "N 条需求". */
export function groupWords(words: Pick<PinWords, 'pinGroup'>, count: number): string {
  return format(words.pinGroup, { count })
}

/** The needs a board draws as pins, in the order that picks each group's lead (most supported first). */
export function pinnedNeeds(needs: readonly Need[]): Need[] {
  return sortNeeds(liveNeeds(needs), 'support')
}

/** A pin or bubble on screen: where its tip is (CSS px from the view's corner) and how far its box slides. */
export interface PlacedPin {
  group: PinGroup<Need>
  x: number
  y: number
  shift: number
}

/** The groups (groupPins at the camera's zoom) that fall on a `width`×`height` view, placed on it. */
export function placePins(groups: readonly PinGroup<Need>[], texts: PinTexts, camera: Camera, width: number, height: number): PlacedPin[] {
  const out: PlacedPin[] = []
  for (const group of groups) {
    const x = (group.lead.x + camera.x) * camera.z
    const y = (group.lead.y + camera.y) * camera.z
    if (x < -CULL_MARGIN_PX || y < -CULL_MARGIN_PX || x > width + CULL_MARGIN_PX || y > height + CULL_MARGIN_PX) continue
    const bubble = group.members.length > 1
    const shift = shiftOntoScreen(x, group.shift, bubble ? texts.bubbleWidth(group) : texts.byId.get(group.lead.id)?.width ?? 0, width)
    out.push({ group, x, y, shift })
  }
  return out
}

/** groupPins with the widths and height of `texts`. */
export function groupNeedPins(needs: readonly Need[], texts: PinTexts, zoom: number): PinGroup<Need>[] {
  return groupPins(needs, (n) => texts.byId.get(n.id)?.width ?? 0, texts.heightPx, zoom)
}

/**
 * A pin near the screen's side slides its label inwards (as far as its tail allows), so its words
 * are not cut off by the edge. Only on screen, per frame: the grouping stays as it was.
 */
export function shiftOntoScreen(x: number, shift: number, width: number, screenWidth: number): number {
  const half = width / 2
  const slide = Math.max(0, half - TAIL_INSET_PX)
  let s = shift
  const left = x + s - half - SCREEN_EDGE_PX
  if (left < 0) s = Math.min(Math.max(slide, s), s - left)
  const right = x + s + half + SCREEN_EDGE_PX - screenWidth
  if (right > 0) s = Math.max(Math.min(-slide, s), s - right)
  return s
}

/** The root font size in px (16 unless the browser is set otherwise; 大字 mode raises it by 25 %). */
export function rootFontPx(large: boolean): number {
  if (typeof document === 'undefined') return large ? 20 : 16
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || (large ? 20 : 16)
}
