/** A real, decodable PNG of any size in one colour, made in memory (browsers must be able to show it). */
import zlib from 'node:zlib'

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(body))
  return Buffer.concat([len, body, crc])
}

export function solidPng(width: number, height: number, rgb: [number, number, number] = [120, 170, 110]): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour RGB
  const row = Buffer.alloc(1 + width * 3)
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3)
  const raw = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * A site plan as a real PNG: lawn, paved paths, buildings and a row of trees, so that screenshots
 * and layout checks see a plan with edges, not a flat colour.
 */
export function planPng(width: number, height: number): Buffer {
  const px = Buffer.alloc(width * height * 3)
  const fill = (x0: number, y0: number, x1: number, y1: number, rgb: [number, number, number]) => {
    for (let y = Math.max(0, Math.floor(y0 * height)); y < Math.min(height, Math.floor(y1 * height)); y++) {
      for (let x = Math.max(0, Math.floor(x0 * width)); x < Math.min(width, Math.floor(x1 * width)); x++) px.set(rgb, (y * width + x) * 3)
    }
  }
  fill(0, 0, 1, 1, [236, 232, 220]) // paving
  fill(0.08, 0.12, 0.62, 0.82, [176, 208, 150]) // lawn
  fill(0.3, 0, 0.36, 1, [214, 204, 184]) // path north-south
  fill(0, 0.44, 1, 0.5, [214, 204, 184]) // path east-west
  for (const [x, y] of [[0.68, 0.08], [0.68, 0.56], [0.86, 0.08], [0.86, 0.56]]) fill(x, y, x + 0.12, y + 0.34, [170, 170, 178]) // buildings
  for (let i = 0; i < 6; i++) fill(0.1 + i * 0.08, 0.86, 0.13 + i * 0.08, 0.92, [96, 150, 90]) // trees
  const raw = Buffer.alloc(height * (1 + width * 3))
  for (let y = 0; y < height; y++) px.copy(raw, y * (1 + width * 3) + 1, y * width * 3, (y + 1) * width * 3)
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = 2
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
