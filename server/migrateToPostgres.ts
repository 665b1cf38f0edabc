/**
 * `npm run migrate-to-postgres -- <DATA_DIR>` (DATABASE_URL set): moves a stopped single server's
 * SQLite data folder into an empty PostgreSQL database (docs/deploy.md). The tables are made first
 * by the same code the server runs at start; storage/moveToPostgres.ts copies and then compares.
 * The SQLite folder is only read, never changed: it stays the fallback until the cluster has proved itself.
 */
import path from 'node:path'
import pg from 'pg'
import { readConfig } from './config.js'
import { Participation } from './participation/Participation.js'
import { BoardHistory } from './storage/BoardHistory.js'
import { errorMessage } from './storage/errorDetails.js'
import { MoveError, moveToPostgres } from './storage/moveToPostgres.js'
import { openPgStorage } from './storage/PgStorage.js'
import { PgSqlDb } from './storage/sql/PgSqlDb.js'
import { SqliteProjectStore } from './workflow/SqliteProjectStore.js'
import { Workspaces } from './workspace/Workspaces.js'

async function main(): Promise<number> {
  const config = readConfig()
  if (!config.databaseUrl) {
    console.error('Set DATABASE_URL to the (empty) PostgreSQL database to move into, e.g. DATABASE_URL=postgres://cg@db:5432/commonground')
    return 2
  }
  const source = process.argv[2]
  if (!source) {
    console.error('Name the data folder to move: npm run migrate-to-postgres -- /srv/commonground/data')
    return 2
  }
  const dataDir = path.resolve(source)
  // The tables, made as the server makes them at start (board storage first: the others refer to it).
  const storage = await openPgStorage(config.databaseUrl)
  const db = new PgSqlDb(config.databaseUrl)
  const client = new pg.Client({ connectionString: config.databaseUrl })
  try {
    new SqliteProjectStore(db)
    new Participation(db)
    new BoardHistory(db)
    new Workspaces(db)
    await client.connect()
    // Images go through the database's own asset store; the cache folder is a scratch one.
    const assets = storage.assetStore(path.join(config.dataDir, 'asset-cache'))
    const report = await moveToPostgres(dataDir, client, assets, (line) => console.log(line))
    const rows = report.tables.reduce((sum, t) => sum + t.rows, 0)
    console.log(`Moved ${rows} rows in ${report.tables.length} tables and ${report.images} images from ${dataDir} into PostgreSQL, and checked them.`)
    return 0
  } catch (err) {
    console.error(`The move failed: ${err instanceof MoveError ? err.message : errorMessage(err)}. ` +
      "The SQLite folder is unchanged; drop and create the PostgreSQL database again before the next try.")
    return 1
  } finally {
    await client.end().catch(() => {})
    db.close()
    await storage.close()
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(errorMessage(err))
  process.exit(1)
})
