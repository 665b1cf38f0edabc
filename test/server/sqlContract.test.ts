/**
 * The SqlDb contract (server/storage/sql/SqlDb.ts): the same tests against better-sqlite3 and the
 * PostgreSQL bridge, so a store written once behaves the same on both engines.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrateTables } from '../../server/storage/migrate.js'
import { BRIDGE_LOCK, PgSqlDb } from '../../server/storage/sql/PgSqlDb.js'
import { pgSchema } from '../../server/storage/sql/pgDialect.js'
import type { SqlDb } from '../../server/storage/sql/SqlDb.js'
import { isStorageFull, isUniqueViolation } from '../../server/storage/sql/sqlErrors.js'
import { freshPgDatabase } from '../helpers/pgDatabase.js'

interface Engine { db: SqlDb; close(): Promise<void> }

async function sqlite(): Promise<Engine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-sql-'))
  const db = new Database(path.join(dir, 'test.db'))
  return { db, async close() { db.close(); fs.rmSync(dir, { recursive: true, force: true }) } }
}

/**
 * One database for the whole suite (making one takes a while), emptied before each test: a fresh
 * `public` schema holds no table, sequence or row of the test before.
 */
let shared: Promise<{ url: string; drop(): Promise<void> }> | undefined
afterAll(async () => { await (await shared)?.drop() })

async function postgres(): Promise<Engine> {
  shared ??= freshPgDatabase()
  const db = new PgSqlDb((await shared).url)
  db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public')
  return { db, async close() { db.close() } }
}

const SCHEMA = `
  CREATE TABLE items (
    id TEXT PRIMARY KEY, n INTEGER NOT NULL, x REAL, data BLOB, note TEXT
  ) STRICT;
  CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
`

describe.each([['sqlite', sqlite], ['postgres', postgres]] as const)('SqlDb on %s', (_name, open) => {
  let engine: Engine
  let db: SqlDb
  beforeEach(async () => {
    engine = await open()
    db = engine.db
    db.exec(SCHEMA)
  })
  afterEach(async () => { await engine.close() })

  it('binds ? parameters in order, and leaves a ? inside a string literal alone', () => {
    db.prepare('INSERT INTO items (id, n, note) VALUES (?, ?, ?)').run('a', 1, 'what?')
    db.prepare("INSERT INTO items (id, n, note) VALUES (?, ?, 'it''s ? here')").run('b', 2)
    const rows = db.prepare<[number], { id: string; note: string }>('SELECT id, note FROM items WHERE n >= ? ORDER BY id').all(1)
    expect(rows).toEqual([{ id: 'a', note: 'what?' }, { id: 'b', note: "it's ? here" }])
  })

  it('get answers the first row or undefined; run tells how many rows changed', () => {
    const insert = db.prepare('INSERT INTO items (id, n) VALUES (?, ?)')
    for (const [id, n] of [['a', 1], ['b', 2], ['c', 3]] as const) insert.run(id, n)
    expect(db.prepare<[string], { n: number }>('SELECT n FROM items WHERE id = ?').get('b')).toEqual({ n: 2 })
    expect(db.prepare<[string], { n: number }>('SELECT n FROM items WHERE id = ?').get('zz')).toBeUndefined()
    expect(db.prepare('UPDATE items SET n = n + 10 WHERE n >= ?').run(2).changes).toBe(2)
    expect(db.prepare('DELETE FROM items WHERE id = ?').run('nope').changes).toBe(0)
  })

  it('ORDER BY rowid is insertion order', () => {
    const insert = db.prepare('INSERT INTO items (id, n) VALUES (?, ?)')
    for (const id of ['m', 'c', 'x', 'a']) insert.run(id, 0)
    expect(db.prepare<[], { id: string }>('SELECT id FROM items ORDER BY rowid').all().map((r) => r.id)).toEqual(['m', 'c', 'x', 'a'])
  })

  it('keeps big integers (millisecond times), reals, counts and sums as numbers', () => {
    const at = 1_765_000_000_123
    db.prepare('INSERT INTO items (id, n, x) VALUES (?, ?, ?)').run('a', at, 0.25)
    db.prepare('INSERT INTO items (id, n, x) VALUES (?, ?, ?)').run('b', 2 ** 52, 1.5)
    expect(db.prepare<[string], { n: number; x: number }>('SELECT n, x FROM items WHERE id = ?').get('a')).toEqual({ n: at, x: 0.25 })
    const agg = db.prepare<[], { c: number; s: number; m: number }>('SELECT COUNT(*) AS c, SUM(n) AS s, MAX(n) AS m FROM items').get()
    expect(agg).toEqual({ c: 2, s: at + 2 ** 52, m: 2 ** 52 })
  })

  it('a comparison reads 1 or 0, as SQLite has it', () => {
    db.prepare('INSERT INTO items (id, n, note) VALUES (?, ?, ?)').run('a', 1, null)
    expect(db.prepare<[], { open: number }>('SELECT note IS NULL AS open FROM items').get()).toEqual({ open: 1 })
  })

  it('stores bytes and gives them back as a Buffer', () => {
    const bytes = new Uint8Array([0, 1, 2, 255, 0, 128])
    db.prepare('INSERT INTO items (id, n, data) VALUES (?, ?, ?)').run('a', 1, bytes)
    db.prepare('INSERT INTO items (id, n, data) VALUES (?, ?, ?)').run('b', 1, Buffer.from('hello'))
    const a = db.prepare<[string], { data: Buffer; len: number }>('SELECT data, length(data) AS len FROM items WHERE id = ?').get('a')
    expect(Buffer.isBuffer(a?.data)).toBe(true)
    expect([...(a?.data ?? [])]).toEqual([...bytes])
    expect(a?.len).toBe(6)
    expect(db.prepare<[string], { data: Buffer }>('SELECT data FROM items WHERE id = ?').get('b')?.data.toString()).toBe('hello')
  })

  it('keeps a camelCase alias as written', () => {
    db.prepare('INSERT INTO items (id, n) VALUES (?, ?)').run('a', 7)
    expect(db.prepare<[], { itemCount: number; firstId: string }>('SELECT COUNT(*) AS itemCount, MIN(id) AS firstId FROM items').get())
      .toEqual({ itemCount: 1, firstId: 'a' })
  })

  it('commits a transaction, and rolls all of it back when it throws', () => {
    const insert = db.prepare('INSERT INTO items (id, n) VALUES (?, ?)')
    const count = () => db.prepare<[], { c: number }>('SELECT COUNT(*) AS c FROM items').get()?.c
    expect(db.transaction((a: string, b: string) => { insert.run(a, 1); insert.run(b, 2); return 'done' })('a', 'b')).toBe('done')
    expect(count()).toBe(2)
    expect(() => db.transaction(() => { insert.run('c', 3); throw new Error('changed my mind') })()).toThrow('changed my mind')
    expect(count()).toBe(2)
  })

  it('a nested transaction is a savepoint: its failure undoes only its own part', () => {
    const insert = db.prepare('INSERT INTO items (id, n) VALUES (?, ?)')
    const inner = db.transaction((id: string) => { insert.run(id, 1); throw new Error('inner') })
    db.transaction(() => {
      insert.run('outer-1', 0)
      expect(() => inner('inner')).toThrow('inner')
      insert.run('outer-2', 0)
    })()
    expect(db.prepare<[], { id: string }>('SELECT id FROM items ORDER BY rowid').all().map((r) => r.id)).toEqual(['outer-1', 'outer-2'])
  })

  // An upsert's SET names the stored row's column with its table: PostgreSQL finds a bare name ambiguous.
  it('a unique violation is told apart, and ON CONFLICT works the same', () => {
    const insert = db.prepare('INSERT INTO items (id, n) VALUES (?, ?)')
    insert.run('a', 1)
    let caught: unknown
    try { insert.run('a', 2) } catch (err) { caught = err }
    expect(isUniqueViolation(caught)).toBe(true)
    expect(isStorageFull(caught)).toBe(false)
    expect(db.prepare('INSERT INTO items (id, n) VALUES (?, ?) ON CONFLICT DO NOTHING').run('a', 3).changes).toBe(0)
    const bump = db.prepare('INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value')
    bump.run('votes', 2)
    bump.run('votes', 3)
    expect(db.prepare<[], { value: number }>('SELECT value FROM counters').get()).toEqual({ value: 5 })
  })

  it('a failed statement inside a transaction rolls the transaction back and reports the error', () => {
    const insert = db.prepare('INSERT INTO items (id, n) VALUES (?, ?)')
    insert.run('a', 1)
    expect(() => db.transaction(() => { insert.run('b', 1); insert.run('a', 1) })()).toThrow()
    expect(db.prepare<[], { id: string }>('SELECT id FROM items').all()).toEqual([{ id: 'a' }])
    // The connection is usable afterwards.
    insert.run('c', 1)
    expect(db.prepare<[], { c: number }>('SELECT COUNT(*) AS c FROM items').get()?.c).toBe(2)
  })

  it('migrates tables step by step, once, and refuses a database from a newer version', () => {
    const steps = ['', 'CREATE TABLE m1 (id TEXT PRIMARY KEY, at INTEGER NOT NULL) STRICT;', 'ALTER TABLE m1 ADD COLUMN size REAL;']
    migrateTables(db, { name: 'test', versionAt: { table: 'test_schema' }, steps }, 'this database')
    migrateTables(db, { name: 'test', versionAt: { table: 'test_schema' }, steps }, 'this database')
    db.prepare('INSERT INTO m1 (id, at, size) VALUES (?, ?, ?)').run('a', 1, 2.5)
    expect(db.prepare<[], { version: number }>('SELECT version FROM test_schema').all()).toEqual([{ version: 2 }])
    expect(() => migrateTables(db, { name: 'test', versionAt: { table: 'test_schema' }, steps: steps.slice(0, 2) }, 'this database'))
      .toThrow(/newer version of CommonGround \(test schema 2, this version knows 1\)/)
  })
})

describe('SqlDb on postgres, when the database fails', () => {
  it('refuses to open an unreachable database with a clear error, without the password', () => {
    const started = Date.now()
    expect(() => new PgSqlDb('postgres://postgres:secret@127.0.0.1:1/nowhere', { timeoutMs: 2_000 }))
      .toThrow(/PostgreSQL \(postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/nowhere\): .*ECONNREFUSED/)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('cuts off a statement that takes too long, and answers the next one', async () => {
    const fresh = await freshPgDatabase()
    const db = new PgSqlDb(fresh.url, { timeoutMs: 500 })
    try {
      expect(() => db.prepare('SELECT pg_sleep(3)').get()).toThrow(/timeout/i)
      // A timeout may have cost the connection: give the fail-fast pause its second.
      await new Promise((resolve) => setTimeout(resolve, 1_100))
      expect(db.prepare<[], { one: number }>('SELECT 1 AS one').get()).toEqual({ one: 1 })
    } finally {
      db.close()
      await fresh.drop()
    }
  })

  it('replaces a connection lost while idle on the next call', async () => {
    const fresh = await freshPgDatabase()
    const db = new PgSqlDb(fresh.url)
    const killer = new PgSqlDb(fresh.url)
    try {
      db.exec(SCHEMA)
      const pid = db.prepare<[], { pid: number }>('SELECT pg_backend_pid() AS pid').get()?.pid
      killer.prepare('SELECT pg_terminate_backend(?)').get(pid)
      // The worker may or may not have seen the connection close by now: either the call fails
      // loudly, or it already runs on a new connection. A second later it works either way.
      try { db.prepare('INSERT INTO items (id, n) VALUES (?, ?)').run('a', 1) } catch (err) { expect(String(err)).toMatch(/PostgreSQL \(/) }
      await new Promise((resolve) => setTimeout(resolve, 1_100))
      db.prepare('INSERT INTO items (id, n) VALUES (?, ?) ON CONFLICT DO NOTHING').run('a', 1)
      expect(db.prepare<[], { id: string }>('SELECT id FROM items').all()).toEqual([{ id: 'a' }])
    } finally {
      db.close()
      killer.close()
      await fresh.drop()
    }
  })

  it('while the database refuses connections: fails loudly, then fast for a moment, and works again once it is back', async () => {
    const fresh = await freshPgDatabase()
    const db = new PgSqlDb(fresh.url)
    const admin = new PgSqlDb('postgres://postgres@127.0.0.1:5432/postgres')
    const dbName = new URL(fresh.url).pathname.slice(1)
    try {
      db.exec(SCHEMA)
      // The database stops taking connections and drops this one (as when it restarts).
      admin.exec(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`)
      admin.prepare('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?').all(dbName)
      await new Promise((resolve) => setTimeout(resolve, 200))
      const insert = db.prepare('INSERT INTO items (id, n) VALUES (?, ?)')
      expect(() => insert.run('a', 1)).toThrow(/PostgreSQL \(.*\): .*not currently accepting connections/)
      const started = Date.now()
      expect(() => insert.run('a', 1)).toThrow(/not currently accepting connections/)
      expect(Date.now() - started).toBeLessThan(100)
      admin.exec(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`)
      await new Promise((resolve) => setTimeout(resolve, 1_100))
      insert.run('a', 1)
      expect(db.prepare<[], { id: string }>('SELECT id FROM items').all()).toEqual([{ id: 'a' }])
    } finally {
      db.close()
      admin.close()
      await fresh.drop()
    }
  })

  it('waits longer between tries while the database stays away, and comes back at the first try that reaches it', async () => {
    const fresh = await freshPgDatabase()
    const db = new PgSqlDb(fresh.url, { retryAfterMs: 200 })
    const admin = new PgSqlDb('postgres://postgres@127.0.0.1:5432/postgres')
    const dbName = new URL(fresh.url).pathname.slice(1)
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    // A call failed at once throws the last failure again (the same error); one that asked the database, a new one.
    const failure = () => {
      try { db.prepare('SELECT 1').get() } catch (err) { return err }
      throw new Error('the call should have failed')
    }
    try {
      admin.exec(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`)
      admin.prepare('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?').all(dbName)
      await sleep(100)
      const first = failure() // 1st failure in a row: 200 ms pause
      expect(String(first)).toMatch(/accepting connections/)
      await sleep(250)
      const second = failure() // asked the database again; 2nd failure: 400 ms pause
      expect(second).not.toBe(first)
      expect(String(second)).toMatch(/accepting connections/)
      await sleep(250)
      expect(failure()).toBe(second) // still inside the longer pause
      admin.exec(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`)
      await sleep(300)
      expect(db.prepare<[], { one: number }>('SELECT 1 AS one').get()).toEqual({ one: 1 })
    } finally {
      db.close()
      admin.close()
      await fresh.drop()
    }
  })

  it('a transaction that waits too long for another instance\'s transaction fails clearly, and the next one works', async () => {
    const fresh = await freshPgDatabase()
    const db = new PgSqlDb(fresh.url, { timeoutMs: 500 })
    const other = new PgSqlDb(fresh.url)
    try {
      db.exec(SCHEMA)
      const insert = db.prepare('INSERT INTO items (id, n) VALUES (?, ?)')
      // `other` holds the bridge's lock (its transaction is open) while `db` asks for it.
      other.transaction(() => {
        expect(() => db.transaction(() => insert.run('a', 1))()).toThrow(/PostgreSQL \(.*\): .*statement timeout/)
      })()
      db.transaction(() => insert.run('b', 2))()
      expect(db.prepare<[], { id: string }>('SELECT id FROM items').all()).toEqual([{ id: 'b' }])
    } finally {
      db.close()
      other.close()
      await fresh.drop()
    }
  })

  it('a transaction whose connection is lost stores none of it', async () => {
    const fresh = await freshPgDatabase()
    const db = new PgSqlDb(fresh.url)
    const killer = new PgSqlDb(fresh.url)
    try {
      db.exec(SCHEMA)
      const insert = db.prepare('INSERT INTO items (id, n) VALUES (?, ?)')
      expect(() => db.transaction(() => {
        insert.run('a', 1)
        const pid = db.prepare<[], { pid: number }>('SELECT pg_backend_pid() AS pid').get()?.pid
        killer.prepare('SELECT pg_terminate_backend(?)').get(pid)
        insert.run('b', 2)
      })()).toThrow(/PostgreSQL/)
      await new Promise((resolve) => setTimeout(resolve, 1_100))
      expect(db.prepare<[], { c: number }>('SELECT COUNT(*) AS c FROM items').get()).toEqual({ c: 0 })
    } finally {
      db.close()
      killer.close()
      await fresh.drop()
    }
  })
})

describe('migrations on postgres', () => {
  it('two instances starting at once: the second waits for the first one\'s migration, then finds it done', async () => {
    const fresh = await freshPgDatabase()
    const steps = ['', 'CREATE TABLE once (id TEXT PRIMARY KEY) STRICT; INSERT INTO once (id) VALUES (\'made\');']
    // The other instance: a separate process migrating the same way (the same advisory lock, the
    // same statements) and taking a second over it, so this one starts while it is under way.
    const other = spawn(process.execPath, ['--input-type=module', '-e', `
      import pg from 'pg'
      const c = new pg.Client(${JSON.stringify(fresh.url)}); await c.connect()
      await c.query('BEGIN; SELECT pg_advisory_xact_lock(${BRIDGE_LOCK})')
      await c.query(${JSON.stringify(pgSchema('CREATE TABLE IF NOT EXISTS race_schema (version INTEGER NOT NULL) STRICT;' + steps[1]))})
      await c.query('INSERT INTO race_schema (version) VALUES (1)')
      console.log('locked'); await new Promise((r) => setTimeout(r, 1000))
      await c.query('COMMIT'); await c.end()`], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] })
    const exited = new Promise<number | null>((resolve) => other.on('exit', resolve))
    await new Promise<void>((resolve) => other.stdout.on('data', () => resolve()))
    const db = new PgSqlDb(fresh.url)
    try {
      // Without the lock this would create the same tables alongside the other instance and fail.
      migrateTables(db, { name: 'test', versionAt: { table: 'race_schema' }, steps }, 'this database')
      expect(db.prepare<[], { id: string }>('SELECT id FROM once').all()).toEqual([{ id: 'made' }])
      expect(db.prepare<[], { version: number }>('SELECT version FROM race_schema').all()).toEqual([{ version: 1 }])
      expect(await exited).toBe(0)
    } finally {
      db.close()
      other.kill()
      await fresh.drop()
    }
  })
})
