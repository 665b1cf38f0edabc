/**
 * The report's fonts and which of them draws each character.
 *
 * Noto Sans SC covers the Chinese people type every day, but not the rare characters of CJK
 * Extension B and beyond (𠮷 in 刘𠮷, which GB 18030-2022 expects a system to handle) nor emoji
 * (🌳, 👍). pdfkit draws a character its font lacks as an empty box, so every text is cut into runs,
 * each drawn with the first font of the chain that has its characters:
 *   1. Noto Sans SC (regular and bold);
 *   2. the rare-character font we ship (server/fonts/rareHan.ts), cut at render time to the
 *      characters this report uses, since the whole of it is 600 KB;
 *   3. HanaMin (server/fonts/hanaMin.ts), which has every character of Extension B–F: the files of
 *      it the text needs, each cut to the characters used;
 *   4. Noto Emoji (monochrome outlines; OFL 1.1, the @expo-google-fonts/noto-emoji package, like
 *      Noto Sans SC), which pdfkit subsets to the emoji used as it embeds it.
 * Only fonts we ship: a server's system fonts differ from machine to machine, so the same archive
 * would print differently. What no font has is counted and named, so the export can say so.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { RareHanFont } from '../fonts/rareHan.js'
import { hanaMinCuts, type HanaMinCut } from '../fonts/hanaMin.js'

const require = createRequire(import.meta.url)
type FontkitFont = { hasGlyphForCodePoint(cp: number): boolean }
// fontkit is pdfkit's own font engine (a dependency of pdfkit); its types are not published.
const fontkit = require('fontkit') as { create(bytes: Buffer): FontkitFont }

const FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
  emoji: require.resolve('@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf'),
  emojiBold: require.resolve('@expo-google-fonts/noto-emoji/700Bold/NotoEmoji_700Bold.ttf'),
}

/** The names the fonts are registered under in the PDF document. */
export const FONT = {
  regular: 'cjk',
  bold: 'cjk-bold',
  rare: 'cjk-rare',
  emoji: 'emoji',
  emojiBold: 'emoji-bold',
} as const
/** HanaMin's cuts are registered as hana-0, hana-1… in the order of ReportFonts.hana. */
type HanaFontName = `hana-${number}`
export type FontName = (typeof FONT)[keyof typeof FONT] | HanaFontName

/** The font-family names the drawings' fallback runs are marked with (ReportFonts.svgText). */
const SVG_FAMILY = { rare: 'cg-fallback-rare', emoji: 'cg-fallback-emoji', hana: 'cg-fallback-' } as const

export interface TextRun {
  text: string
  font: FontName
}

/** The part of a pdfkit document fonts are registered with. */
interface FontTarget {
  registerFont(name: string, src: string | Buffer): unknown
}

/**
 * Characters that are part of the character before them (joiners, variation selectors, skin tones,
 * the keycap mark, tag characters of flag sequences): they go in that character's run, so the
 * emoji font can shape the whole sequence as one glyph.
 */
function joinsPrevious(cp: number): boolean {
  return cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1f3fb && cp <= 0x1f3ff) || cp === 0x20e3 ||
    (cp >= 0xe0020 && cp <= 0xe007f)
}

/** Characters that need no glyph (spaces, line breaks, controls): they stay in the run they are in, but for an emoji run's. */
function needsNoGlyph(cp: number): boolean {
  return cp < 0x21 || (cp >= 0x7f && cp <= 0xa0) || cp === 0x3000 || (cp >= 0x2000 && cp <= 0x200f) || cp === 0x2028 || cp === 0x2029
}

export class ReportFonts {
  /** Characters no font of the chain has, in the order first met (drawn as the main font's empty box). */
  readonly missing = new Set<string>()
  private readonly main: FontkitFont
  private readonly emoji: FontkitFont

  private constructor(private readonly rare: RareHanFont, private readonly rareSubset: Buffer | null, private readonly hana: readonly HanaMinCut[]) {
    this.main = face(FILES.regular)
    this.emoji = face(FILES.emoji)
  }

  /** The fonts for a report whose texts are all in `allText` (the rare-character fonts are cut to it). */
  static async forText(allText: string): Promise<ReportFonts> {
    const rare = RareHanFont.shipped()
    const main = face(FILES.regular)
    // HanaMin is asked only for what neither Noto font has: its characters are in another style.
    const left = new Set<number>()
    for (const c of allText) {
      const cp = c.codePointAt(0) ?? 0
      if (!main.hasGlyphForCodePoint(cp) && !rare.covers(cp)) left.add(cp)
    }
    return new ReportFonts(rare, await rare.subsetFor(allText), left.size > 0 ? await hanaMinCuts(left) : [])
  }

  register(doc: FontTarget): void {
    doc.registerFont(FONT.regular, fontBytes(FILES.regular))
    doc.registerFont(FONT.bold, fontBytes(FILES.bold))
    doc.registerFont(FONT.emoji, fontBytes(FILES.emoji))
    doc.registerFont(FONT.emojiBold, fontBytes(FILES.emojiBold))
    if (this.rareSubset) doc.registerFont(FONT.rare, this.rareSubset)
    this.hana.forEach((cut, i) => doc.registerFont(hanaName(i), cut.bytes))
  }

  /** `text` cut into runs of one font each; the runs' texts joined give `text` back. */
  runs(text: string, bold: boolean): TextRun[] {
    const main = bold ? FONT.bold : FONT.regular
    const emoji = bold ? FONT.emojiBold : FONT.emoji
    const cps = Array.from(text, (c) => c.codePointAt(0) ?? 0)
    const runs: TextRun[] = []
    for (let i = 0; i < cps.length; i++) {
      const cp = cps[i]
      const ch = String.fromCodePoint(cp)
      const current = runs.at(-1)
      let font: FontName
      if (joinsPrevious(cp)) {
        font = current?.font ?? main
      } else if (needsNoGlyph(cp)) {
        // A space in the emoji font is as wide as an emoji; in the other fonts it is the same space.
        font = current && current.font !== emoji ? current.font : main
      } else if (this.emoji.hasGlyphForCodePoint(cp) && (!this.main.hasGlyphForCodePoint(cp) || asEmoji(cps[i + 1]))) {
        // A digit, ©, ❤ followed by the emoji selector or the keycap mark is an emoji, though the main font has the character.
        font = emoji
      } else if (this.main.hasGlyphForCodePoint(cp)) {
        font = main
      } else if (this.rareSubset && this.rare.covers(cp)) {
        font = FONT.rare
      } else {
        const hana = this.hanaFont(cp)
        if (!hana) this.missing.add(ch)
        font = hana ?? main
      }
      if (current?.font === font) current.text += ch
      else runs.push({ text: ch, font })
    }
    return runs
  }

  /**
   * The SVG drawing with every run of its `<text>` that needs a fallback font wrapped in a
   * `<tspan font-family="…">` naming it (SVG_FAMILY), for svg-to-pdfkit: it asks its fontCallback
   * for a font per element (fontFor below), not per character. Entities are ASCII, so they never
   * fall in a wrapped run.
   */
  svgText(svg: string): string {
    return svg.replace(/(<text\b[^>]*>)([\s\S]*?)(<\/text>)/g, (_m, open: string, inner: string, close: string) =>
      open + inner.replace(/(^|>)([^<]+)/g, (_n, lead: string, text: string) => lead + this.wrapRuns(text)) + close)
  }

  /** The registered font for an SVG text element's family and weight (svg-to-pdfkit's fontCallback). */
  fontFor(family: string, bold: boolean): FontName {
    if (family === SVG_FAMILY.rare && this.rareSubset) return FONT.rare
    const hana = this.hana.findIndex((_cut, i) => family === SVG_FAMILY.hana + hanaName(i))
    if (hana >= 0) return hanaName(hana)
    if (family === SVG_FAMILY.emoji) return bold ? FONT.emojiBold : FONT.emoji
    return bold ? FONT.bold : FONT.regular
  }

  private wrapRuns(text: string): string {
    return this.runs(text, false).map((run) =>
      run.font === FONT.regular ? run.text : `<tspan font-family="${svgFamily(run.font)}">${run.text}</tspan>`).join('')
  }

  /** The registered name of the HanaMin cut that has `cp`, if any. */
  private hanaFont(cp: number): HanaFontName | undefined {
    const i = this.hana.findIndex((cut) => cut.codePoints.has(cp))
    return i >= 0 ? hanaName(i) : undefined
  }

  /**
   * `text` with every character the main font lacks replaced by one it has of about the same width:
   * pdfkit measures a string in one font, and the report's page breaks need the height of a text
   * before it is drawn in several.
   */
  measurable(text: string): string {
    let out = ''
    for (const run of this.runs(text, false)) out += run.font === FONT.regular ? run.text : Array.from(run.text, (c) => (needsNoGlyph(c.codePointAt(0) ?? 0) ? c : joinsPrevious(c.codePointAt(0) ?? 0) ? '' : '囗')).join('')
    return out
  }
}

function hanaName(index: number): HanaFontName {
  return `hana-${index}`
}

/** The family an SVG run in `font` is marked with (a fallback font: not the main one). */
function svgFamily(font: FontName): string {
  if (font === FONT.rare) return SVG_FAMILY.rare
  if (font === FONT.emoji || font === FONT.emojiBold) return SVG_FAMILY.emoji
  return SVG_FAMILY.hana + font
}

function asEmoji(next: number | undefined): boolean {
  return next === 0xfe0f || next === 0x20e3
}

// Each font file is read once per thread (a report worker is a thread of its own) and handed to
// both fontkit (which characters it has) and pdfkit (drawing): ~20 MB that never change while the
// server runs, not read from disk again for every report rendered inline.
const bytes = new Map<string, Buffer>()
function fontBytes(file: string): Buffer {
  let read = bytes.get(file)
  if (!read) bytes.set(file, (read = readFileSync(file)))
  return read
}
const faces = new Map<string, FontkitFont>()
function face(file: string): FontkitFont {
  let parsed = faces.get(file)
  if (!parsed) faces.set(file, (parsed = fontkit.create(fontBytes(file))))
  return parsed
}

/** What printText needs of a pdfkit document. */
type TextDoc = Pick<PDFKit.PDFDocument, 'font' | 'text'>

/**
 * `doc.text(text, x, y, options)` with each run in its font: the runs are one flow of text (pdfkit's
 * `continued`), so lines wrap across them as if they were one string. The main font is current after.
 */
export function printText(doc: TextDoc, fonts: ReportFonts, bold: boolean, text: string, x: number | undefined, y: number | undefined, options: PDFKit.Mixins.TextOptions = {}): void {
  const runs = fonts.runs(text, bold)
  const main = bold ? FONT.bold : FONT.regular
  if (runs.length === 0) runs.push({ text: '', font: main })
  runs.forEach((run, i) => {
    const opts = { ...options, continued: i < runs.length - 1 ? true : options.continued ?? false }
    doc.font(run.font)
    // Only the first run is placed; the others continue where it ended. (pdfkit reads an omitted x
    // as "options in x's place", so the position is passed only when there is one.)
    if (i === 0 && x !== undefined) doc.text(run.text, x, y, opts)
    else doc.text(run.text, opts)
  })
  doc.font(main)
}
