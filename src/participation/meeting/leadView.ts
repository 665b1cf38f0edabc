/**
 * The presenter's lead as geometry, without tldraw (the light view uses it too): the presenter's
 * screen is sent as the page area it shows; each follower fits that area to its own screen, so a
 * phone in portrait sees all the presenter sees (with more above and below), never a laptop
 * camera's top-left corner.
 */
import type { ViewBox } from '../../shared/participation'

/** A tldraw camera: page point at the screen's top-left is (-x, -y), zoom z. */
export interface LeadCamera {
  x: number
  y: number
  z: number
}

/** The camera showing all of `view`, centred, on a screen of `screen` size, zoom kept within `zoom`. */
export function fitViewBox(view: ViewBox, screen: { w: number; h: number }, zoom: { min: number; max: number }): LeadCamera {
  const z = Math.min(zoom.max, Math.max(zoom.min, Math.min(screen.w / view.width, screen.h / view.height)))
  return { x: screen.w / 2 / z - (view.x + view.width / 2), y: screen.h / 2 / z - (view.y + view.height / 2), z }
}

/** Do two views differ enough to be worth sending (a pixel's worth at the presenter's zoom)? */
export function viewMoved(a: ViewBox, b: ViewBox, unit: number): boolean {
  return Math.abs(a.x - b.x) > unit || Math.abs(a.y - b.y) > unit || Math.abs(a.width - b.width) > unit || Math.abs(a.height - b.height) > unit
}

/** The presenter's page sends its view at most this often while it moves (the server pushes each to every screen). */
export const LEAD_SEND_MS = 400
