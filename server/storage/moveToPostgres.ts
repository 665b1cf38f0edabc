/**
 * Moves an existing SQLite data folder (DATA_DIR: commonground.db and assets/) into an empty
 * PostgreSQL database whose tables the server has just created (docs/deploy.md). Every table of the
 * SQLite file is copied row by row, in an order that respects its foreign keys, keeping each row's
 * rowid (PostgreSQL's tables carry a `rowid` column, so "oldest first" orders survive the move);
 * every uploaded image goes into the PostgreSQL asset store. Then both sides are read back and
 * compared — row counts and a digest of every row of every table, and every image's bytes — so
 * "moved" means "checked equal", not "no error was seen".
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type pg from 'pg'
import type { AssetStore } from './AssetStore.js'
import { assetContentType, ASSET_FILE_PATTERN } from './assetFiles.js'

/** SQLite tables that are not data: each group's schema version (the PostgreSQL side has its own). */
const isVersionTable = (name: string) => name.endsWith('_schema')

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for any of our tables. */
const BATCH_ROWS = 200

export interface MovedTable { table: string; rows: number }

export interface MoveReport {
  tables: MovedTable[]
  images: number
  imageBytes: number
}

export class MoveError extends Error {}

export async function moveToPostgres(dataDir: string, client: pg.Client, imageTarget: AssetStore, log: (line: string) => void): Promise<MoveReport> {
  const file = path.join(dataDir, 'commonground.db')
  if (!fs.existsSync(file)) throw new MoveError(`${file} does not exist: give the DATA_DIR of the server to move`)
  // Read-only: the source is never changed, whatever happens here.
  const source = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const existing = await client.query<{ n: string }>('SELECT count(*) AS n FROM boards')
    if (Number(existing.rows[0].n) > 0) {
      throw new MoveError('the PostgreSQL database already holds boards: move into an empty database (create a new one)')
    }
    const tables = copyOrder(source)
    const moved: MovedTable[] = []
    await client.query('BEGIN')
    try {
      for (const table of tables) {
        const rows = await copyTable(source, client, table)
        moved.push({ table, rows })
        log(`${table}: ${rows} rows`)
      }
      await resetSequences(client, tables)
      await client.query('COMMIT')
    } catch (err) {
      // Nothing half-moved: the tables are left as empty as they were.
      await client.query('ROLLBACK').catch(() => {})
      throw err
    }
    const { images, imageBytes } = await copyImages(dataDir, imageTarget, log)
    for (const table of tables) await compareTable(source, client, table)
    log(`checked: every row of ${tables.length} tables and ${images} images are equal on both sides`)
    return { tables: moved, images, imageBytes }
  } finally {
    source.close()
  }
}

function columnsOf(db: Database.Database, table: string): string[] {
  return db.prepare<[], { name: string }>(`PRAGMA table_info(${quote(table)})`).all().map((c) => c.name)
}

/** Data tables, parents before children (by their foreign keys). */
function copyOrder(db: Database.Database): string[] {
  const names = db.prepare<[], { name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
    .map((r) => r.name).filter((n) => !isVersionTable(n))
  const parents = new Map(names.map((n) => [n, db.prepare<[], { table: string }>(`PRAGMA foreign_key_list(${quote(n)})`).all()
    .map((f) => f.table).filter((t) => t !== n)]))
  const ordered: string[] = []
  const seen = new Set<string>()
  const visit = (n: string) => {
    if (seen.has(n)) return
    seen.add(n)
    for (const p of parents.get(n) ?? []) if (names.includes(p)) visit(p)
    ordered.push(n)
  }
  names.forEach(visit)
  return ordered
}

async function targetColumns(client: pg.Client, table: string): Promise<Set<string>> {
  const r = await client.query<{ column_name: string }>(
    'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', [table])
  return new Set(r.rows.map((c) => c.column_name))
}

async function copyTable(db: Database.Database, client: pg.Client, table: string): Promise<number> {
  const target = await targetColumns(client, table)
  if (target.size === 0) throw new MoveError(`PostgreSQL has no table ${table}: start the server once with DATABASE_URL set, or upgrade it`)
  const columns = columnsOf(db, table)
  const missing = columns.filter((c) => !target.has(c))
  if (missing.length > 0) throw new MoveError(`PostgreSQL's ${table} lacks the columns ${missing.join(', ')}`)
  // Keep SQLite's rowid where the PostgreSQL table has the column and the SQLite table has a rowid of its own.
  const withRowid = target.has('rowid') && !columns.includes('rowid') && hasRowid(db, table)
  const cols = withRowid ? ['rowid', ...columns] : columns
  const select = db.prepare(`SELECT ${withRowid ? 'rowid AS rowid, ' : ''}${columns.map(quote).join(', ')} FROM ${quote(table)}${withRowid ? ' ORDER BY rowid' : ''}`).raw()
  let batch: unknown[][] = []
  let count = 0
  const flush = async () => {
    if (batch.length === 0) return
    const params: unknown[] = []
    const values = batch.map((row) => `(${row.map((v) => { params.push(v); return `$${params.length}` }).join(', ')})`)
    await client.query(`INSERT INTO ${quote(table)} (${cols.map(quote).join(', ')}) VALUES ${values.join(', ')}`, params)
    count += batch.length
    batch = []
  }
  for (const row of select.iterate() as Iterable<unknown[]>) {
    batch.push(row)
    if (batch.length >= BATCH_ROWS) await flush()
  }
  await flush()
  return count
}

function hasRowid(db: Database.Database, table: string): boolean {
  try {
    db.prepare(`SELECT rowid FROM ${quote(table)} LIMIT 1`).get()
    return true
  } catch {
    return false // WITHOUT ROWID
  }
}

/** After inserting explicit ids into serial columns, the sequences must continue past them. */
async function resetSequences(client: pg.Client, tables: string[]): Promise<void> {
  for (const table of tables) {
    const serials = await client.query<{ column_name: string; seq: string | null }>(
      `SELECT column_name, pg_get_serial_sequence($1, column_name) AS seq FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = $1`, [table])
    for (const { column_name: column, seq } of serials.rows) {
      if (!seq) continue
      await client.query(`SELECT setval($1, GREATEST((SELECT max(${quote(column)}) FROM ${quote(table)}), 1))`, [seq])
    }
  }
}

async function copyImages(dataDir: string, target: AssetStore, log: (line: string) => void): Promise<{ images: number; imageBytes: number }> {
  const root = path.join(dataDir, 'assets')
  let images = 0
  let imageBytes = 0
  if (!fs.existsSync(root)) return { images, imageBytes }
  for (const board of fs.readdirSync(root).sort()) {
    const dir = path.join(root, board)
    if (!fs.statSync(dir).isDirectory()) continue
    for (const name of fs.readdirSync(dir).sort()) {
      // Leftover temp files of an interrupted upload never match the pattern (assetFiles.ts).
      if (!ASSET_FILE_PATTERN.test(name)) continue
      const bytes = fs.readFileSync(path.join(dir, name))
      // The store names an image by its bytes and type, as the upload did: the same name, or the
      // file was not what its name says.
      const stored = await target.save(board, bytes, assetContentType(name))
      if (stored !== name) throw new MoveError(`image ${board}/${name} does not hold the bytes its name says (they make ${stored})`)
      const back = await target.read(board, name)
      if (!back || digest(back) !== digest(bytes)) throw new MoveError(`image ${board}/${name} read back different from what was written`)
      images++
      imageBytes += bytes.length
    }
  }
  log(`images: ${images} (${(imageBytes / 1024 / 1024).toFixed(1)} MiB)`)
  return { images, imageBytes }
}

/** Every row on both sides, in the same order, digested the same way: equal or a MoveError. */
async function compareTable(db: Database.Database, client: pg.Client, table: string): Promise<void> {
  const columns = columnsOf(db, table)
  const order = columns.map(quote).join(', ')
  const sqliteRows = db.prepare(`SELECT ${order} FROM ${quote(table)} ORDER BY ${order}`).raw().all() as unknown[][]
  const pgRows = (await client.query({ text: `SELECT ${order} FROM ${quote(table)}`, rowMode: 'array' })).rows as unknown[][]
  // Sorted in JS, not by either database: their collations differ (SQLite compares bytes).
  const a = sqliteRows.map(rowKey).sort()
  const b = pgRows.map(rowKey).sort()
  if (a.length !== b.length) throw new MoveError(`${table}: ${a.length} rows in SQLite, ${b.length} in PostgreSQL`)
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) throw new MoveError(`${table}: a row differs after the move (${a[i].slice(0, 120)} vs ${b[i].slice(0, 120)})`)
  }
}

/** One row as comparable text: numbers as numbers (PostgreSQL's bigint may arrive as a string), bytes as their digest. */
function rowKey(row: unknown[]): string {
  return JSON.stringify(row.map((v) => {
    if (v instanceof Uint8Array) return `bytes:${digest(v)}`
    if (typeof v === 'bigint') return Number(v)
    // The same rule on both sides: an integer that arrives as text (bigint) compares as the number.
    if (typeof v === 'string' && /^-?\d{1,15}$/.test(v)) return Number(v)
    return v
  }))
}

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`
}
