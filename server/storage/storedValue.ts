/**
 * Values read back from SQLite, checked instead of cast. A TEXT column holding a role, a stage or
 * JSON is typed `string` by the database; the server only ever writes known values there, so a
 * value that fails its guard means a corrupt or hand-edited row, and reading it fails loudly here
 * rather than letting an unknown role or stage travel on under a type that promises otherwise.
 */
import type { Guard } from '../../src/shared/guards.js'

/** A stored value no code of this server writes (an archive's import checks for it by reading the project back). */
export class CorruptRowError extends Error {}

/** `value` (the column `column`, e.g. 'projects.stage') when it passes `guard`; else throws. */
export function storedValue<T>(guard: Guard<T>, value: unknown, column: string): T {
  if (guard(value)) return value
  throw new CorruptRowError(`Corrupt row: ${column} holds ${JSON.stringify(value)}, which this server never writes there.`)
}

/** The JSON text of the column `column`, parsed and checked with `guard`; else throws. */
export function storedJson<T>(guard: Guard<T>, text: string, column: string): T {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new CorruptRowError(`Corrupt row: ${column} is not JSON.`, { cause: err })
  }
  return storedValue(guard, value, column)
}
