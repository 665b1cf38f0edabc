/** Capability tokens of role links: 256 random bits, stored only as a SHA-256 hash. */
import { createHash, randomBytes } from 'node:crypto'

/**
 * Security decision: 32 bytes from the OS CSPRNG (well above the 128 bits the issue asks for).
 * The token is shown once, to its creator; the database only ever sees its hash, so a leaked
 * database file does not hand out working links.
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** A token as newToken() makes it; anything else is rejected before any lookup. */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value)
}
