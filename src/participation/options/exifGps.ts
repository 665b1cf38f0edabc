/**
 * A tiny EXIF reader for site photos: where (GPS latitude/longitude) and when (DateTimeOriginal) a
 * JPEG was taken. Pure: bytes in, plain values out. Never throws — a photo with broken or hostile
 * metadata is simply a photo without metadata. Every offset read from the file is bounds-checked.
 *
 * Only JPEG carries EXIF here: phones give JPEG to web pages (iOS converts HEIC on upload).
 */

export interface GpsPoint {
  /** Degrees, north positive. */
  lat: number
  /** Degrees, east positive. */
  lon: number
}

export interface PhotoExif {
  gps: GpsPoint | null
  /** The camera's local time when the photo was taken, 'YYYY-MM-DDTHH:MM:SS' (EXIF has no time zone). */
  takenAt: string | null
}

/** How much of a file to read: EXIF sits in APP1 near the start and one segment is ≤ 64 KB. */
export const EXIF_READ_BYTES = 256 * 1024

const NONE: PhotoExif = { gps: null, takenAt: null }

const TAG_EXIF_IFD = 0x8769
const TAG_GPS_IFD = 0x8825
const TAG_DATETIME_ORIGINAL = 0x9003
const GPS_LAT_REF = 1
const GPS_LAT = 2
const GPS_LON_REF = 3
const GPS_LON = 4

/** Byte size of one value of each TIFF field type (1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL, 7 UNDEFINED, 9 SLONG, 10 SRATIONAL). */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 }

/** Read GPS and DateTimeOriginal from the start of a JPEG file. */
export function readExif(bytes: ArrayBuffer | Uint8Array): PhotoExif {
  try {
    const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
    const tiff = findExifTiff(data)
    return tiff ? readTiff(tiff) : NONE
  } catch {
    // A DataView read past the end (RangeError) means a truncated file: no metadata, not a failure.
    return NONE
  }
}

/** The TIFF block inside the JPEG's Exif APP1 segment, or null. */
function findExifTiff(data: Uint8Array): DataView | null {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return null
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  let pos = 2
  while (pos + 4 <= data.length) {
    if (data[pos] !== 0xff) return null
    const marker = data[pos + 1]
    // Fill bytes (0xFF 0xFF…) may pad between segments.
    if (marker === 0xff) {
      pos += 1
      continue
    }
    // Start of scan or end of image: the metadata segments are all before it.
    if (marker === 0xda || marker === 0xd9) return null
    const length = view.getUint16(pos + 2)
    if (length < 2) return null
    const start = pos + 4
    const end = pos + 2 + length
    if (marker === 0xe1 && end <= data.length && length >= 8 && isExifHeader(data, start)) {
      return new DataView(data.buffer, data.byteOffset + start + 6, end - start - 6)
    }
    pos = end
  }
  return null
}

function isExifHeader(data: Uint8Array, at: number): boolean {
  // "Exif\0\0"
  return data[at] === 0x45 && data[at + 1] === 0x78 && data[at + 2] === 0x69 && data[at + 3] === 0x66 &&
    data[at + 4] === 0 && data[at + 5] === 0
}

interface Entry {
  type: number
  count: number
  /** Where the value is, from the TIFF start (inline in the entry when it fits in 4 bytes). */
  valueAt: number
}

function readTiff(tiff: DataView): PhotoExif {
  if (tiff.byteLength < 8) return NONE
  const order = tiff.getUint16(0)
  if (order !== 0x4949 && order !== 0x4d4d) return NONE
  const le = order === 0x4949
  if (tiff.getUint16(2, le) !== 42) return NONE

  const ifd0 = readIfd(tiff, tiff.getUint32(4, le), le)
  const gpsIfd = pointer(tiff, ifd0.get(TAG_GPS_IFD), le)
  const exifIfd = pointer(tiff, ifd0.get(TAG_EXIF_IFD), le)

  let gps: GpsPoint | null = null
  if (gpsIfd !== null) {
    const tags = readIfd(tiff, gpsIfd, le)
    const lat = degrees(tiff, tags.get(GPS_LAT), le)
    const lon = degrees(tiff, tags.get(GPS_LON), le)
    const latRef = ascii(tiff, tags.get(GPS_LAT_REF))
    const lonRef = ascii(tiff, tags.get(GPS_LON_REF))
    if (lat !== null && lon !== null && lat <= 90 && lon <= 180 && !(lat === 0 && lon === 0)) {
      // Some phones write 0/0 when they had no fix; that is "no GPS", not a place in the Atlantic.
      gps = { lat: latRef?.startsWith('S') ? -lat : lat, lon: lonRef?.startsWith('W') ? -lon : lon }
    }
  }

  let takenAt: string | null = null
  if (exifIfd !== null) {
    takenAt = exifDate(ascii(tiff, readIfd(tiff, exifIfd, le).get(TAG_DATETIME_ORIGINAL)))
  }
  return { gps, takenAt }
}

/** The entries of one IFD by tag; empty when the offset is out of range. */
function readIfd(tiff: DataView, offset: number, le: boolean): Map<number, Entry> {
  const entries = new Map<number, Entry>()
  if (offset < 8 || offset + 2 > tiff.byteLength) return entries
  const count = tiff.getUint16(offset, le)
  for (let i = 0; i < count; i++) {
    const at = offset + 2 + i * 12
    if (at + 12 > tiff.byteLength) break
    const tag = tiff.getUint16(at, le)
    const type = tiff.getUint16(at + 2, le)
    const n = tiff.getUint32(at + 4, le)
    const size = TYPE_SIZE[type]
    if (!size) continue
    const valueAt = size * n <= 4 ? at + 8 : tiff.getUint32(at + 8, le)
    if (valueAt + size * n > tiff.byteLength) continue
    entries.set(tag, { type, count: n, valueAt })
  }
  return entries
}

function pointer(tiff: DataView, entry: Entry | undefined, le: boolean): number | null {
  if (!entry || entry.count < 1) return null
  if (entry.type === 4) return tiff.getUint32(entry.valueAt, le)
  if (entry.type === 3) return tiff.getUint16(entry.valueAt, le)
  return null
}

/** Degrees, minutes, seconds (three RATIONALs) as decimal degrees; null if malformed. */
function degrees(tiff: DataView, entry: Entry | undefined, le: boolean): number | null {
  if (!entry || entry.type !== 5 || entry.count < 3) return null
  let total = 0
  for (let i = 0; i < 3; i++) {
    const num = tiff.getUint32(entry.valueAt + i * 8, le)
    const den = tiff.getUint32(entry.valueAt + i * 8 + 4, le)
    if (den === 0) {
      // 0/0 is how some cameras write "no seconds"; anything else over 0 is broken.
      if (num === 0) continue
      return null
    }
    total += num / den / 60 ** i
  }
  return Number.isFinite(total) ? total : null
}

function ascii(tiff: DataView, entry: Entry | undefined): string | null {
  if (!entry || (entry.type !== 2 && entry.type !== 7)) return null
  let s = ''
  for (let i = 0; i < entry.count; i++) {
    const c = tiff.getUint8(entry.valueAt + i)
    if (c === 0) break
    s += String.fromCharCode(c)
  }
  return s
}

/** 'YYYY:MM:DD HH:MM:SS' → 'YYYY-MM-DDTHH:MM:SS'; null for blanks and impossible dates. */
export function exifDate(value: string | null): string | null {
  const m = value?.trim().match(/^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/)
  if (!m) return null
  const [, y, mo, d, h, mi, s] = m.map(Number)
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`
}
