/**
 * The default name of a new design option: 方案 A, 方案 B, … — the first letter no option uses yet
 * (so deleting B and adding one gives B again, and a renamed option frees its letter).
 */
import { OPTION_TITLE_MAX } from '../../shared/participation'

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** The letter an existing title claims: "方案 A", "方案B：…", "Option c" → 'A', 'B', 'C'; else null. */
export function optionLetter(title: string): string | null {
  const m = title.trim().match(/^(?:方案|option)\s*([a-z])(?![a-z])/i)
  return m ? m[1]!.toUpperCase() : null
}

/** The next free letter (A…Z); after Z, the number the option would be (27, 28…). */
export function nextOptionLetter(titles: readonly string[]): string {
  const used = new Set(titles.map(optionLetter))
  for (const letter of LETTERS) if (!used.has(letter)) return letter
  return String(titles.length + 1)
}

export type TitleProblem = 'required' | 'tooLong' | null

export function checkOptionTitle(title: string): TitleProblem {
  const trimmed = title.trim()
  if (!trimmed) return 'required'
  if ([...trimmed].length > OPTION_TITLE_MAX) return 'tooLong'
  return null
}
