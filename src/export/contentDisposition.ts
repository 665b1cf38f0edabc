/**
 * The file name a server suggests in `Content-Disposition` (RFC 6266): `filename*=UTF-8''…` (RFC 8187,
 * percent-encoded, so Chinese names survive) wins over the plain `filename="…"`. Whatever it says is
 * only a suggestion, made safe as a bare file name: a download must never be steered into a folder.
 */

/** A name that is safe to offer as a download: no folders, no control characters, not empty. */
export function safeFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f:*?"<>|]+/g, '_').replace(/^[.\s]+/, '').trim().slice(0, 200)
  return clean || fallback
}

/** `value` of a parameter, unquoted (a quoted-string may hold `\"` and `\\`). */
function unquote(value: string): string {
  const v = value.trim()
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1).replace(/\\(.)/g, '$1')
  return v
}

/** Splits parameters on `;` outside quotes. */
function params(header: string): Array<[string, string]> {
  const out: Array<[string, string]> = []
  let current = ''
  let quoted = false
  for (let i = 0; i < header.length; i++) {
    const c = header[i]
    if (c === '\\' && quoted) {
      current += c + (header[i + 1] ?? '')
      i++
      continue
    }
    if (c === '"') quoted = !quoted
    if (c === ';' && !quoted) {
      out.push(pair(current))
      current = ''
      continue
    }
    current += c
  }
  out.push(pair(current))
  return out
}

function pair(part: string): [string, string] {
  const at = part.indexOf('=')
  return at < 0 ? [part.trim().toLowerCase(), ''] : [part.slice(0, at).trim().toLowerCase(), part.slice(at + 1)]
}

/** RFC 8187 ext-value: charset'language'percent-encoded. Only UTF-8 (and its ASCII subset) is read. */
function decodeExtValue(value: string): string | null {
  const m = /^([\w!#$%&+^`{}~-]*)'[\w-]*'(.*)$/.exec(unquote(value))
  if (!m) return null
  const charset = m[1].toLowerCase()
  if (charset !== 'utf-8' && charset !== 'us-ascii' && charset !== 'iso-8859-1') return null
  try {
    if (charset === 'iso-8859-1') return m[2].replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    return decodeURIComponent(m[2])
  } catch {
    return null
  }
}

/** The suggested file name, or null when the header has none (or none that can be read). */
export function fileNameFromContentDisposition(header: string | null | undefined): string | null {
  if (!header) return null
  let plain: string | null = null
  let extended: string | null = null
  for (const [key, value] of params(header)) {
    if (key === 'filename*' && extended === null) extended = decodeExtValue(value)
    else if (key === 'filename' && plain === null) plain = unquote(value)
  }
  const name = extended ?? plain
  return name && name.trim() ? name : null
}
