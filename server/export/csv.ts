/**
 * CSV as Excel and every spreadsheet read it: UTF-8 with a byte-order mark (without it Excel on
 * Windows reads Chinese as mojibake), CRLF line ends, RFC 4180 quoting.
 */

/** A cell: text is quoted as needed and guarded against formulas; numbers are written bare. */
export type CsvCell = string | number | null

const BOM = '\uFEFF'

/**
 * Security (formula injection): a text cell that starts with = + - @ (or a tab / CR, which some
 * programs skip before looking) would run as a formula when the file is opened in Excel, e.g. a need
 * text of `=HYPERLINK(...)`. Such cells get a leading apostrophe, which Excel shows as plain text.
 * Only text cells: numbers stay numbers, so a count of -5 is still a number.
 */
function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

export function csvCell(cell: CsvCell): string {
  if (cell === null) return ''
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : ''
  const text = guardFormula(cell)
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The whole file: BOM, header row, rows, each ended by CRLF. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','))
  return BOM + lines.map((line) => `${line}\r\n`).join('')
}
