/**
 * The bytes of a rendition (planRendition.ts): the JPEG shrunk to RENDITION_MAX_SIDE at
 * RENDITION_QUALITY, or at a lower quality where that would spend more bytes per pixel than the
 * original does: an original saved at low quality has no detail a higher one could keep (the 711 KiB
 * plan of the phone bench is quality 46; at quality 82 its rendition was 515 KiB, barely smaller).
 */
import { RENDITION_MAX_SIDE, RENDITION_QUALITY } from '../../src/shared/imageRendition.js'
import jpeg from 'jpeg-js'
import { scaleJpeg } from '../export/reportPhotos.js'

/** Tried in turn after RENDITION_QUALITY; the last one is kept whatever its size. */
const LOWER_QUALITIES = [70, 60, 50]

/** Undefined: keep the original (small enough already, an EXIF orientation, an unreadable size). */
export function renditionJpeg(bytes: Uint8Array): Uint8Array | undefined {
  // Decoded and scaled once; only the (cheaper) encoding is repeated.
  const scaled = scaleJpeg(bytes, RENDITION_MAX_SIDE)
  if (!scaled) return undefined
  const size = jpegSize(bytes)
  let out = jpeg.encode(scaled, RENDITION_QUALITY).data
  if (!size) return out
  const budget = (bytes.length / (size.width * size.height)) * scaled.width * scaled.height
  for (const quality of LOWER_QUALITIES) {
    if (out.length <= budget) break
    out = jpeg.encode(scaled, quality).data
  }
  return out
}

/** Width and height from the JPEG's frame header (SOF0–SOF15 but DHT, JPG and DAC), or undefined. */
function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let i = 2
  while (i + 9 < b.length && b[i] === 0xff) {
    const marker = b[i + 1]
    const length = (b[i + 2] << 8) | b[i + 3]
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (b[i + 5] << 8) | b[i + 6]
      const width = (b[i + 7] << 8) | b[i + 8]
      return width > 0 && height > 0 ? { width, height } : undefined
    }
    if (marker === 0xda || length < 2) return undefined
    i += 2 + length
  }
  return undefined
}
