/**
 * A fresh, empty PostgreSQL database per test (the machine's PostgreSQL on 127.0.0.1:5432, trust
 * auth), dropped afterwards. Shared by every PostgreSQL test (board storage and the SqlDb stores).
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

export async function freshPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  // Random, lower-case and [a-z0-9_] only: safe to put into the statement (CREATE DATABASE takes no parameters).
  const name = `cg_test_${randomBytes(6).toString('hex')}`
  await admin((c) => c.query(`CREATE DATABASE ${name}`))
  let dropped = false
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    async drop() {
      if (dropped) return
      dropped = true
      // FORCE: a server under test that did not close (a failed test) must not keep the database alive.
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    },
  }
}
