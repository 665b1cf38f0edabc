/**
 * Uploaded images in PostgreSQL (table `assets`, made by pgBoardSchema.ts), so that an image stored
 * through one instance is served by every other: with several instances behind a load balancer, a
 * folder of one machine would answer 404 on the others.
 *
 * What reads files (serving with ranges, renditions, the PDF report) gets a copy in a local cache
 * folder (`<DATA_DIR>/asset-cache/<board>/<name>`), filled on first use. Why a cache is safe here:
 * an image never changes under its name (the name is the hash of its bytes), so a copy is right for
 * as long as it exists, and losing the folder loses nothing. The database stays the only store.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type pg from 'pg'
import type { AllowedImageType } from '../../src/shared/assets.js'
import type { AssetStore } from './AssetStore.js'
import { ASSET_FILE_PATTERN, assetName } from './assetFiles.js'
import { errorCode } from './errorDetails.js'

export class PgAssetStore implements AssetStore {
  /** `pool` belongs to the caller (PgStorage), which ends it. */
  constructor(private readonly pool: pg.Pool, private readonly cacheDir: string) {}

  async save(boardId: string, bytes: Uint8Array, type: AllowedImageType): Promise<string> {
    const name = assetName(bytes, type)
    // Same bytes, same name: a row already there is this very image (two instances storing one
    // image at once both succeed, one of them inserting nothing).
    await this.pool.query(
      'INSERT INTO assets (board_id, name, data, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (board_id, name) DO NOTHING',
      [boardId, name, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), Date.now()])
    return name
  }

  async read(boardId: string, fileName: string): Promise<Uint8Array | undefined> {
    const { rows } = await this.pool.query<{ data: Buffer }>('SELECT data FROM assets WHERE board_id = $1 AND name = $2', [boardId, fileName])
    return rows[0]?.data
  }

  async has(boardId: string, fileName: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM assets WHERE board_id = $1 AND name = $2', [boardId, fileName])
    return rows.length > 0
  }

  async list(boardId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string }>('SELECT name FROM assets WHERE board_id = $1 ORDER BY name', [boardId])
    return rows.map((r) => r.name)
  }

  async localFile(boardId: string, fileName: string): Promise<string | undefined> {
    const file = path.join(this.cacheDir, boardId, fileName)
    if (await isFile(file)) return file
    const bytes = await this.read(boardId, fileName)
    if (!bytes) return undefined
    await writeCopy(file, bytes)
    return file
  }

  async localDir(boardId: string): Promise<string> {
    const dir = path.join(this.cacheDir, boardId)
    const cached = new Set(await fs.readdir(dir).catch((): string[] => []))
    for (const name of await this.list(boardId)) {
      if (!cached.has(name)) await this.localFile(boardId, name)
    }
    return dir
  }

  async removeBoard(boardId: string): Promise<void> {
    await this.pool.query('DELETE FROM assets WHERE board_id = $1', [boardId])
    await fs.rm(path.join(this.cacheDir, boardId), { recursive: true, force: true })
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile()
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return false
    throw err
  }
}

/**
 * A cached copy, written whole under a temp name and then renamed (after fsync, so a power cut
 * cannot leave a short file under the image's name). The temp name never matches
 * ASSET_FILE_PATTERN, so a leftover is never served; two requests copying at once each rename
 * their own identical temp.
 */
async function writeCopy(file: string, bytes: Uint8Array): Promise<void> {
  if (!ASSET_FILE_PATTERN.test(path.basename(file))) throw new Error(`${path.basename(file)} is not the name of a stored asset`)
  await fs.mkdir(path.dirname(file), { recursive: true })
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const handle = await fs.open(temp, 'wx')
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temp, file)
  } catch (err) {
    await fs.rm(temp, { force: true })
    throw err
  }
}
