/**
 * The database API the synchronous stores use (projects, links, participation, workspaces, board
 * history, exports): the part of better-sqlite3's API our code calls, so a store is written once and
 * runs on either engine. better-sqlite3's `Database` satisfies it as it is (`sqliteDb.ts`);
 * `PgSqlDb.ts` gives the same synchronous calls on PostgreSQL.
 *
 * Write SQL that both engines read the same way: `?` parameters, `ORDER BY rowid` (every PostgreSQL
 * table gets a `rowid` column), `ON CONFLICT`, lower-case snake_case names (a camelCase alias is
 * quoted for PostgreSQL by the dialect). What only SQLite can do (pragma, backup, serialize) stays in
 * SQLite-only code and is refused clearly on PostgreSQL (`sqliteOnly`).
 */

export interface SqlRunResult {
  /** Rows the statement inserted, changed or deleted. */
  changes: number
}

export interface SqlStatement<Params extends unknown[] = unknown[], Row = unknown> {
  run(...params: Params): SqlRunResult
  get(...params: Params): Row | undefined
  all(...params: Params): Row[]
}

export interface SqlDb {
  /** Where the database is, for messages (a file path, or a PostgreSQL URL without its password). */
  readonly name: string
  /**
   * `Params` is the tuple of `?` values. (The object form is better-sqlite3's named parameters, kept in
   * the type only so its `Database` satisfies this interface; our SQL uses `?` alone.)
   */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  prepare<Params extends unknown[] | {} = unknown[], Row = unknown>(sql: string): Params extends unknown[] ? SqlStatement<Params, Row> : SqlStatement<[Params], Row>
  /**
   * `fn` in one transaction: the returned function runs it, commits, and rolls back if it throws.
   * Called inside another transaction it is a savepoint of that one.
   */
  transaction<Args extends unknown[], Result>(fn: (...args: Args) => Result): (...args: Args) => Result
  /** Statements without parameters or results (schema), separated by `;`. */
  exec(sql: string): unknown
}
