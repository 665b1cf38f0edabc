/**
 * Online backup (README "Backup and restore"): a consistent copy of the SQLite
 * database while the server keeps running, plus the uploaded images.
 *
 * Why SQLite's backup API and not a file copy: with WAL, the database is the main file plus the
 * write-ahead log, and a plain `cp` taken mid-write can pair a main file with half a log. The
 * backup API (better-sqlite3 `db.backup()`) copies pages from one read snapshot, restarting when a
 * writer changes a page it already copied, so the copy is exactly the database at one moment.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { DATABASE_FILE } from './SqliteStorage.js'

export interface BackupResult {
  /** The database copy. */
  file: string
  /** The copy of DATA_DIR/assets (uploaded images), next to the database copy. */
  assetsDir: string
  assetFiles: number
}

/** Where the assets of a backup at `file` go. */
export function backupAssetsDir(file: string): string {
  return `${file}.assets`
}

export async function backupDataDir(dataDir: string, target: string): Promise<BackupResult> {
  const file = path.resolve(target)
  const assetsDir = backupAssetsDir(file)
  const source = path.join(dataDir, DATABASE_FILE)
  if (!fs.existsSync(source)) throw new Error(`There is no database at ${source}; check DATA_DIR.`)
  // Never overwrite: a backup that replaces the last good one with a bad one helps nobody.
  for (const p of [file, assetsDir]) {
    if (fs.existsSync(p)) throw new Error(`${p} already exists; choose a new file name for the backup.`)
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })

  const partial = `${file}.partial`
  fs.rmSync(partial, { force: true })
  const db = new Database(source, { fileMustExist: true })
  try {
    // The server may hold a write lock for a moment; wait rather than fail.
    db.pragma('busy_timeout = 5000')
    await db.backup(partial)
  } finally {
    db.close()
  }
  const check = new Database(partial, { fileMustExist: true })
  try {
    const result = check.pragma('integrity_check', { simple: true })
    if (result !== 'ok') throw new Error(`The copy failed its integrity check (${String(result)}); try again.`)
    // A single self-contained file: the copy needs no -wal/-shm next to it.
    check.pragma('journal_mode = DELETE')
  } finally {
    check.close()
  }
  // Crash safety: the final name only ever holds a complete, checked copy.
  fs.renameSync(partial, file)

  // After the database: every image the copied boards refer to was saved before the board referred
  // to it, so it is in the directory now. Images uploaded since are extra and harmless.
  let assetFiles = 0
  const assets = path.join(dataDir, 'assets')
  if (fs.existsSync(assets)) {
    fs.cpSync(assets, assetsDir, {
      recursive: true,
      // Half-written uploads (dot-prefixed temp files) are not images yet.
      filter: (src) => !path.basename(src).startsWith('.'),
    })
    for (const entry of fs.readdirSync(assetsDir, { recursive: true, withFileTypes: true })) if (entry.isFile()) assetFiles++
  } else {
    fs.mkdirSync(assetsDir)
  }
  return { file, assetsDir, assetFiles }
}
