/**
 * PgStorage shared by several server instances on one database (issue 20): each instance is a
 * PgStorage of its own (its own pool), as separate processes would be. What the contract suite
 * cannot show with one instance: schema creation when instances start together, and compaction
 * that neither loses another instance's updates nor runs twice.
 */
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readConfig } from '../../server/config.js'
import { BOARD_LOCK_CLASS } from '../../server/storage/pgBoardSchema.js'
import { openPgStorage, type PgStorage } from '../../server/storage/PgStorage.js'
import type { UpdateAuthor } from '../../server/storage/Storage.js'
import { pgDatabasePerFile } from '../helpers/pgDatabasePerFile.js'
import { materialise, stateOf, update } from './storageContract.js'

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('timed out waiting')
}

const alice: UpdateAuthor = { kind: 'edit', linkId: 'link-a', participantId: 'p-alice' }

describe('PgStorage shared by several instances', () => {
  const pgFile = pgDatabasePerFile()
  let db: { url: string }
  const opened: PgStorage[] = []
  const clients: pg.Client[] = []

  beforeEach(async () => {
    db = { url: await pgFile.empty() }
  })

  afterEach(async () => {
    for (const c of clients.splice(0)) await c.end().catch(() => {})
    for (const s of opened.splice(0)) await s.close()
  })

  async function instance(): Promise<PgStorage> {
    const s = await openPgStorage(db.url)
    opened.push(s)
    return s
  }

  /** A plain connection of its own, to look at the tables or to hold a lock or a transaction open. */
  async function session(): Promise<pg.Client> {
    const c = new pg.Client(db.url)
    await c.connect()
    clients.push(c)
    return c
  }

  async function updateCount(boardId: string): Promise<number> {
    const c = await session()
    return Number((await c.query('SELECT COUNT(*) AS n FROM updates WHERE board_id = $1', [boardId])).rows[0].n)
  }

  it('creates its tables once when three instances start at the same time, and all of them work', async () => {
    const [a, b, c] = await Promise.all([instance(), instance(), instance()])
    await a.createBoard({ id: 'board-0001', name: '社区花园', createdAt: 1 })
    await b.appendUpdates('board-0001', [update('b', 1)])
    expect(materialise(await c.loadDoc('board-0001'))).toEqual({ b: 1 })
    const s = await session()
    expect((await s.query('SELECT version FROM board_storage_schema')).rows).toEqual([{ version: 1 }])
  })

  it('says clearly when the database cannot be reached at start, or DATABASE_URL is no PostgreSQL address (without echoing it)', async () => {
    await expect(openPgStorage('postgres://postgres@127.0.0.1:1/commonground', { connectTimeoutMs: 2_000 }))
      .rejects.toThrow(/^Cannot open the board storage at DATABASE_URL: .*ECONNREFUSED/)
    await expect(openPgStorage(db.url.replace(/[^/]+$/, 'cg_no_such_database')))
      .rejects.toThrow(/Cannot open the board storage at DATABASE_URL: database "cg_no_such_database" does not exist/)
    expect(readConfig({ DATABASE_URL: ' postgres://cg:secret@db.example.cn:5432/commonground ' }).databaseUrl)
      .toBe('postgres://cg:secret@db.example.cn:5432/commonground')
    expect(readConfig({}).databaseUrl).toBeNull()
    let message = ''
    try {
      readConfig({ DATABASE_URL: 'mysql://cg:secret@db.example.cn/commonground' })
    } catch (err) {
      message = String(err)
    }
    expect(message).toMatch(/DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//)
    expect(message).not.toContain('secret')
  })

  it('refuses a database written by a newer version, saying so', async () => {
    await instance()
    const s = await session()
    await s.query('UPDATE board_storage_schema SET version = 99')
    await expect(openPgStorage(db.url)).rejects.toThrow(/newer version of CommonGround/)
  })

  it('keeps an update another instance appended when this one compacts without having seen it', async () => {
    const [a, b] = [await instance(), await instance()]
    await a.createBoard({ id: 'board-0001', name: 'b', createdAt: 1 })
    const mine = update('a', 1)
    await a.appendUpdates('board-0001', [mine])
    await b.appendUpdates('board-0001', [update('b', 2)])
    // A's doc has only its own update (B's has not been relayed to it yet).
    await a.compact('board-0001', stateOf(mine, update('a2', 3)))
    const stored = await b.loadDoc('board-0001')
    expect(stored.updates).toEqual([])
    expect(materialise(stored)).toEqual({ a: 1, a2: 3, b: 2 })
    // And the snapshot an instance wrote is merged too, by the next compaction of the other.
    await b.compact('board-0001', update('b3', 4))
    expect(materialise(await a.loadDoc('board-0001'))).toEqual({ a: 1, a2: 3, b: 2, b3: 4 })
  })

  it('merges a snapshot another instance wrote since this one last compacted', async () => {
    const [a, b] = [await instance(), await instance()]
    await a.createBoard({ id: 'board-0001', name: 'b', createdAt: 1 })
    const fromA = update('a', 1)
    await a.compact('board-0001', fromA)
    const fromB = update('b', 2)
    await b.appendUpdates('board-0001', [fromB])
    await b.compact('board-0001', stateOf(fromB))
    // A's doc still has only its own edit: B's snapshot (which holds A's first one) must be read.
    await a.compact('board-0001', stateOf(fromA, update('a2', 3)))
    expect(materialise(await b.loadDoc('board-0001'))).toEqual({ a: 1, b: 2, a2: 3 })
  })

  it('neither merges nor deletes an update committed while it compacts; the next compaction takes it', async () => {
    const a = await instance()
    await a.createBoard({ id: 'board-0001', name: 'b', createdAt: 1 })
    const first = update('first', 1)
    await a.compact('board-0001', first)
    const second = update('second', 2)
    await a.appendUpdates('board-0001', [second])
    // Instance B's append, in flight: its row has a sequence number but is not committed yet. B
    // also holds the snapshot row, which stops A's compaction after it has read the updates and
    // before it writes: the moment at which B's commit must not be lost.
    const b = await session()
    await b.query('BEGIN')
    await b.query(`SELECT 1 FROM snapshots WHERE board_id = 'board-0001' FOR UPDATE`)
    await b.query('INSERT INTO updates (board_id, data) VALUES ($1, $2)', ['board-0001', Buffer.from(update('late', 3))])
    const compacting = a.compact('board-0001', stateOf(first, second))
    const watch = await session()
    await waitUntil(async () => (await watch.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows.length > 0)
    await b.query('COMMIT')
    await compacting
    const stored = await a.loadDoc('board-0001')
    expect(stored.updates).toHaveLength(1)
    expect(materialise(stored)).toEqual({ first: 1, second: 2, late: 3 })
    await a.compact('board-0001', stateOf(first, second))
    expect(await updateCount('board-0001')).toBe(0)
    expect(materialise(await a.loadDoc('board-0001'))).toEqual({ first: 1, second: 2, late: 3 })
  })

  it('runs a compaction once: an instance that finds another compacting skips, storing what it was to fold as updates', async () => {
    const a = await instance()
    await a.createBoard({ id: 'board-0001', name: 'b', createdAt: 1 })
    const [x, y] = [update('x', 1), update('y', 2)]
    await a.appendUpdates('board-0001', [x, y])
    // Another instance is in the middle of compacting this board: it holds the board's lock.
    const other = await session()
    await other.query('BEGIN')
    await other.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [BOARD_LOCK_CLASS, 'board-0001'])

    const folded = update('folded', 3)
    await a.compact('board-0001', stateOf(x, y, folded), { updates: [folded], authors: [alice] })
    const skipped = await a.loadDoc('board-0001')
    expect(skipped.snapshot).toBeNull()
    expect(skipped.updates).toHaveLength(3)
    expect(materialise(skipped)).toEqual({ x: 1, y: 2, folded: 3 })
    const s = await session()
    expect((await s.query(`SELECT updates FROM audit WHERE board_id = 'board-0001'`)).rows.map((r) => Number(r.updates))).toEqual([1])

    await other.query('COMMIT')
    await a.compact('board-0001', stateOf(x, y, folded))
    const done = await a.loadDoc('board-0001')
    expect(done.updates).toEqual([])
    expect(materialise(done)).toEqual({ x: 1, y: 2, folded: 3 })
  })

  it('loses nothing when two instances append and compact the same board at the same time, each knowing only its own edits', async () => {
    const [a, b] = [await instance(), await instance()]
    await a.createBoard({ id: 'board-0001', name: 'b', createdAt: 1 })
    const docs = [new Y.Doc(), new Y.Doc()]
    const stores = [a, b]
    for (let round = 0; round < 25; round++) {
      await Promise.all(stores.map(async (store, i) => {
        const doc = docs[i]
        const made: Uint8Array[] = []
        const onUpdate = (u: Uint8Array) => made.push(u)
        doc.on('update', onUpdate)
        doc.getMap('m').set(`${i}-${round}`, round)
        doc.off('update', onUpdate)
        // Every third round this instance folds its edit into a compaction instead of appending it.
        if (round % 3 === i) await store.compact('board-0001', Y.encodeStateAsUpdate(doc), { updates: made, authors: [alice] })
        else {
          await store.appendUpdates('board-0001', made, [alice])
          if (round % 4 === 0) await store.compact('board-0001', Y.encodeStateAsUpdate(doc))
        }
      }))
    }
    const expected: Record<string, number> = {}
    for (let round = 0; round < 25; round++) for (const i of [0, 1]) expected[`${i}-${round}`] = round
    expect(materialise(await a.loadDoc('board-0001'))).toEqual(expected)
    expect(materialise(await b.loadDoc('board-0001'))).toEqual(expected)
    const s = await session()
    // Every edit has its audit row's count, whether appended or folded, compacted or skipped.
    expect(Number((await s.query(`SELECT SUM(updates) AS n FROM audit WHERE board_id = 'board-0001'`)).rows[0].n)).toBe(50)
  })
})
