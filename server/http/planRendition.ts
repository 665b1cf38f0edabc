/**
 * GET /api/boards/:id/assets/:file/small: an uploaded JPEG shrunk to RENDITION_MAX_SIDE on its long
 * side (src/shared/imageRendition.ts; quality: renditionJpeg.ts), for screens that cannot show more (a resident's phone: the
 * 711 KiB site plan becomes ~200 KiB). Made once per image and kept in
 * <dataDir>/renditions/<boardId>/, when the organizer sets the base plan (so the first phone does
 * not wait for it) or else on the first request. Where no smaller rendition can be made (a PNG, an
 * image already small, one jpeg-js cannot read) the original itself is the answer, so the address
 * always shows the image.
 *
 * Why in a worker thread (when run from the build): decoding a large JPEG in pure JavaScript takes
 * about a second, which on the main thread would stall every board's sync for as long.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { RENDITION_MAX_SIDE, RENDITION_QUALITY } from '../../src/shared/imageRendition.js'
import type { AssetStore } from '../storage/AssetStore.js'
import { assetContentType } from '../storage/assetFiles.js'
import { requestedAssetFile } from './assetRoutes.js'
import { renditionJpeg } from './renditionJpeg.js'
import { HttpError } from './HttpError.js'
import type { Handler } from './router.js'
import { UPLOAD_CSP } from './securityHeaders.js'
import { openRegularFile, sendFile } from './sendFile.js'

/** In the rendition's file name and tag: a change of size or quality rule must not reuse old files. */
const RENDITION_VERSION = `${RENDITION_MAX_SIDE}q${RENDITION_QUALITY}v2`

const workerFile = fileURLToPath(new URL('./renditionWorker.js', import.meta.url))
const canUseWorker = existsSync(workerFile)

/** Callers pass a checked board id and a name matching ASSET_FILE_PATTERN. */
function renditionPath(dataDir: string, boardId: string, fileName: string): string {
  return path.join(dataDir, 'renditions', boardId, `${fileName.slice(0, 64)}-${RENDITION_VERSION}.jpg`)
}

/**
 * One server's renditions (the server's wiring makes one, createHttpHandler.ts: two servers in one
 * process, as the tests start, each have their own data dir and queue).
 */
export class PlanRenditions {
  /** In-flight and finished work by rendition path: two phones asking at once share one decode. */
  private readonly making = new Map<string, Promise<string | null>>()
  /**
   * One image at a time: a decoded plan can take a few hundred MB, and on a small server two at once
   * would only share the same cores.
   */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly dataDir: string, private readonly assets: AssetStore) {}

  /**
   * The rendition's path, made now if missing; null when the original is to be shown instead. A
   * "no rendition" outcome is remembered for the server's life (re-decoding the same image on every
   * request would cost a second of CPU each time for nothing).
   */
  ensure(boardId: string, fileName: string): Promise<string | null> {
    if (!fileName.endsWith('.jpg')) return Promise.resolve(null)
    const target = renditionPath(this.dataDir, boardId, fileName)
    let pending = this.making.get(target)
    if (!pending) {
      pending = this.queue.then(async () => {
        const source = await this.assets.localFile(boardId, fileName)
        if (source === undefined) throw new Error(`${fileName} is not stored for board ${boardId}`)
        return makeRendition(source, target)
      })
      // A failure of the disk is not remembered: the next request tries again.
      pending.catch(() => this.making.delete(target))
      this.queue = pending.catch(() => undefined)
      this.making.set(target, pending)
    }
    return pending
  }
}

async function makeRendition(source: string, target: string): Promise<string | null> {
  if (await isFile(target)) return target
  const bytes = await fs.readFile(source)
  let shrunk: Uint8Array | undefined
  try {
    shrunk = canUseWorker ? await shrinkInWorker(bytes) : renditionJpeg(bytes)
  } catch {
    // jpeg-js cannot read it (CMYK, too many pixels…): the original is shown instead.
    return null
  }
  // Not smaller in bytes (a small, already well-compressed image): nothing gained.
  if (!shrunk || shrunk.length >= bytes.length) return null
  await fs.mkdir(path.dirname(target), { recursive: true })
  // Written under a temp name and renamed, so a half-written rendition is never served.
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`
  try {
    await fs.writeFile(temp, shrunk)
    await fs.rename(temp, target)
  } catch (err) {
    await fs.rm(temp, { force: true })
    throw err
  }
  return target
}

function shrinkInWorker(bytes: Buffer): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, {
      workerData: { bytes },
      resourceLimits: { maxOldGenerationSizeMb: 768 },
    })
    worker.once('message', (msg: { ok: true; jpeg: Uint8Array | null } | { ok: false; message: string }) => {
      if (msg.ok) resolve(msg.jpeg ?? undefined)
      else reject(new Error(msg.message))
      void worker.terminate()
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`rendition worker exited with code ${code}`)))
  })
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile()
  } catch {
    return false
  }
}

/** Same openness as the original (serveAssetHandler): whoever has the image's URL may see it smaller. */
export function serveRenditionHandler(assets: AssetStore, renditions: PlanRenditions): Handler {
  return async ({ req, res, params }) => {
    // Security decision: as for the original, only names this server made reach the file system.
    const original = await requestedAssetFile(assets, params)
    const { id: boardId, file: fileName } = params
    if (original === undefined) {
      throw new HttpError(404, 'asset_not_found', 'This image is not stored on this server; it may not have finished uploading.')
    }
    const made = await renditions.ensure(boardId, fileName).catch(() => null)
    const rendition = made ? await openRegularFile(made) : undefined
    const file = rendition ?? (await openRegularFile(original))
    if (!file) throw new HttpError(404, 'asset_not_found', 'This image is not stored on this server; it may not have finished uploading.')
    const isRendition = !!rendition
    return sendFile(req, res, file, {
      // Both forms are fixed by the original's hash (and the rendition's size and quality).
      etag: `"${fileName.slice(0, 64)}${isRendition ? `-${RENDITION_VERSION}` : ''}"`,
      headers: {
        'Content-Type': isRendition ? 'image/jpeg' : assetContentType(fileName),
        'Content-Disposition': `inline; filename="${fileName}"`,
        'Cache-Control': 'public, max-age=31536000, immutable',
        'Content-Security-Policy': UPLOAD_CSP,
        'Cross-Origin-Resource-Policy': 'same-origin',
      },
    })
  }
}
