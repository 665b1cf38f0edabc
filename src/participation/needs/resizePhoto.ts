/**
 * A phone photo made fit to pin on a need: turned upright (EXIF orientation), at most
 * PHOTO_MAX_SIDE px on its long side, re-encoded as JPEG. Privacy: drawing onto a canvas and
 * encoding again keeps only pixels, so the camera's EXIF block — GPS position included — is dropped.
 */
import { fitWithin, PHOTO_JPEG_QUALITY, PHOTO_MAX_SIDE } from './needsLogic'

export class PhotoReadError extends Error {
  constructor(cause: unknown) {
    super('The image could not be decoded', { cause })
    this.name = 'PhotoReadError'
  }
}

export async function resizePhoto(file: Blob, maxSide = PHOTO_MAX_SIDE, quality = PHOTO_JPEG_QUALITY): Promise<Blob> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  } catch (err) {
    // HEIC on a browser that cannot read it, a broken file, or not an image at all.
    throw new PhotoReadError(err)
  }
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, maxSide)
    const canvas = document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new PhotoReadError(new Error('no 2d canvas'))
    // JPEG has no transparency: a transparent PNG would turn black without a white ground.
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, width, height)
    ctx.imageSmoothingQuality = 'high'
    ctx.drawImage(bitmap, 0, 0, width, height)
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new PhotoReadError(new Error('toBlob gave nothing')))), 'image/jpeg', quality),
    )
  } finally {
    bitmap.close()
  }
}
