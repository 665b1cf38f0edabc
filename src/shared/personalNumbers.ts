/**
 * Mainland mobile numbers and resident ID-card numbers in free text, masked for everyone but the
 * committee (src/shared/moderation.ts seesPersonalNumbers). The stored text keeps what was typed.
 * Runtime-neutral.
 *
 * Why these shapes: a mobile number is 11 digits starting 13–19, often typed in groups
 * (138 1234 5678, 138-1234-5678); an ID-card number is 17 digits and a check digit or X. A longer
 * run of digits (a bank card, an order number) is not one of them and is left alone — the
 * lookarounds keep a match from starting or ending inside a longer number.
 */

const SEP = '[ \\-\u00a0]?'
const MOBILE = new RegExp(`(?<![0-9])1[3-9][0-9]${SEP}[0-9]{4}${SEP}[0-9]{4}(?![0-9])`, 'g')
const ID_CARD = /(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])/g

/** 138****5678: the first 3 and last 4 digits stay, so the owner recognises their own number. */
function maskMobile(match: string): string {
  const digits = match.replace(/[^0-9]/g, '')
  return `${digits.slice(0, 3)}****${digits.slice(7)}`
}

/** 1101**********123X: the first 4 and last 4 stay. */
function maskIdCard(match: string): string {
  return `${match.slice(0, 4)}${'*'.repeat(10)}${match.slice(14).toUpperCase()}`
}

export function maskPersonalNumbers(text: string): string {
  // ID cards first: an 18-character number must not lose 11 of its digits to the mobile pattern.
  return text.replace(ID_CARD, maskIdCard).replace(MOBILE, maskMobile)
}

/** Whether the text holds a number maskPersonalNumbers would mask. */
export function hasPersonalNumbers(text: string): boolean {
  return maskPersonalNumbers(text) !== text
}
