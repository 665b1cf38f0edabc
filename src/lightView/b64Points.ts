/**
 * A decoder for the points of tldraw's draw and highlight segments (tldraw 5 `b64Vecs`), written
 * here so the light view need not load tldraw: base64 of little-endian bytes, the first point as
 * Float32 (x, y[, z]), every later point as Float16 deltas from the one before. `dim` 2 stores no
 * pressure (z); 3, the default, does. test/ui/lightShapes.test.ts checks it against tldraw's own.
 */

const B64_LOOKUP = new Uint8Array(128)
const B64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
for (let i = 0; i < B64_CHARS.length; i++) B64_LOOKUP[B64_CHARS.charCodeAt(i)] = i

function base64Bytes(text: string): Uint8Array {
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--
  const bytes = new Uint8Array(Math.floor((end * 3) / 4))
  let byte = 0
  let bits = 0
  let acc = 0
  for (let i = 0; i < end; i++) {
    acc = (acc << 6) | B64_LOOKUP[text.charCodeAt(i) & 127]
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes[byte++] = (acc >> bits) & 255
    }
  }
  return bytes
}

function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1
  const exp = (bits >> 10) & 31
  const frac = bits & 1023
  if (exp === 0) return sign * frac * 2 ** -24
  if (exp === 31) return frac ? NaN : sign * Infinity
  return sign * 2 ** (exp - 15) * (1 + frac / 1024)
}

/**
 * The points of one encoded path, flat: [x0, y0, x1, y1, …]; their pressures (z, 0.5 where a 2D path
 * stores none) are pushed onto `pressures` when given. An empty or malformed path gives no points.
 */
export function decodeB64Points(path: string, dim: 2 | 3 = 3, pressures?: number[]): number[] {
  const first = dim === 2 ? 8 : 12
  const step = dim === 2 ? 4 : 6
  if (typeof path !== 'string' || path.length === 0) return []
  const bytes = base64Bytes(path)
  if (bytes.length < first) return []
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let x = view.getFloat32(0, true)
  let y = view.getFloat32(4, true)
  let z = dim === 2 ? 0.5 : view.getFloat32(8, true)
  const out = [x, y]
  pressures?.push(z)
  for (let offset = first; offset + step <= bytes.length; offset += step) {
    x += float16(view.getUint16(offset, true))
    y += float16(view.getUint16(offset + 2, true))
    out.push(x, y)
    if (pressures) {
      if (dim === 3) z += float16(view.getUint16(offset + 4, true))
      pressures.push(z)
    }
  }
  return out
}
