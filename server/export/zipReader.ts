/**
 * Reading an uploaded ZIP without trusting it. The central directory is read first, and the caller
 * checks every entry's name and declared size before anything is inflated (zip-bomb guard). Each
 * entry is then inflated with a hard output cap (zlib's maxOutputLength), so an entry that lies
 * about its size stops at the size it declared instead of filling memory or burning CPU; a size
 * mismatch is an error. fflate writes our archives; this reader stays on Node's zlib because fflate's
 * unzip keeps decoding past a lying entry's declared size.
 */
import zlib from 'node:zlib'

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated; anything else is refused. */
  method: number
  compressedSize: number
  size: number
  localHeaderOffset: number
}

export class ZipFormatError extends Error {}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** The entries the central directory lists (no data read yet). */
export function listZip(buf: Buffer, maxEntries: number): ZipEntry[] {
  if (buf.length < 22) throw new ZipFormatError('the file is too short to be a ZIP archive')
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new ZipFormatError('it is not a ZIP archive (no end-of-archive record)')
  const count = buf.readUInt16LE(eocd + 10)
  const dirSize = buf.readUInt32LE(eocd + 12)
  const dirOffset = buf.readUInt32LE(eocd + 16)
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipFormatError('ZIP64 archives are not supported')
  if (count > maxEntries) throw new ZipFormatError(`it holds ${count} files; an archive may hold at most ${maxEntries}`)
  if (dirOffset + dirSize > eocd) throw new ZipFormatError('its table of contents is damaged')
  const entries: ZipEntry[] = []
  let p = dirOffset
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError('its table of contents is damaged')
    const flags = buf.readUInt16LE(p + 8)
    const method = buf.readUInt16LE(p + 10)
    const compressedSize = buf.readUInt32LE(p + 20)
    const size = buf.readUInt32LE(p + 24)
    const nameLength = buf.readUInt16LE(p + 28)
    const extraLength = buf.readUInt16LE(p + 30)
    const commentLength = buf.readUInt16LE(p + 32)
    const localHeaderOffset = buf.readUInt32LE(p + 42)
    if (flags & 0x1) throw new ZipFormatError('encrypted ZIP archives are not supported')
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength)
    entries.push({ name, method, compressedSize, size, localHeaderOffset })
    p += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** One entry's bytes, inflated to at most its declared size. */
export function readZipEntry(buf: Buffer, entry: ZipEntry): Buffer {
  const h = entry.localHeaderOffset
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== LOCAL) throw new ZipFormatError(`the entry ${entry.name} is damaged`)
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28)
  const end = start + entry.compressedSize
  if (end > buf.length) throw new ZipFormatError(`the entry ${entry.name} is cut short`)
  const data = buf.subarray(start, end)
  let out: Buffer
  if (entry.method === 0) {
    out = Buffer.from(data)
  } else if (entry.method === 8) {
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) })
    } catch {
      throw new ZipFormatError(`the entry ${entry.name} is damaged or larger than it says`)
    }
  } else {
    throw new ZipFormatError(`the entry ${entry.name} uses a compression method this server does not read`)
  }
  if (out.length !== entry.size) throw new ZipFormatError(`the entry ${entry.name} is not the size it says`)
  return out
}
