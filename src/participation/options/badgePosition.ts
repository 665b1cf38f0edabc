/** Where an option's badge goes over its frame on the screen (pure: test/ui/options.test.ts). */
import type { ScreenRect } from './useOptionFrameBounds'

/** Screen px kept between the badge and the frame's edge. */
const MARGIN = 6

/** A badge narrower than this is not worth showing (only a sliver of the frame is on screen). */
const MIN_BADGE_PX = 64

/**
 * Top-left inside the frame, slid along it to stay on screen while the frame's corner is off it,
 * and never wider than the part of the frame on screen: two frames side by side never get
 * overlapping badges. Null when too little of the frame shows.
 */
export function badgePosition(rect: ScreenRect, screenWidth: number): { left: number; top: number; maxWidth: number } | null {
  const left = Math.min(Math.max(rect.x, 0), rect.x + rect.w - 48) + MARGIN
  const top = Math.min(Math.max(rect.y, 0), rect.y + rect.h - 36) + MARGIN
  const maxWidth = Math.min(rect.x + rect.w, screenWidth) - MARGIN - left
  return maxWidth >= MIN_BADGE_PX ? { left, top, maxWidth } : null
}
