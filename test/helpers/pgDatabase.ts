/**
 * A fresh PostgreSQL database for one test, on the server the machine provides
 * (postgres://postgres@127.0.0.1:5432, trust auth; `.ci/run` starts it if stopped).
 *
 *   const db = await freshPgDatabase()   // db.url: postgres://…/cg_test_<random>
 *   …
 *   await db.drop()                       // also ends connections the test left open
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The maintenance database tests create and drop theirs from. */
const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** `adminUrl`: the maintenance database to create it from (the benchmarks let BENCH_PG_ADMIN_URL name another server). */
export async function freshPgDatabase(adminUrl = DEFAULT_ADMIN_URL): Promise<{ url: string; drop(): Promise<void> }> {
  // A name only this test uses: tests run in parallel on one server. Hex only, so it needs no quoting.
  const name = `cg_test_${randomBytes(8).toString('hex')}`
  await admin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  let dropped = false
  return {
    url: url.toString(),
    async drop() {
      if (dropped) return
      dropped = true
      await admin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    },
  }
}
