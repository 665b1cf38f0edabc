/**
 * Small, failure-proof access to localStorage for the few things remembered on this device
 * (language, participant name and colour, recent boards).
 *
 * Why every call is guarded: localStorage throws in some private-browsing modes, when storage is
 * disabled by policy, or when the quota is full. Remembering is a convenience, so a failure must
 * never stop someone from drawing — we fall back to "not remembered".
 */

/** The subset of the Web Storage API we use; tests pass an in-memory implementation. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export const KEY_PREFIX = 'commonground.'

export function browserStore(): KeyValueStore | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage
  } catch {
    return null
  }
}

export function readString(key: string, store = browserStore()): string | null {
  try {
    return store?.getItem(KEY_PREFIX + key) ?? null
  } catch {
    return null
  }
}

export function writeString(key: string, value: string, store = browserStore()): void {
  try {
    store?.setItem(KEY_PREFIX + key, value)
  } catch {
    // Not remembered this time; see the module comment.
  }
}

/** Parse stored JSON; anything unreadable counts as absent (the caller validates the shape). */
export function readJson(key: string, store = browserStore()): unknown {
  const raw = readString(key, store)
  if (raw === null) return undefined
  try {
    const value: unknown = JSON.parse(raw)
    return value
  } catch {
    return undefined
  }
}

export function writeJson(key: string, value: unknown, store = browserStore()): void {
  writeString(key, JSON.stringify(value), store)
}

/** Random URL-safe id. crypto.getRandomValues, unlike crypto.randomUUID, also works over plain
 * http on the venue's LAN (randomUUID needs a secure context). */
export function randomId(bytes = 12): string {
  const buf = new Uint8Array(bytes)
  crypto.getRandomValues(buf)
  let out = ''
  for (const b of buf) out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[b & 63]
  return out
}
