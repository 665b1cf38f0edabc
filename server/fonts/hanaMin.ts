/**
 * The report's last fallback for rare Chinese characters: HanaMin (花園明朝 Hanazono Mincho, free
 * under the Hanazono Font License or SIL OFL 1.1), from the `hanamin` npm package, which ships it
 * split into WOFF2 files of ~1,000 characters each. It has every character of CJK Extension B–F and
 * the compatibility supplement (60,859), where the Noto cut we serve to browsers (rareHan.ts) has
 * ~2,400: a resident named 王𪚥 gets her name printed, not an empty box. It is a serif face beside
 * the report's sans text — a rare character in another style is still the right character.
 *
 * Only the files a report's text needs are read, each cut (HarfBuzz, through subset-font) to the
 * characters used, so a report with one rare name embeds a few KB, not the 23 MB package.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { HANAMIN_RANGES } from './hanaMinIndex.js'

const require = createRequire(import.meta.url)
type SubsetFont = (font: Buffer, text: string, options?: { targetFormat?: 'truetype' }) => Promise<Buffer>
// subset-font ships no types; typed here as the part of it we call.
const subsetFont = require('subset-font') as SubsetFont

/** One cut of a HanaMin file: the characters of a text it draws, as a TrueType font. */
export interface HanaMinCut {
  /** Which file it came from (stable, so the PDF's font names are too). */
  file: string
  bytes: Buffer
  codePoints: ReadonlySet<number>
}

/** The HanaMin file that has `cp`, if any (binary search of the generated index). */
export function hanaMinFileFor(cp: number): string | undefined {
  let lo = 0
  let hi = HANAMIN_RANGES.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const [first, last, file] = HANAMIN_RANGES[mid]
    if (cp < first) hi = mid - 1
    else if (cp > last) lo = mid + 1
    else return file
  }
  return undefined
}

/** The cuts that draw the characters of `codePoints` HanaMin has, one per file needed. */
export async function hanaMinCuts(codePoints: Iterable<number>): Promise<HanaMinCut[]> {
  const byFile = new Map<string, number[]>()
  for (const cp of codePoints) {
    const file = hanaMinFileFor(cp)
    if (file) byFile.set(file, [...(byFile.get(file) ?? []), cp])
  }
  const dir = path.dirname(require.resolve('hanamin/package.json'))
  return Promise.all([...byFile].map(async ([file, cps]) => ({
    file,
    bytes: await subsetFont(readFileSync(path.join(dir, file)), String.fromCodePoint(...cps), { targetFormat: 'truetype' }),
    codePoints: new Set(cps),
  })))
}
