/**
 * Text for the light view: the plain text of tldraw 5's rich text (TipTap JSON), and a rough line
 * wrap. The wrap guesses glyph widths (no measuring, no fonts loaded), so a long line may break one
 * word earlier or later than tldraw breaks it; short notes and labels, the usual case, match.
 */
import { isObject } from '../shared/guards'

// Nodes of tldraw's rich text (TipTap JSON) from the board document: each field is checked before use.
const TEXT_BLOCKS: ReadonlySet<unknown> = new Set(['paragraph', 'heading', 'codeBlock'])

function inlineText(node: unknown, lines: string[]): void {
  if (!isObject(node)) return
  if (node.type === 'text' && typeof node.text === 'string') lines[lines.length - 1] += node.text
  else if (node.type === 'hardBreak') lines.push('')
  else if (Array.isArray(node.content)) for (const child of node.content) inlineText(child, lines)
}

function blockText(node: unknown, lines: string[], prefix: string): void {
  if (!isObject(node)) return
  if (TEXT_BLOCKS.has(node.type)) {
    const own = [prefix]
    if (Array.isArray(node.content)) for (const child of node.content) inlineText(child, own)
    for (const line of own) lines.push(line)
    return
  }
  if (node.type === 'text' || node.type === 'hardBreak') {
    // Inline content straight under a container (not valid TipTap, but keep the words).
    const own = [prefix]
    inlineText(node, own)
    for (const line of own) lines.push(line)
    return
  }
  if (!Array.isArray(node.content)) return
  const children: unknown[] = node.content
  const ordered = node.type === 'orderedList'
  const start = ordered && isObject(node.attrs) && typeof node.attrs.start === 'number' ? node.attrs.start : 1
  children.forEach((child, i) => {
    const marker = node.type === 'bulletList' ? '• ' : ordered ? `${start + i}. ` : ''
    // A list item's first line carries its marker; the items' own paragraphs follow it.
    if (marker && isObject(child) && child.type === 'listItem' && Array.isArray(child.content)) {
      const own: string[] = []
      blockText(child, own, '')
      own.forEach((line, j) => lines.push(j === 0 ? prefix + marker + line : prefix + '  ' + line))
      return
    }
    blockText(child, lines, prefix)
  })
}

/** The lines of a rich text (or of a legacy plain `text` string); [] when it holds no text. */
export function richTextLines(richText: unknown): string[] {
  if (typeof richText === 'string') return richText === '' ? [] : richText.split('\n')
  if (!richText || typeof richText !== 'object') return []
  const lines: string[] = []
  blockText(richText, lines, '')
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop()
  return lines.every((line) => line.trim() === '') ? [] : lines
}

/** A guess at a glyph's advance in ems: CJK and full-width ones are square, Latin ones about half. */
function advance(code: number): number {
  if (code >= 0x1100 && (code <= 0x115f || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || code >= 0x20000)) return 1
  if (code === 32) return 0.3
  if (code >= 0x41 && code <= 0x5a) return 0.65
  return 0.55
}

/** Estimated width of a string in ems. */
export function textWidthEm(text: string): number {
  let w = 0
  for (const ch of text) w += advance(ch.codePointAt(0) ?? 32)
  return w
}

/**
 * Break lines so that none is (by estimate) wider than `width` at `fontSize`: between words, and
 * between any two CJK characters (which break anywhere, as in the editor).
 */
export function wrapLines(lines: readonly string[], width: number, fontSize: number): string[] {
  const maxEm = width / fontSize
  if (!(maxEm > 0)) return [...lines]
  const out: string[] = []
  for (const line of lines) {
    if (textWidthEm(line) <= maxEm) {
      out.push(line)
      continue
    }
    // Tokens: a run of non-space, non-CJK characters is a word; each CJK character and each space stands alone.
    const tokens = line.match(/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uffe6]|[\ud840-\ud8bf][\udc00-\udfff]|\s|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uffe6\ud840-\ud8bf]+/g) ?? [line]
    let current = ''
    let currentEm = 0
    for (const token of tokens) {
      const em = textWidthEm(token)
      if (currentEm + em > maxEm && current.trim() !== '') {
        out.push(current.trimEnd())
        current = token.trim() === '' ? '' : token
        currentEm = current ? em : 0
      } else {
        current += token
        currentEm += em
      }
    }
    out.push(current.trimEnd())
  }
  return out
}
