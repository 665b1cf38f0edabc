/**
 * Uploaded images on disk: `<dataDir>/assets/<boardId>/<sha256>.<ext>` (FileAssetStore, the default
 * AssetStore). The name is computed from the bytes and the sniffed type — never from anything the
 * client sent — so the same image is kept once, and no upload can choose where it lands.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { ALLOWED_IMAGE_TYPES, IMAGE_EXTENSION, type AllowedImageType } from '../../src/shared/assets.js'
import type { AssetStore } from './AssetStore.js'
import { errorCode } from './errorDetails.js'

/** The only file names served from an asset directory (also what keeps a path out of a request). */
export const ASSET_FILE_PATTERN = /^[a-f0-9]{64}\.(png|jpg|webp|gif)$/

const TYPE_BY_EXTENSION: ReadonlyMap<string, AllowedImageType> = new Map(ALLOWED_IMAGE_TYPES.map((type) => [IMAGE_EXTENSION[type], type]))

/** The content type a stored asset (a name matching ASSET_FILE_PATTERN) is served with: the one its bytes were sniffed as at upload. */
export function assetContentType(fileName: string): AllowedImageType {
  const type = TYPE_BY_EXTENSION.get(path.extname(fileName).slice(1))
  if (type === undefined) throw new Error(`${fileName} is not the name of a stored asset`)
  return type
}

/** Callers pass a board id checked by isValidBoardId and a name matching ASSET_FILE_PATTERN. */
export function assetPath(dataDir: string, boardId: string, fileName: string): string {
  return path.join(dataDir, 'assets', boardId, fileName)
}

/** The name an image is stored under: the SHA-256 of its bytes and the extension of its sniffed type. */
export function assetName(bytes: Uint8Array, type: AllowedImageType): string {
  return `${createHash('sha256').update(bytes).digest('hex')}.${IMAGE_EXTENSION[type]}`
}

/** The images of one server, as files under its DATA_DIR. */
export class FileAssetStore implements AssetStore {
  constructor(private readonly dataDir: string) {}

  save(boardId: string, bytes: Uint8Array, type: AllowedImageType): Promise<string> {
    return saveAsset(this.dataDir, boardId, bytes, type)
  }

  async read(boardId: string, fileName: string): Promise<Uint8Array | undefined> {
    const file = await this.localFile(boardId, fileName)
    return file === undefined ? undefined : fs.readFile(file)
  }

  async has(boardId: string, fileName: string): Promise<boolean> {
    return (await this.localFile(boardId, fileName)) !== undefined
  }

  async list(boardId: string): Promise<string[]> {
    const names = await fs.readdir(this.localDirOf(boardId)).catch((err: unknown) => {
      if (errorCode(err) === 'ENOENT') return []
      throw err
    })
    return names.filter((f) => ASSET_FILE_PATTERN.test(f)).sort()
  }

  async localFile(boardId: string, fileName: string): Promise<string | undefined> {
    const file = assetPath(this.dataDir, boardId, fileName)
    return (await exists(file)) ? file : undefined
  }

  async localDir(boardId: string): Promise<string> {
    return this.localDirOf(boardId)
  }

  async removeBoard(boardId: string): Promise<void> {
    await fs.rm(this.localDirOf(boardId), { recursive: true, force: true })
  }

  private localDirOf(boardId: string): string {
    return path.join(this.dataDir, 'assets', boardId)
  }
}

/** Store the image (if not stored already) and return its file name. */
export async function saveAsset(dataDir: string, boardId: string, bytes: Uint8Array, type: AllowedImageType): Promise<string> {
  const fileName = assetName(bytes, type)
  const finalPath = assetPath(dataDir, boardId, fileName)
  const dir = path.dirname(finalPath)
  await fs.mkdir(dir, { recursive: true })
  // Same bytes, same name: a file already there is this very image (it only ever appears by rename).
  if (await exists(finalPath)) return fileName

  // Crash safety: write and fsync a temp file, then rename it into place, then fsync the directory.
  // A crash leaves either no file or the whole file under the final name, never half of one; the
  // temp name (dot prefix, .tmp suffix) never matches ASSET_FILE_PATTERN, so a leftover is never
  // served. Two concurrent uploads of one image each rename their own identical temp: harmless.
  const tempPath = path.join(dir, `.${fileName}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const handle = await fs.open(tempPath, 'wx')
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(tempPath, finalPath)
  } catch (err) {
    await fs.rm(tempPath, { force: true })
    throw err
  }
  await syncDirectory(dir)
  return fileName
}

async function exists(filePath: string): Promise<boolean> {
  try {
    return (await fs.stat(filePath)).isFile()
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return false
    throw err
  }
}

/**
 * Why: the reply tells the client to put this URL into the shared board, so the rename must survive
 * a power cut. Some platforms (Windows) cannot fsync a directory; there the rename is as durable as
 * the file system makes it.
 */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(dir, 'r')
    await handle.sync()
  } catch (err) {
    const code = errorCode(err)
    if (code !== 'EPERM' && code !== 'EISDIR' && code !== 'EINVAL') throw err
  } finally {
    await handle?.close()
  }
}
