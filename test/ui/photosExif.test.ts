import { describe, expect, it } from 'vitest'
import { exifDate, readExif } from '../../src/participation/options/exifGps'

/** A TIFF field for the test builder: inline (≤ 4 bytes) or stored after the IFDs. */
interface Field {
  tag: number
  type: 2 | 3 | 4 | 5
  /** ASCII text, or numbers (RATIONAL: [num, den, num, den, …]). */
  value: string | number[]
}

const SIZE = { 2: 1, 3: 2, 4: 4, 5: 8 } as const

/**
 * Build a JPEG with an Exif APP1 segment: IFD0 → Exif IFD (DateTimeOriginal) and GPS IFD, as a
 * phone writes them. `le`: little-endian ("II", most phones) or big-endian ("MM").
 */
function jpegWithExif(opts: { le: boolean; gps?: Field[]; exif?: Field[]; extraApp0?: boolean }): Uint8Array {
  const { le } = opts
  const sub: { tag: number; fields: Field[] }[] = []
  if (opts.exif) sub.push({ tag: 0x8769, fields: opts.exif })
  if (opts.gps) sub.push({ tag: 0x8825, fields: opts.gps })

  // Layout: header (8) | IFD0 | each sub IFD | data area.
  const ifdSize = (n: number) => 2 + n * 12 + 4
  const ifd0Count = sub.length
  let offset = 8 + ifdSize(ifd0Count)
  const subOffsets = sub.map((s) => {
    const at = offset
    offset += ifdSize(s.fields.length)
    return at
  })
  let dataAt = offset
  const buf = new ArrayBuffer(4096)
  const v = new DataView(buf)
  v.setUint16(0, le ? 0x4949 : 0x4d4d)
  v.setUint16(2, 42, le)
  v.setUint32(4, 8, le)

  const writeIfd = (at: number, fields: Field[]) => {
    v.setUint16(at, fields.length, le)
    fields.forEach((f, i) => {
      const e = at + 2 + i * 12
      const bytes = typeof f.value === 'string' ? [...f.value].map((c) => c.charCodeAt(0)).concat(0) : f.value
      const count = typeof f.value === 'string' ? bytes.length : f.type === 5 ? f.value.length / 2 : f.value.length
      v.setUint16(e, f.tag, le)
      v.setUint16(e + 2, f.type, le)
      v.setUint32(e + 4, count, le)
      const size = SIZE[f.type] * count
      const target = size <= 4 ? e + 8 : dataAt
      if (size > 4) {
        v.setUint32(e + 8, dataAt, le)
        dataAt += size
      }
      if (f.type === 2) bytes.forEach((b, j) => v.setUint8(target + j, b))
      else if (f.type === 3) bytes.forEach((b, j) => v.setUint16(target + j * 2, b, le))
      else bytes.forEach((b, j) => v.setUint32(target + j * 4, b, le))
    })
    v.setUint32(at + 2 + fields.length * 12, 0, le)
  }
  writeIfd(8, sub.map((s, i) => ({ tag: s.tag, type: 4, value: [subOffsets[i]!] })))
  sub.forEach((s, i) => writeIfd(subOffsets[i]!, s.fields))

  const tiff = new Uint8Array(buf, 0, dataAt)
  const app1Length = 2 + 6 + tiff.length
  const parts: number[] = [0xff, 0xd8]
  if (opts.extraApp0) parts.push(0xff, 0xe0, 0x00, 0x10, ...new TextEncoder().encode('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0)
  parts.push(0xff, 0xe1, app1Length >> 8, app1Length & 0xff, ...new TextEncoder().encode('Exif'), 0, 0, ...tiff)
  parts.push(0xff, 0xda, 0x00, 0x02, 0xff, 0xd9)
  return new Uint8Array(parts)
}

/** 31°13'48.6"N 121°28'30"E — People's Square, Shanghai. */
const SHANGHAI_GPS: Field[] = [
  { tag: 1, type: 2, value: 'N' },
  { tag: 2, type: 5, value: [31, 1, 13, 1, 486, 10] },
  { tag: 3, type: 2, value: 'E' },
  { tag: 4, type: 5, value: [121, 1, 28, 1, 30, 1] },
]
const TAKEN: Field[] = [{ tag: 0x9003, type: 2, value: '2024:05:18 09:41:07' }]

describe('reading where and when a site photo was taken', () => {
  it('reads GPS and DateTimeOriginal from a little-endian (phone) JPEG', () => {
    const exif = readExif(jpegWithExif({ le: true, gps: SHANGHAI_GPS, exif: TAKEN, extraApp0: true }))
    expect(exif.gps?.lat).toBeCloseTo(31 + 13 / 60 + 48.6 / 3600, 6)
    expect(exif.gps?.lon).toBeCloseTo(121 + 28 / 60 + 30 / 3600, 6)
    expect(exif.takenAt).toBe('2024-05-18T09:41:07')
  })

  it('reads a big-endian JPEG the same way', () => {
    const exif = readExif(jpegWithExif({ le: false, gps: SHANGHAI_GPS, exif: TAKEN }))
    expect(exif.gps?.lat).toBeCloseTo(31.230167, 5)
    expect(exif.takenAt).toBe('2024-05-18T09:41:07')
  })

  it('makes south and west negative', () => {
    const gps = SHANGHAI_GPS.map((f) => (f.tag === 1 ? { ...f, value: 'S' } : f.tag === 3 ? { ...f, value: 'W' } : f))
    const exif = readExif(jpegWithExif({ le: true, gps }))
    expect(exif.gps!.lat).toBeLessThan(0)
    expect(exif.gps!.lon).toBeCloseTo(-(121 + 28 / 60 + 30 / 3600), 6)
  })

  it('has no location when the photo has none, or only 0/0 (no fix)', () => {
    expect(readExif(jpegWithExif({ le: true, exif: TAKEN })).gps).toBeNull()
    const zero: Field[] = [
      { tag: 2, type: 5, value: [0, 1, 0, 1, 0, 1] },
      { tag: 4, type: 5, value: [0, 1, 0, 1, 0, 1] },
    ]
    expect(readExif(jpegWithExif({ le: true, gps: zero })).gps).toBeNull()
  })

  it('ignores impossible coordinates and zero denominators', () => {
    const bad: Field[] = [
      { tag: 2, type: 5, value: [95, 1, 0, 1, 0, 1] },
      { tag: 4, type: 5, value: [121, 1, 28, 1, 30, 1] },
    ]
    expect(readExif(jpegWithExif({ le: true, gps: bad })).gps).toBeNull()
    const div0: Field[] = [
      { tag: 2, type: 5, value: [31, 0, 0, 1, 0, 1] },
      { tag: 4, type: 5, value: [121, 1, 28, 1, 30, 1] },
    ]
    expect(readExif(jpegWithExif({ le: true, gps: div0 })).gps).toBeNull()
  })

  it('never throws on broken or foreign bytes: such a photo just has no metadata', () => {
    const good = jpegWithExif({ le: true, gps: SHANGHAI_GPS, exif: TAKEN })
    for (let cut = 0; cut < good.length; cut += 7) {
      expect(() => readExif(good.slice(0, cut))).not.toThrow()
    }
    expect(readExif(new TextEncoder().encode('not a picture at all'))).toEqual({ gps: null, takenAt: null })
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
    expect(readExif(png)).toEqual({ gps: null, takenAt: null })
    // An IFD pointer far outside the segment.
    const hostile = good.slice()
    const view = new DataView(hostile.buffer)
    const tiffStart = 2 + 4 + 6
    view.setUint32(tiffStart + 4, 0xfffffff0, true)
    expect(readExif(hostile)).toEqual({ gps: null, takenAt: null })
  })

  it('accepts only real EXIF dates', () => {
    expect(exifDate('2023:12:31 23:59:59')).toBe('2023-12-31T23:59:59')
    expect(exifDate('0000:00:00 00:00:00')).toBeNull()
    expect(exifDate('    :  :     :  :  ')).toBeNull()
    expect(exifDate(null)).toBeNull()
  })
})
