/**
 * "Bring everyone to me": what a device shows when it follows the organizer. The server keeps the
 * organizer's camera only; with the size of the organizer's screen (from their presence on the board)
 * a phone can fit the organizer's whole view instead of copying a laptop camera's top-left corner.
 */
import type { Gather, Viewport } from '../../shared/participation'

export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** The page area a camera shows on a screen of `screen` size. */
export function visiblePageBounds(camera: Viewport, screen: { w: number; h: number }): Box {
  return { x: -camera.x, y: -camera.y, w: screen.w / camera.z, h: screen.h / camera.z }
}

export function sameCamera(a: Viewport, b: Viewport, epsilon = 0.5): boolean {
  return Math.abs(a.x - b.x) < epsilon && Math.abs(a.y - b.y) < epsilon && Math.abs(a.z - b.z) < 0.001
}

/** A gather older than this when a page first loads is an earlier moment of the meeting, not "now". */
export const GATHER_FRESH_MS = 60_000

/**
 * Should this device move to `gather`? Once per gather id; on the first state a page sees, only a
 * gather made moments ago (someone joining an hour later should not be thrown to an old view).
 */
export function shouldFollow(gather: Gather | null, lastSeenId: string | null, firstState: boolean, serverNow: number): boolean {
  if (!gather || gather.id === lastSeenId) return false
  return !firstState || serverNow - gather.at <= GATHER_FRESH_MS
}
