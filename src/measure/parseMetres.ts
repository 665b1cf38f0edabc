/**
 * Reads the length the organizer types into the scale dialog. People type on phones with Chinese
 * input methods, so full-width digits ("１２．５"), a comma as decimal mark ("12,5") and a unit
 * after the number ("12.5米", "12.5 m") are all accepted. Anything else gets a clear reason.
 */

import { metresPerUnitFrom } from './geometry'

/** Longer than any neighbourhood site plan; a bigger number is surely a typing slip. */
export const MAX_SCALE_METRES = 100_000

export type ParseMetresResult =
  | { ok: true; metres: number }
  | { ok: false; error: 'empty' | 'number' | 'positive' | 'tooLarge' }

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D]/g

function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
}

export function parseMetres(input: string): ParseMetresResult {
  let text = toHalfWidth(input).replace(/\s+/g, '')
  if (text === '') return { ok: false, error: 'empty' }
  // A unit after the number is fine: 米, 公尺, m, metres/meters (any case).
  text = text.replace(/(米|公尺|m|metres?|meters?)$/i, '')
  if (text === '') return { ok: false, error: 'number' }
  // "12,5" is 12.5. A number with both a comma and a point ("1,234.5") is ambiguous across
  // locales, so it is refused rather than guessed.
  if (text.includes(',') && text.includes('.')) return { ok: false, error: 'number' }
  text = text.replace(',', '.')
  const negative = /^-/.test(text)
  const digits = text.replace(/^[-+]/, '')
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(digits)) return { ok: false, error: 'number' }
  const value = Number(digits)
  if (!Number.isFinite(value)) return { ok: false, error: 'number' }
  if (negative || value <= 0) return { ok: false, error: 'positive' }
  if (value > MAX_SCALE_METRES) return { ok: false, error: 'tooLarge' }
  return { ok: true, metres: value }
}

export type ScaleInputResult =
  | { ok: true; metresPerUnit: number }
  | { ok: false; error: Extract<ParseMetresResult, { ok: false }>['error'] | 'line' }

/** The typed length and the drawn line (canvas units) → the scale to save, or why not. */
export function scaleFromInput(input: string, lineUnits: number): ScaleInputResult {
  const parsed = parseMetres(input)
  if (!parsed.ok) return parsed
  const metresPerUnit = metresPerUnitFrom(parsed.metres, lineUnits)
  return metresPerUnit === null ? { ok: false, error: 'line' } : { ok: true, metresPerUnit }
}
