/**
 * The Storage contract (storageContract.ts) against every engine: SQLite (the default) and
 * PostgreSQL (DATABASE_URL), each on data of its own made for the test and removed after it.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { describe } from 'vitest'
import { openPgStorage } from '../../server/storage/PgStorage.js'
import { openSqliteStorage, type SqliteStorage } from '../../server/storage/SqliteStorage.js'
import type { Storage } from '../../server/storage/Storage.js'
import { pgDatabasePerFile } from '../helpers/pgDatabasePerFile.js'
import { describeStorageContract, type AuditRow, type StorageUnderTest } from './storageContract.js'

const AUDIT_COLUMNS = 'kind, link_id AS "linkId", participant_id AS "participantId", updates, bytes'

async function sqlite(): Promise<StorageUnderTest> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-contract-'))
  let storage = openSqliteStorage(dir)
  return {
    storage,
    async reopen(): Promise<Storage> {
      await storage.close()
      storage = openSqliteStorage(dir)
      return storage
    },
    async destroy(): Promise<void> {
      await storage.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
    async audit(boardId: string): Promise<AuditRow[]> {
      return (storage as SqliteStorage).database.prepare<[string], AuditRow>(
        `SELECT ${AUDIT_COLUMNS} FROM audit WHERE board_id = ? ORDER BY id`).all(boardId)
    },
  }
}

const pgFile = pgDatabasePerFile()

async function postgres(): Promise<StorageUnderTest> {
  const db = { url: await pgFile.empty() }
  let storage = await openPgStorage(db.url)
  return {
    storage,
    async reopen(): Promise<Storage> {
      await storage.close()
      storage = await openPgStorage(db.url)
      return storage
    },
    async destroy(): Promise<void> {
      await storage.close()
    },
    async audit(boardId: string): Promise<AuditRow[]> {
      const client = new pg.Client(db.url)
      await client.connect()
      try {
        const { rows } = await client.query<AuditRow>(
          `SELECT ${AUDIT_COLUMNS} FROM audit WHERE board_id = $1 ORDER BY id`, [boardId])
        // BIGINT arrives as text from a plain client; the engines' own readers give numbers.
        return rows.map((r) => ({ ...r, updates: Number(r.updates), bytes: Number(r.bytes) }))
      } finally {
        await client.end()
      }
    },
  }
}

describe.each([
  { engine: 'SqliteStorage', open: sqlite },
  { engine: 'PgStorage', open: postgres },
])('$engine', ({ engine, open }) => {
  describeStorageContract(engine, open)
})
