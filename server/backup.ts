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
    const result = await backupDataDir(config.dataDir, target)
    console.log(`Backup written: ${result.file}`)
    console.log(`Images copied: ${result.assetFiles} file(s) to ${result.assetsDir}`)
  } catch (err) {
    console.error(`Backup failed: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  }
}

void main()
