/**
 * Shrinks a site photo in the browser before it is uploaded: at most PHOTO_MAX_SIDE px on its long
 * side, JPEG. A phone photo of 5–12 MB becomes a few hundred KB, which matters on a site visit's
 * mobile data.
 *
 * Privacy: the photo is decoded and drawn onto a canvas, and the canvas is encoded afresh, so the
 * uploaded file carries no metadata at all — no EXIF, no GPS, no camera serial. The location is
 * kept only if the expert asks for it, and then only in the board (shape meta), never in the file.
 */
import { fitWithin, PHOTO_QUALITY, type Size } from './photoLayout'

export interface ResizedPhoto extends Size {
  blob: Blob
}

/** Thrown when the browser cannot open the file as an image (damaged, or a format it cannot read). */
export class UnreadablePhotoError extends Error {
  constructor() {
    super('The browser cannot decode this image')
    this.name = 'UnreadablePhotoError'
  }
}

type Drawable = ImageBitmap | HTMLImageElement

/**
 * Decode with the camera's orientation applied (a phone held upright writes a landscape picture
 * plus an "rotate 90°" EXIF tag): `imageOrientation: 'from-image'` for bitmaps; <img> elements
 * apply it by default (CSS image-orientation: from-image).
 */
async function decode(file: Blob): Promise<{ image: Drawable; size: Size; release: () => void }> {
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
  } catch {
    URL.revokeObjectURL(url)
    throw new UnreadablePhotoError()
  }
  return { image: img, size: { width: img.naturalWidth, height: img.naturalHeight }, release: () => URL.revokeObjectURL(url) }
}

export async function resizePhoto(file: Blob): Promise<ResizedPhoto> {
  const { image, size, release } = await decode(file)
  try {
    if (!(size.width > 0 && size.height > 0)) throw new UnreadablePhotoError()
    const target = fitWithin(size.width, size.height)
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
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_QUALITY))
    // Phones free a large canvas's memory sooner when it is shrunk to nothing.
    canvas.width = 0
    canvas.height = 0
    if (!blob) throw new Error('The canvas could not be encoded')
    return { blob, ...target }
  } finally {
    release()
  }
}
