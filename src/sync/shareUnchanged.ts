/**
 * Structural sharing for records arriving from the doc. Runtime-neutral (plain JSON values).
 *
 * tldraw caches what it derives from a shape (geometry, and with it the measured size of every text
 * label) for as long as `shape.props` and `shape.meta` are the same objects. A record read from the
 * Y.Doc is always a new object, so a remote move of a note used to remeasure its text as if it had
 * been rewritten: in a burst of 1,000 remote moves that measuring was most of the time. Reusing the
 * unchanged parts of the record the store already holds keeps those caches.
 */
import { isObject } from '../shared/guards'

/**
 * `next`, except that every part deep-equal to the part of `prev` in the same place is `prev`'s own
 * object; `prev` itself when the two are deep-equal.
 */
export function shareUnchanged<T>(prev: T, next: T): T {
  // Cast: the result is `next`, `prev`, or a copy of `next` whose every part is next's or prev's
  // part in the same place, so a value of T; the generic type cannot follow that JSON walk.
  return shareJson(prev, next) as T
}

function shareJson(prev: unknown, next: unknown): unknown {
  if (Object.is(prev, next)) return prev
  if (Array.isArray(prev) && Array.isArray(next)) {
    const before: unknown[] = prev
    let same = before.length === next.length
    const out = next.map((value: unknown, i) => {
      const shared = i < before.length ? shareJson(before[i], value) : value
      if (shared !== before[i]) same = false
      return shared
    })
    return same ? prev : out
  }
  // Anything but two arrays or two objects (a primitive, null, an array against an object): `next`.
  if (!isObject(prev) || !isObject(next)) return next
  const before = prev
  const after = next
  const keys = Object.keys(after)
  // Security: a doc is written by other people's clients and tools. Assigning an own "__proto__"
  // key below would set the copy's prototype instead of a property; such a value is left as it
  // came (and tldraw's validation decides about it), never rebuilt.
  if (keys.includes('__proto__')) return next
  let same = Object.keys(before).length === keys.length
  const out: Record<string, unknown> = {}
  for (const key of keys) {
    const had = Object.prototype.hasOwnProperty.call(before, key)
    const shared = had ? shareJson(before[key], after[key]) : after[key]
    if (!had || shared !== before[key]) same = false
    out[key] = shared
  }
  return same ? prev : out
}
