/**
 * What a caught error says, read without a cast: `catch` binds `unknown`, and what arrives may be
 * an Error, a Node system error or a better-sqlite3 SqliteError (both with a string `code`), or
 * anything else a library threw. Kept in storage/, the bottom layer, so every layer may use it.
 */

/** The error's `code` (`'ENOENT'`, `'SQLITE_CONSTRAINT_PRIMARYKEY'`…), or undefined when it has none. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined
  return typeof err.code === 'string' ? err.code : undefined
}

/** The error's message; a thrown non-Error (a string…) as text. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
