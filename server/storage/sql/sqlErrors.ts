/**
 * The errors the code tells apart, on either engine: a unique or primary-key violation (better-sqlite3:
 * SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY; PostgreSQL: SQLSTATE 23505) and a full disk (SQLITE_FULL or
 * ENOSPC; PostgreSQL: 53100 disk_full, 53200 out of memory, 53300 too many connections are "cannot
 * write now" too, but only 53100 is a full disk).
 */

// As storage/errorDetails.ts reads them (this folder imports nothing outside itself).
function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined
  return typeof err.code === 'string' ? err.code : undefined
}
function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

export function isUniqueViolation(err: unknown): boolean {
  const code = errorCode(err)
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

/** Any constraint refused the write (unique, foreign key, not null, check), on either engine. */
export function isConstraintViolation(err: unknown): boolean {
  const code = errorCode(err)
  return code !== undefined && (code.startsWith('SQLITE_CONSTRAINT') || /^23\d{3}$/.test(code))
}

export function isStorageFull(err: unknown): boolean {
  const code = errorCode(err)
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100' ||
    /SQLITE_FULL|ENOSPC|disk (is )?full|no space/i.test(errorMessage(err))
}
