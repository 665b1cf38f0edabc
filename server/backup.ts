/**
 * `npm run backup -- <file>` (dist/server/server/backup.js): an online backup of DATA_DIR while the
 * server runs — the database to <file>, the uploaded images to <file>.assets/. README, "Backup and
 * restore", has the restore steps.
 */
import { readConfig } from './config.js'
import { backupDataDir } from './storage/backupDataDir.js'

async function main(): Promise<void> {
  const target = process.argv[2]
  if (!target) {
    console.error('Usage: npm run backup -- <backup file>   (for example: npm run backup -- backups/commonground-2026-11-23.db)')
    process.exit(2)
  }
  try {
    const config = readConfig()
    // This copies the SQLite file; with DATABASE_URL the projects and everything people entered are
    // in PostgreSQL, and a backup without them would look complete and restore nothing of them.
    if (config.databaseUrl) {
      throw new Error('DATABASE_URL is set: this server keeps its data in PostgreSQL, which this backup does not copy. ' +
        'Back the database up with pg_dump (and restore it with pg_restore) instead.')
    }
    const result = await backupDataDir(config.dataDir, target)
    console.log(`Backup written: ${result.file}`)
    console.log(`Images copied: ${result.assetFiles} file(s) to ${result.assetsDir}`)
  } catch (err) {
    console.error(`Backup failed: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  }
}

void main()
