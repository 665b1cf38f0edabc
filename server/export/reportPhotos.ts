/**
 * Photos in a report. Embedded as stored while they fit the budget; when a board's photos together
 * are larger, each big JPEG is shrunk once to a "report rendition" (1000 px long side, quality 75:
 * still about 450 dpi at the size a photo is printed) and kept in <dataDir>/report-cache/<board>/
 * so the next report reuses it. Measured: 30 detailed 2000 px photos give a 25 MB PDF as stored and
 * 4.4 MB shrunk (docs/api.md, "Export and import"). jpeg-js is pure JavaScript and slow (about 0.4 s
 * a photo), which is one reason the report renders off the main thread (runReport.ts).
 *
 * PNGs are embedded as stored: a pasted PNG is usually a drawing or a screenshot, which JPEG would
 * blur, and decoding it would need another library.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import jpeg from 'jpeg-js'

/** Photos of one report up to this many bytes in total are embedded as stored. */
export const PHOTO_PASSTHROUGH_BUDGET = 12 * 1024 * 1024
/** Over the budget, JPEGs larger than this are shrunk. */
const SHRINK_ABOVE_BYTES = 300 * 1024
const REPORT_MAX_SIDE = 1000
const REPORT_QUALITY = 75
/** A photo bigger than this (in pixels) is not decoded at all (memory); it is embedded as stored. */
const MAX_DECODE_MEGAPIXELS = 40

export interface PhotoPlan {
  /** Asset path → the path to embed instead (the shrunk copy). */
  replacements: Map<string, string>
}

/**
 * Decide, for the distinct asset files a report shows, which are embedded shrunk, and make the
 * shrunk copies that are missing. Never throws for one bad photo: that photo stays as stored.
 */
export function planPhotos(assetPaths: string[], cacheDir: string): PhotoPlan {
  const replacements = new Map<string, string>()
  const sizes = assetPaths.map((p) => ({ path: p, size: fileSize(p) }))
  const total = sizes.reduce((sum, s) => sum + s.size, 0)
  if (total <= PHOTO_PASSTHROUGH_BUDGET) return { replacements }
  for (const { path: assetPath, size } of sizes) {
    if (!assetPath.endsWith('.jpg') || size <= SHRINK_ABOVE_BYTES) continue
    const cached = path.join(cacheDir, `${path.basename(assetPath, '.jpg')}-${REPORT_MAX_SIDE}q${REPORT_QUALITY}.jpg`)
    if (fileSize(cached) > 0) {
      replacements.set(assetPath, cached)
      continue
    }
    try {
      const shrunk = shrinkJpeg(fs.readFileSync(assetPath))
      if (!shrunk) continue
      fs.mkdirSync(cacheDir, { recursive: true })
      // Written under a temp name and renamed, so a half-written copy is never picked up.
      const temp = `${cached}.${randomBytes(6).toString('hex')}.tmp`
      fs.writeFileSync(temp, shrunk)
      fs.renameSync(temp, cached)
      replacements.set(assetPath, cached)
    } catch {
      // A photo jpeg-js cannot read (progressive variants, CMYK…) is embedded as stored.
    }
  }
  return { replacements }
}

function fileSize(p: string): number {
  try {
    return fs.statSync(p).size
  } catch {
    return 0
  }
}

/**
 * The JPEG scaled down to `maxSide` (the report's 1000 px unless asked otherwise) by area averaging
 * and encoded at `quality`, or undefined if it should stay as it is.
 */
export function shrinkJpeg(bytes: Uint8Array, maxSide = REPORT_MAX_SIDE, quality = REPORT_QUALITY): Buffer | undefined {
  const scaled = scaleJpeg(bytes, maxSide)
  return scaled && jpeg.encode(scaled, quality).data
}

/**
 * The JPEG's pixels scaled down to `maxSide` on the long side by area averaging (RGBA), or undefined
 * if it should stay as it is (small enough already, or an EXIF orientation). Also used for the base
 * plan's phone rendition (server/http/renditionJpeg.ts), which tries several qualities of one scaling.
 */
export function scaleJpeg(bytes: Uint8Array, maxSide: number): { data: Uint8Array; width: number; height: number } | undefined {
  // Lifecycle edge: a JPEG with EXIF may carry an orientation pdfkit honours; re-encoding would drop
  // it and turn the photo sideways. Our uploads have none (the browser resizes and strips EXIF).
  if (hasExif(bytes)) return undefined
  const src = jpeg.decode(bytes, { useTArray: true, maxResolutionInMP: MAX_DECODE_MEGAPIXELS, maxMemoryUsageInMB: 512 })
  const scale = Math.min(1, maxSide / Math.max(src.width, src.height))
  if (scale === 1) return undefined
  const w = Math.max(1, Math.round(src.width * scale))
  const h = Math.max(1, Math.round(src.height * scale))
  const out = new Uint8Array(w * h * 4)
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor(y / scale)
    const y1 = Math.max(y0 + 1, Math.min(src.height, Math.floor((y + 1) / scale)))
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(x / scale)
      const x1 = Math.max(x0 + 1, Math.min(src.width, Math.floor((x + 1) / scale)))
      let r = 0, g = 0, b = 0, n = 0
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const i = (yy * src.width + xx) * 4
          r += src.data[i]; g += src.data[i + 1]; b += src.data[i + 2]; n++
        }
      }
      const o = (y * w + x) * 4
      out[o] = r / n; out[o + 1] = g / n; out[o + 2] = b / n; out[o + 3] = 255
    }
  }
  return { data: out, width: w, height: h }
}

/** An APP1 "Exif" segment among the JPEG's first markers. */
function hasExif(b: Uint8Array): boolean {
  let i = 2
  while (i + 4 < b.length && b[i] === 0xff) {
    const marker = b[i + 1]
    if (marker === 0xda || marker === 0xd9) return false
    const length = (b[i + 2] << 8) | b[i + 3]
    if (marker === 0xe1 && b[i + 4] === 0x45 && b[i + 5] === 0x78 && b[i + 6] === 0x69 && b[i + 7] === 0x66) return true
    i += 2 + length
  }
  return false
}
