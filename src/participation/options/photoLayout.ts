/**
 * Sizes and places for site photos. Pure arithmetic, unit-tested: how large a photo is after the
 * browser shrinks it, and where each photo of one upload goes around the spot the expert tapped.
 */
import { fitWithin as fitPhoto, type PhotoSize, SITE_PHOTO } from '../resizePhoto'

export type Size = PhotoSize

export interface Point {
  x: number
  y: number
}

/** The longest side a site photo keeps (px): sharp on a laptop, small enough for a phone's data plan. */
export const PHOTO_MAX_SIDE = SITE_PHOTO.maxSide
/** Each photo on the plan fits in a square of this many page units. */
export const PHOTO_CELL = 300
/** Space between photos of one upload, in page units. */
export const PHOTO_GAP = 24

/** The size a site photo is shrunk to (src/participation/resizePhoto.ts does the shrinking). */
export function fitWithin(width: number, height: number, max = PHOTO_MAX_SIDE): Size {
  return fitPhoto(width, height, max)
}

/** The size of a photo filling a `box`×`box` square on the plan (scaled up or down), keeping its shape. */
export function fitInBox(width: number, height: number, box = PHOTO_CELL): Size {
  const scale = box / Math.max(width, height)
  return { width: width * scale, height: height * scale }
}

/** Columns of the grid for `count` photos: as square as it gets (1, 2, 2, 2, 3…). */
export function gridColumns(count: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(count)))
}

/**
 * Where photo number `index` (0-based) of `count` goes: the top-left corner of its photo, which
 * is centred in its cell of a grid centred on `center`. `size` is the photo's size on the plan.
 */
export function photoPosition(index: number, count: number, center: Point, size: Size, cell = PHOTO_CELL, gap = PHOTO_GAP): Point {
  const cols = gridColumns(count)
  const rows = Math.ceil(count / cols)
  const step = cell + gap
  const left = center.x - (cols * cell + (cols - 1) * gap) / 2
  const top = center.y - (rows * cell + (rows - 1) * gap) / 2
  const col = index % cols
  const row = Math.floor(index / cols)
  return {
    x: left + col * step + (cell - size.width) / 2,
    y: top + row * step + (cell - size.height) / 2,
  }
}
