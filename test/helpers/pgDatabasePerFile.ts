/**
 * One PostgreSQL database for a whole test file, emptied before each test that asks: creating a
 * database takes most of a second (PostgreSQL copies its template and syncs it to disk), emptying
 * its schema a few milliseconds. Call at the top level of a describe block; the database is made on
 * first use and dropped after the block.
 *
 *   const pgFile = pgDatabasePerFile()
 *   const url = await pgFile.empty()   // in a test or beforeEach: no tables, nothing connected
 */
import pg from 'pg'
import { afterAll } from 'vitest'
import { freshPgDatabase } from './pgDatabase.js'

export function pgDatabasePerFile(): { empty(): Promise<string> } {
  let made: ReturnType<typeof freshPgDatabase> | undefined
  afterAll(async () => {
    if (made) await (await made).drop()
  })
  return {
    async empty() {
      made ??= freshPgDatabase()
      const db = await made
      const client = new pg.Client(db.url)
      await client.connect()
      try {
        // Connections a previous test left open (a store it did not close) must not see the next test's tables.
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')
        await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public')
      } finally {
        await client.end()
      }
      return db.url
    },
  }
}
