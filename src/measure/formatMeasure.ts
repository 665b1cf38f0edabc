/**
 * Lengths and areas as people read them: "3.4 米" / "3.4 m", "35 厘米", "12.5 平方米" / "12.5 m²".
 * Precision follows what a line drawn by hand on a site plan can tell: centimetres below a metre,
 * one decimal below 100 m, whole metres above. Trailing zeros are dropped ("3 米", not "3.0 米").
 */
import { format, type Lang, type Strings } from '../i18n/lang'

type MeasureStrings = Pick<Strings['measure'], 'unitMetres' | 'unitCentimetres' | 'unitSquareMetres'>

function number(value: number, lang: Lang, maxDecimals: number): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: maxDecimals, minimumFractionDigits: 0 }).format(value)
}

export function formatLength(metres: number, t: MeasureStrings, lang: Lang): string {
  const m = Number.isFinite(metres) ? Math.abs(metres) : 0
  // Round to centimetres first, so 0.996 m reads "1 米" rather than "100 厘米".
  const cm = Math.round(m * 100)
  if (cm < 100) return format(t.unitCentimetres, { n: number(cm, lang, 0) })
  const decimals = m < 100 ? 1 : 0
  return format(t.unitMetres, { n: number(m, lang, decimals) })
}

export function formatArea(squareMetres: number, t: MeasureStrings, lang: Lang): string {
  const a = Number.isFinite(squareMetres) ? Math.abs(squareMetres) : 0
  const decimals = a < 1 ? 2 : a < 100 ? 1 : 0
  return format(t.unitSquareMetres, { n: number(a, lang, decimals) })
}
