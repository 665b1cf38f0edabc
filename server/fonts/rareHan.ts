/**
 * Rare Chinese characters (CJK Extension B and beyond, e.g. 𠮷 U+20BB7 in 刘𠮷) drawn with a font we
 * serve ourselves, because the phones of our residents often have no glyph for them
 * and no request may go to a foreign font CDN.
 *
 * The source is NotoSansCJKsc-RareHan.woff2 beside this file: Noto Sans CJK SC Regular cut down to
 * the ~2,400 characters it has in U+20000–U+3FFFF (made by makeRareHanSource.mjs; SIL OFL 1.1,
 * NotoSansCJK-OFL.txt). Browsers get it in chunks of CHUNK characters, each its own `@font-face`
 * whose `unicode-range` lists exactly its characters: a page downloads nothing unless such a
 * character is on screen, and then only the ~20 KB chunk that holds it, not the 600 KB font.
 *
 * The subsetting is HarfBuzz's (hb-subset, through the `subset-font` package: WebAssembly, no native
 * build; it writes complete fonts with cmap and name tables, which fontkit's PDF-only subsets lack).
 * The same module makes subsets for any text (`subsetFor`), for the PDF report.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
type SubsetFont = (font: Buffer, text: string, options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype' }) => Promise<Buffer>
// These three packages ship no types and require() returns any: each is typed here as the part of it we call.
const subsetFont = require('subset-font') as SubsetFont
const fontverter = require('fontverter') as { convert(font: Buffer, to: 'sfnt' | 'truetype'): Promise<Buffer> }
const fontkit = require('fontkit') as { create(buffer: Buffer): { characterSet: number[] } }

/** The family name our CSS puts first in its font stacks (src/app/rareHanFont.ts). */
export const RARE_HAN_FAMILY = 'CG Rare Han'
/** Characters per chunk: one chunk is about 20 KB as WOFF2, and the CSS lists about 40 of them. */
export const RARE_HAN_CHUNK = 64
const SOURCE_FILE = 'NotoSansCJKsc-RareHan.woff2'

/** Where the source lies: beside this file when run from source (tests), under the repo's server/fonts when built to dist/. */
function sourcePath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url))
  // Beside this file (tests run the source), in the source tree from dist/server/server/fonts, or
  // in the source tree under the working directory (the benchmarks compile the server elsewhere).
  const candidates = [
    path.join(here, SOURCE_FILE),
    path.resolve(here, '../../../server/fonts', SOURCE_FILE),
    path.resolve(process.cwd(), 'server/fonts', SOURCE_FILE),
  ]
  const found = candidates.find((p) => existsSync(p))
  if (!found) throw new Error(`The rare-character font ${SOURCE_FILE} is missing (looked in ${candidates.join(', ')})`)
  return found
}

function hex(cp: number): string {
  return cp.toString(16).toUpperCase()
}

/** `U+20BB7,U+20C00-20C05,…`: consecutive code points folded into ranges. */
export function unicodeRange(codePoints: readonly number[]): string {
  const parts: string[] = []
  for (let i = 0; i < codePoints.length; i++) {
    let j = i
    while (j + 1 < codePoints.length && codePoints[j + 1] === codePoints[j] + 1) j++
    parts.push(j === i ? `U+${hex(codePoints[i])}` : `U+${hex(codePoints[i])}-${hex(codePoints[j])}`)
    i = j
  }
  return parts.join(',')
}

export class RareHanFont {
  /** The characters the font has, ascending. */
  readonly codePoints: readonly number[]
  /** `codePoints` in chunks of RARE_HAN_CHUNK: chunk i is served as `<version>/<i>.woff2`. */
  readonly chunks: readonly (readonly number[])[]
  /** Changes whenever the source does: part of every chunk's URL, so chunks can be cached for good. */
  readonly version: string
  private readonly has: ReadonlySet<number>
  private sfnt: Promise<Buffer> | undefined
  private readonly chunkCache = new Map<number, Promise<Buffer>>()

  constructor(private readonly source: Buffer) {
    this.version = createHash('sha256').update(source).digest('hex').slice(0, 12)
    this.codePoints = [...new Set(fontkit.create(source).characterSet)].sort((a, b) => a - b)
    this.has = new Set(this.codePoints)
    const chunks: number[][] = []
    for (let i = 0; i < this.codePoints.length; i += RARE_HAN_CHUNK) chunks.push(this.codePoints.slice(i, i + RARE_HAN_CHUNK))
    this.chunks = chunks
  }

  /** The shipped font (read once per process). */
  static shipped(): RareHanFont {
    shippedFont ??= new RareHanFont(readFileSync(sourcePath()))
    return shippedFont
  }

  /** The `@font-face` rules for every chunk, their URLs under `base` (e.g. '/fonts/rare-han/'). */
  css(base: string): string {
    return this.chunks.map((chunk, i) => [
      '@font-face {',
      `  font-family: '${RARE_HAN_FAMILY}';`,
      `  src: url('${base}${this.version}/${i}.woff2') format('woff2');`,
      '  font-display: swap;',
      `  unicode-range: ${unicodeRange(chunk)};`,
      '}',
    ].join('\n')).join('\n') + '\n'
  }

  /** Chunk `index` as WOFF2; made on first request and kept (about 40 chunks, ~1 MB in all). */
  chunk(index: number): Promise<Buffer> | undefined {
    const codePoints = this.chunks[index]
    if (!codePoints) return undefined
    let made = this.chunkCache.get(index)
    if (!made) {
      made = this.subset(codePoints, 'woff2')
      // A failure is not kept: the next request tries again.
      made.catch(() => this.chunkCache.delete(index))
      this.chunkCache.set(index, made)
    }
    return made
  }

  /**
   * A font with the characters of `text` that this font has (for the PDF report: embed it
   * as a fallback beside the main font); null when `text` has none of them.
   */
  async subsetFor(text: string, format: 'truetype' | 'woff2' = 'truetype'): Promise<Buffer | null> {
    const wanted = [...new Set([...text].map((c) => c.codePointAt(0)!))].filter((cp) => this.has.has(cp)).sort((a, b) => a - b)
    return wanted.length === 0 ? null : this.subset(wanted, format)
  }

  /** True when the font has a glyph for the character `cp`. */
  covers(cp: number): boolean {
    return this.has.has(cp)
  }

  private async subset(codePoints: readonly number[], format: 'truetype' | 'woff2'): Promise<Buffer> {
    // The source is WOFF2; decompressing it once (~10 ms) saves doing it for every subset.
    this.sfnt ??= fontverter.convert(this.source, 'truetype')
    return subsetFont(await this.sfnt, String.fromCodePoint(...codePoints), { targetFormat: format })
  }
}

let shippedFont: RareHanFont | undefined
