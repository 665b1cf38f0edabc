/**
 * SQLite SQL as our stores write it → the PostgreSQL SQL that means the same. Translated once per
 * prepared statement (PgSqlDb caches by text), so the stores keep one SQL text for both engines.
 *
 * Statements (`pgQuery`): `?` → `$1…$n`, and a camelCase alias is quoted (PostgreSQL folds unquoted
 * names to lower case, SQLite keeps them). String literals, quoted names and comments are copied as
 * they are.
 *
 * Schema (`pgSchema`, for CREATE/ALTER text run through exec): INTEGER → BIGINT (SQLite's integers
 * are 64-bit; our times are milliseconds, past int4), REAL → DOUBLE PRECISION, BLOB → BYTEA,
 * `INTEGER PRIMARY KEY AUTOINCREMENT` → BIGSERIAL, no STRICT / WITHOUT ROWID, and every new table
 * gets a `rowid BIGSERIAL` column: the stores order by SQLite's implicit rowid (insertion order).
 */

/** The pieces of SQL text: what the rewriting may touch ('code') and what it must copy ('quoted'). */
function pieces(sql: string): { text: string; code: boolean }[] {
  const out: { text: string; code: boolean }[] = []
  let i = 0
  let start = 0
  const push = (end: number, code: boolean) => { if (end > start) out.push({ text: sql.slice(start, end), code }); start = end }
  while (i < sql.length) {
    const c = sql[i]
    if (c === "'" || c === '"') {
      push(i, true)
      let j = i + 1
      for (;;) {
        if (j >= sql.length) break
        if (sql[j] === c) {
          if (sql[j + 1] === c) { j += 2; continue }
          break
        }
        j++
      }
      i = j + 1
      push(Math.min(i, sql.length), false)
    } else if (c === '-' && sql[i + 1] === '-') {
      push(i, true)
      const end = sql.indexOf('\n', i)
      i = end === -1 ? sql.length : end
      push(i, false)
    } else {
      i++
    }
  }
  push(sql.length, true)
  return out
}

/** A statement for PostgreSQL: numbered parameters, camelCase aliases quoted. */
export function pgQuery(sql: string): string {
  let n = 0
  return pieces(sql).map(({ text, code }) => {
    if (!code) return text
    return text
      .replace(/\?/g, () => `$${++n}`)
      .replace(/\bAS\s+([a-z][a-z0-9_]*[A-Z][A-Za-z0-9_]*)\b/g, (_m, alias: string) => `AS "${alias}"`)
  }).join('')
}

/** Schema text for PostgreSQL (see the file's comment). */
export function pgSchema(sql: string): string {
  return pieces(sql).map(({ text, code }) => {
    if (!code) return text
    return text
      .replace(/\bINTEGER\s+PRIMARY\s+KEY\s+AUTOINCREMENT\b/gi, 'BIGSERIAL PRIMARY KEY')
      // Boards may live in another engine than these tables (SQLite under DATA_DIR, or the board
      // storage's own PostgreSQL tables made after ours), and a board is never deleted, so on
      // PostgreSQL a project does not point at the boards table; its id is the board's all the same.
      .replace(/\s+REFERENCES\s+boards\s*\(\s*id\s*\)(\s+ON\s+DELETE\s+CASCADE)?/gi, '')
      .replace(/\bINTEGER\b/gi, 'BIGINT')
      .replace(/\bREAL\b/gi, 'DOUBLE PRECISION')
      .replace(/\bBLOB\b/gi, 'BYTEA')
      .replace(/\)\s*(STRICT|WITHOUT\s+ROWID)(\s*,\s*(STRICT|WITHOUT\s+ROWID))?\s*(?=;|$)/gi, ')')
      .replace(/\bCREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*\(/gi,
        (_m, ifNot: string | undefined, table: string) => `CREATE TABLE ${ifNot ?? ''}${table} (rowid BIGSERIAL, `)
  }).join('')
}

/** Whether `sql` changes the schema (then it goes through pgSchema rather than pgQuery). */
export function isSchemaText(sql: string): boolean {
  return /^\s*(CREATE|ALTER|DROP)\b/i.test(sql.replace(/^\s*(--[^\n]*\n\s*)*/, ''))
}
