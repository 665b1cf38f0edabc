/**
 * Choosing a compressed form of an answer from the client's Accept-Encoding (RFC 9110 §12.5.3).
 * Only brotli and gzip are ever offered; identity is always acceptable to us (a client that refuses
 * identity with `identity;q=0` still gets it rather than an error: every browser takes it).
 */

export type Encoding = 'br' | 'gzip'

/** Our preference when the client weighs two codings the same: brotli is ~15–20 % smaller on our JS. */
const PREFERENCE: readonly Encoding[] = ['br', 'gzip']

/** A header longer than this is not a browser's; it is read as "no compression" (cheap to refuse). */
const MAX_HEADER_LENGTH = 1024

/**
 * The codings the client accepts, best first, among those offered. Security decision: the header is
 * untrusted text; it is only ever compared with our own two names, never used to build a path, and
 * anything malformed (bad q, odd tokens, a huge header) counts as not accepting that coding.
 */
export function acceptedEncodings(header: string | string[] | undefined, offered: readonly Encoding[] = PREFERENCE): Encoding[] {
  const text = Array.isArray(header) ? header.join(',') : header
  if (!text || text.length > MAX_HEADER_LENGTH) return []
  const weights = new Map<string, number>()
  for (const part of text.split(',')) {
    const [rawName, ...params] = part.split(';')
    const name = rawName.trim().toLowerCase()
    if (!name) continue
    let q = 1
    for (const param of params) {
      const [key, value] = param.split('=').map((s) => s.trim().toLowerCase())
      if (key !== 'q') continue
      q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value ?? '') ? Number(value) : 0
    }
    // 'x-gzip' is gzip's old alias (RFC 9110 §8.4.1.3).
    weights.set(name === 'x-gzip' ? 'gzip' : name, q)
  }
  const star = weights.get('*')
  const weightOf = (e: Encoding) => weights.get(e) ?? star ?? 0
  return offered
    .filter((e) => weightOf(e) > 0)
    .sort((a, b) => weightOf(b) - weightOf(a) || PREFERENCE.indexOf(a) - PREFERENCE.indexOf(b))
}

/** File suffix of each coding's precompressed copy (written by the build, vite.config.ts precompress). */
export const ENCODED_SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' }
