/**
 * Small type guards that compose into a check of a whole JSON shape, so an answer read from the
 * network is checked once, where it arrives, instead of trusted with a cast (src/app/api.ts's
 * `requestJson` takes one per route; the shapes' own modules define them). A guard built with
 * `record` has the type of its fields, so a guard that forgets a field of the interface it is
 * declared as fails to compile. Extra fields are allowed: a newer server may add some.
 * Runtime-neutral: no DOM and no Node imports here.
 */

export type Guard<T> = (value: unknown) => value is T

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export const isString = (value: unknown): value is string => typeof value === 'string'

/** A number JSON can carry: finite. */
export const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean'

export const isTrue = (value: unknown): value is true => value === true

export function nullable<T>(guard: Guard<T>): Guard<T | null> {
  return (value): value is T | null => value === null || guard(value)
}

/** A field the answer may leave out. */
export function optional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (value): value is T | undefined => value === undefined || guard(value)
}

export function arrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.every(guard)
}

/** One of a list of strings (a role, a stage…). */
export function literal<const T extends string>(values: readonly T[]): Guard<T> {
  const known: ReadonlySet<unknown> = new Set(values)
  return (value): value is T => known.has(value)
}

/** A JSON object used as a map: every value passes `guard`. */
export function recordOf<T>(guard: Guard<T>): Guard<Record<string, T>> {
  return (value): value is Record<string, T> => isObject(value) && Object.values(value).every(guard)
}

type Fields = Record<string, Guard<unknown>>
type Checked<F extends Fields> = { [K in keyof F]: F[K] extends Guard<infer T> ? T : never }

/** A JSON object with (at least) these fields, each passing its guard. */
export function record<F extends Fields>(fields: F): Guard<Checked<F>> {
  const entries = Object.entries(fields)
  return (value): value is Checked<F> => isObject(value) && entries.every(([key, guard]) => guard(value[key]))
}

