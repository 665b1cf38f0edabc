/**
 * Makes server/fonts/NotoSansCJKsc-RareHan.woff2, the source of the rare-character fallback font
 * (server/fonts/rareHan.ts), from Noto Sans CJK SC Regular (SIL OFL 1.1, see NotoSansCJK-OFL.txt).
 * Run once, by hand, on a machine with Debian's fonts-noto-cjk (1:20220127, Noto CJK 2.004):
 *
 *   node server/fonts/makeRareHanSource.mjs /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
 *
 * Kept: every character the SC face has in the supplementary ideographic planes (U+20000–U+3FFFF:
 * CJK Extension B and beyond, compatibility supplement), about 2,400 — the rare characters of
 * people's names that phones in China often lack. Extension A is left out: the system fonts of
 * Android and iOS phones sold in China have it, and it would triple the file.
 *
 * Why a committed subset of this font: no package on the npm registry ships Noto Sans CJK (or
 * another freely licensed font) with Extension B glyphs (@expo-google-fonts/noto-sans-sc, already a
 * dependency for the PDF, is Google Fonts' cut: 54 Extension B characters, no 𠮷); CI machines
 * have no CJK system fonts. The OFL allows a modified (subset) version to be shipped with the licence.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const fontkit = require('fontkit')
const subsetFont = require('subset-font')

const FACE = 'NotoSansCJKsc-Regular'
const FIRST = 0x20000
const LAST = 0x3ffff

/** One face of a TrueType/OpenType collection as a standalone font (its tables copied out). */
function extractFace(ttc, index) {
  const faceOffset = ttc.readUInt32BE(12 + 4 * index)
  const numTables = ttc.readUInt16BE(faceOffset + 4)
  const tables = []
  for (let i = 0; i < numTables; i++) {
    const at = faceOffset + 12 + 16 * i
    tables.push({ tag: ttc.subarray(at, at + 4), checksum: ttc.readUInt32BE(at + 4), offset: ttc.readUInt32BE(at + 8), length: ttc.readUInt32BE(at + 12) })
  }
  const headerLength = 12 + 16 * numTables
  let size = headerLength
  for (const t of tables) size += (t.length + 3) & ~3
  const out = Buffer.alloc(size)
  ttc.copy(out, 0, faceOffset, faceOffset + 12)
  let next = headerLength
  tables.forEach((t, i) => {
    const at = 12 + 16 * i
    t.tag.copy(out, at)
    out.writeUInt32BE(t.checksum, at + 4)
    out.writeUInt32BE(next, at + 8)
    out.writeUInt32BE(t.length, at + 12)
    ttc.copy(out, next, t.offset, t.offset + t.length)
    next += (t.length + 3) & ~3
  })
  return out
}

const source = process.argv[2]
if (!source) throw new Error('usage: node server/fonts/makeRareHanSource.mjs <NotoSansCJK-Regular.ttc>')
const ttc = readFileSync(source)
const collection = fontkit.create(ttc)
const index = collection.fonts.findIndex((f) => f.postscriptName === FACE)
if (index < 0) throw new Error(`${FACE} is not in ${source}`)
const face = collection.fonts[index]
const codePoints = face.characterSet.filter((cp) => cp >= FIRST && cp <= LAST).sort((a, b) => a - b)
const text = String.fromCodePoint(...codePoints)
// Name ids 0–6 (copyright, family, version, PostScript name…) stay, so the file says what it is.
const woff2 = await subsetFont(extractFace(ttc, index), text, { targetFormat: 'woff2', preserveNameIds: [0, 1, 2, 3, 4, 5, 6, 7, 11, 13, 14] })
const target = path.join(path.dirname(fileURLToPath(import.meta.url)), 'NotoSansCJKsc-RareHan.woff2')
writeFileSync(target, woff2)
console.log(`${face.postscriptName} ${face.version}: ${codePoints.length} characters, ${woff2.length} bytes → ${target}`)
console.log(`copyright: ${face.copyright}`)
