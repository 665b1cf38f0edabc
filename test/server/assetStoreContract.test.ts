/**
 * What every AssetStore must do (server/storage/AssetStore.ts), against both: files under DATA_DIR
 * and PostgreSQL. "Another instance" is a second store on the same data (for PostgreSQL: its own
 * pool and its own local cache folder, as a second server would have).
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AssetStore } from '../../server/storage/AssetStore.js'
import { FileAssetStore } from '../../server/storage/assetFiles.js'
import { openPgStorage, type PgStorage } from '../../server/storage/PgStorage.js'
import { pgDatabasePerFile } from '../helpers/pgDatabasePerFile.js'
import { IMAGES } from './httpTestKit.js'

interface AssetsUnderTest {
  store: AssetStore
  /** A store of another instance on the same data. */
  other(): Promise<AssetStore>
  destroy(): Promise<void>
}

async function files(): Promise<AssetsUnderTest> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-assets-'))
  return {
    store: new FileAssetStore(dir),
    async other() { return new FileAssetStore(dir) },
    async destroy() { fs.rmSync(dir, { recursive: true, force: true }) },
  }
}

const pgFile = pgDatabasePerFile()

async function postgres(): Promise<AssetsUnderTest> {
  const db = { url: await pgFile.empty() }
  const dirs: string[] = []
  const opened: PgStorage[] = []
  async function instance(): Promise<AssetStore> {
    const storage = await openPgStorage(db.url)
    opened.push(storage)
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-asset-cache-'))
    dirs.push(cache)
    return storage.assetStore(cache)
  }
  return {
    store: await instance(),
    other: instance,
    async destroy() {
      for (const s of opened) await s.close()
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
    },
  }
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

describe.each([
  { engine: 'FileAssetStore', open: files },
  { engine: 'PgAssetStore', open: postgres },
])('$engine keeps the AssetStore contract', ({ open }) => {
  let under: AssetsUnderTest
  let store: AssetStore

  beforeEach(async () => {
    under = await open()
    store = under.store
  })

  afterEach(async () => {
    await under.destroy()
  })

  it('names an image by its bytes and type, and keeps the same image once', async () => {
    const name = await store.save('board-000a', IMAGES.png, 'image/png')
    expect(name).toBe(`${sha(IMAGES.png)}.png`)
    expect(await store.save('board-000a', IMAGES.png, 'image/png')).toBe(name)
    const jpg = await store.save('board-000a', IMAGES.jpg, 'image/jpeg')
    expect(jpg).toBe(`${sha(IMAGES.jpg)}.jpg`)
    expect(await store.list('board-000a')).toEqual([name, jpg].sort())
  })

  it('gives back the bytes, from this instance and from another', async () => {
    const name = await store.save('board-000a', IMAGES.webp, 'image/webp')
    expect(Buffer.from((await store.read('board-000a', name))!).equals(IMAGES.webp)).toBe(true)
    const other = await under.other()
    expect(await other.has('board-000a', name)).toBe(true)
    expect(Buffer.from((await other.read('board-000a', name))!).equals(IMAGES.webp)).toBe(true)
    const file = await other.localFile('board-000a', name)
    expect(file && fs.readFileSync(file).equals(IMAGES.webp)).toBe(true)
  })

  it('answers a name it does not hold plainly: undefined, false, no file', async () => {
    const missing = `${'0'.repeat(64)}.png`
    expect(await store.read('board-000a', missing)).toBeUndefined()
    expect(await store.has('board-000a', missing)).toBe(false)
    expect(await store.localFile('board-000a', missing)).toBeUndefined()
    expect(await store.list('board-000a')).toEqual([])
  })

  it('keeps each board apart', async () => {
    const name = await store.save('board-000a', IMAGES.gif, 'image/gif')
    expect(await store.read('board-000b', name)).toBeUndefined()
    expect(await store.has('board-000b', name)).toBe(false)
    expect(await store.localFile('board-000b', name)).toBeUndefined()
    expect(await store.list('board-000b')).toEqual([])
  })

  it('gives a local folder with every image of the board under its name', async () => {
    const png = await store.save('board-000a', IMAGES.png, 'image/png')
    const jpg = await store.save('board-000a', IMAGES.jpg, 'image/jpeg')
    await store.save('board-000b', IMAGES.gif, 'image/gif')
    const dir = await (await under.other()).localDir('board-000a')
    expect(fs.readdirSync(dir).filter((f) => !f.startsWith('.')).sort()).toEqual([png, jpg].sort())
    expect(fs.readFileSync(path.join(dir, jpg)).equals(IMAGES.jpg)).toBe(true)
  })

  it('removes one board\'s images and no other\'s', async () => {
    const a = await store.save('board-000a', IMAGES.png, 'image/png')
    const b = await store.save('board-000b', IMAGES.png, 'image/png')
    await store.localFile('board-000a', a)
    await store.removeBoard('board-000a')
    expect(await store.list('board-000a')).toEqual([])
    expect(await store.has('board-000a', a)).toBe(false)
    expect(await store.localFile('board-000a', a)).toBeUndefined()
    expect(await store.has('board-000b', b)).toBe(true)
  })

  it('takes the same image from two instances at once', async () => {
    const other = await under.other()
    const [x, y] = await Promise.all([store.save('board-000a', IMAGES.png, 'image/png'), other.save('board-000a', IMAGES.png, 'image/png')])
    expect(x).toBe(y)
    expect(await store.list('board-000a')).toEqual([x])
  })
})
