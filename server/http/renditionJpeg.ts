/**
 * The bytes of a rendition (planRendition.ts): the JPEG shrunk to RENDITION_MAX_SIDE at
 * RENDITION_QUALITY, or at a lower quality where that would spend more bytes per pixel than the
 * original does: an original saved at low quality has no detail a higher one could keep (the 711 KiB
 * plan of the phone bench is quality 46; at quality 82 its rendition was 515 KiB, barely smaller).
 */
import { RENDITION_MAX_SIDE, RENDITION_QUALITY } from '../../src/shared/imageRendition.js'
import { shrinkJpeg } from '../export/reportPhotos.js'

/** Tried in turn after RENDITION_QUALITY; the last one is kept whatever its size. */
const LOWER_QUALITIES = [70, 60, 50]

/** Undefined: keep the original (small enough already, an EXIF orientation, an unreadable size). */
export function renditionJpeg(bytes: Uint8Array): Uint8Array | undefined {
  const size = jpegSize(bytes)
  let out = shrinkJpeg(bytes, RENDITION_MAX_SIDE, RENDITION_QUALITY)
  if (!out || !size) return out
  const scale = RENDITION_MAX_SIDE / Math.max(size.width, size.height)
  const pixels = Math.round(size.width * scale) * Math.round(size.height * scale)
  const budget = (bytes.length / (size.width * size.height)) * pixels
  for (const quality of LOWER_QUALITIES) {
    if (out.length <= budget) break
    out = shrinkJpeg(bytes, RENDITION_MAX_SIDE, quality) ?? out
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
