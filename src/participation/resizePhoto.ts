/**
 * A phone photo made fit to upload, for a need's photo and for site photos alike: turned upright
 * (the camera's EXIF orientation), at most `maxSide` px on its long side, re-encoded as JPEG. A
 * phone photo of 5–12 MB becomes a few hundred KB, which matters on mobile data.
 *
 * Privacy: the photo is decoded and drawn onto a canvas, and the canvas is encoded afresh, so the
 * uploaded file carries no metadata at all — no EXIF, no GPS, no camera serial. (A site photo's
 * location is kept only if the expert asks, and then only in the board's shape meta.)
 */

export interface PhotoSize {
  width: number
  height: number
}

export interface ResizeOptions {
  /** Longest side after resizing, in px. */
  maxSide: number
  /** JPEG quality, 0…1. */
  quality: number
}

/** A need's photo: seen on a phone's card, so smaller. */
export const NEED_PHOTO: ResizeOptions = { maxSide: 1600, quality: 0.8 }
/** A site photo on the plan: sharp on a laptop, still small enough for a site visit's data plan. */
export const SITE_PHOTO: ResizeOptions = { maxSide: 2000, quality: 0.82 }

/** The size of an image whose longer side is at most `maxSide`, keeping its shape; never enlarged, never 0. */
export function fitWithin(width: number, height: number, maxSide: number): PhotoSize {
  if (!(width > 0 && height > 0)) throw new RangeError('A photo has a size above 0')
  const scale = Math.min(1, maxSide / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

export interface ResizedPhoto extends PhotoSize {
  blob: Blob
}

/** The browser cannot open the file as an image (damaged, not an image, or HEIC where unsupported). */
export class UnreadablePhotoError extends Error {
  constructor(cause?: unknown) {
    super('The browser cannot decode this image', { cause })
    this.name = 'UnreadablePhotoError'
  }
}

type Drawable = ImageBitmap | HTMLImageElement

/**
 * Decode with the camera's orientation applied (a phone held upright writes a landscape picture
 * plus a "rotate 90°" EXIF tag): `imageOrientation: 'from-image'` for bitmaps; <img> elements
 * apply it by default (CSS image-orientation: from-image).
 */
async function decode(file: Blob): Promise<{ image: Drawable; size: PhotoSize; release: () => void }> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
      return { image: bitmap, size: { width: bitmap.width, height: bitmap.height }, release: () => bitmap.close() }
    } catch {
      // Older Safari rejects the options object; try an <img>, which also honours orientation.
    }
  }
  const url = URL.createObjectURL(file)
  const img = new Image()
  img.src = url
  try {
    await img.decode()
  } catch (err) {
    URL.revokeObjectURL(url)
    throw new UnreadablePhotoError(err)
  }
  return { image: img, size: { width: img.naturalWidth, height: img.naturalHeight }, release: () => URL.revokeObjectURL(url) }
}

export async function resizePhoto(file: Blob, { maxSide, quality }: ResizeOptions): Promise<ResizedPhoto> {
  const { image, size, release } = await decode(file)
  try {
    if (!(size.width > 0 && size.height > 0)) throw new UnreadablePhotoError()
    const target = fitWithin(size.width, size.height, maxSide)
    const canvas = document.createElement('canvas')
    canvas.width = target.width
    canvas.height = target.height
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('No 2D canvas')
    // JPEG has no transparency: a PNG with a transparent background would turn black without this.
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, target.width, target.height)
    ctx.imageSmoothingQuality = 'high'
    ctx.drawImage(image, 0, 0, target.width, target.height)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
    // Phones free a large canvas's memory sooner when it is shrunk to nothing.
    canvas.width = 0
    canvas.height = 0
    if (!blob) throw new Error('The canvas could not be encoded')
    return { blob, ...target }
  } finally {
    release()
  }
}
