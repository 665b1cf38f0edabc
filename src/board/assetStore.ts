/**
 * Where tldraw puts images: uploaded to our server (POST /api/boards/<id>/assets) and referenced
 * by URL. Nothing is ever embedded in the document as base64: the document is synced to every
 * participant and kept forever, and a few photos would make it slow for everyone.
 */
import type { TLAssetStore } from 'tldraw'
import { ApiRequestError, uploadAsset } from '../net/api'
import { format, type Strings } from '../i18n/lang'
import { ALLOWED_IMAGE_TYPES, sniffImageType } from '../shared/assets'
import { renditionSuffices, renditionUrl } from '../shared/imageRendition'

export type ImageProblem = 'type' | 'size' | null

/** What tldraw may accept at all: the server's image types, and no video (it stores images only). */
export const ACCEPTED_IMAGE_MIME_TYPES: readonly string[] = [...ALLOWED_IMAGE_TYPES]
export const ACCEPTED_VIDEO_MIME_TYPES: readonly string[] = []

/**
 * Refuse early what the server would refuse anyway, with a clear message and without sending the
 * bytes over a weak connection. The server still decides: it sniffs the bytes again.
 */
export async function checkImageFile(file: Blob, maxBytes: number): Promise<ImageProblem> {
  if (!ALLOWED_IMAGE_TYPES.some((type) => type === file.type)) return 'type'
  if (file.size > maxBytes) return 'size'
  // A file named .png may be something else (e.g. a phone's HEIC photo renamed): check the bytes.
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer())
  return sniffImageType(head) ? null : 'type'
}

export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

export interface AssetStoreOptions {
  boardId: string
  maxUploadBytes: number
  /** The current language, read at call time so messages follow a language switch. */
  i18n: () => { t: Strings; lang: string }
  /** Show a message to the person who tried to add the image. */
  notify: (message: string) => void
  /**
   * A project board's role-link token: uploads then carry it as `Authorization: Bearer …`, and the
   * server accepts them only from a role that may draw now.
   */
  token?: string
}

export function createAssetStore(opts: AssetStoreOptions): TLAssetStore {
  const fail = (message: string): never => {
    opts.notify(message)
    // tldraw removes the placeholder image when upload throws; it also shows its own short toast.
    throw new Error(message)
  }

  return {
    async upload(_asset, file, abortSignal) {
      const { t, lang } = opts.i18n()
      const problem = await checkImageFile(file, opts.maxUploadBytes)
      if (problem === 'type') fail(t.upload.wrongType)
      if (problem === 'size') fail(format(t.upload.tooLarge, { size: formatBytes(opts.maxUploadBytes) }))
      try {
        const request = { t, lang, signal: abortSignal }
        const { src } = await uploadAsset(opts.boardId, file, request, opts.token)
        // Only our own server's URLs go into the shared document (no foreign hosts, no data: URLs).
        if (typeof src !== 'string' || !src.startsWith('/')) fail(t.upload.failed)
        return { src }
      } catch (err) {
        if (abortSignal?.aborted) throw err
        if (!(err instanceof ApiRequestError)) throw err
        return fail(uploadFailureMessage(err, t, lang, opts.maxUploadBytes))
      }
    },
    /**
     * The original, unless the screen shows the image with no more pixels than its phone rendition
     * has (server/http/planRendition.ts): a resident's phone then downloads ~200 KiB instead of a
     * 711 KiB plan, and switches to the original when she zooms in far enough to see the difference.
     * `screenScale`, not tldraw's power-of-two `steppedScreenScale`: there are only two sizes here,
     * and the stepped one would round a 3× phone's fitted plan up past the rendition. Exports, copy
     * and paste (`shouldResolveToOriginal`) always get the original; the record keeps its URL.
     */
    resolve(asset, ctx) {
      const src = asset.props.src
      if (!src) return null
      if (asset.type !== 'image' || ctx.shouldResolveToOriginal) return src
      const small = renditionUrl(src)
      return small && renditionSuffices(asset.props.w, asset.props.h, ctx.screenScale, ctx.dpr) ? small : src
    },
  }
}

/** The server's own sentence for refusals it explains (413/415) when reading English; ours otherwise. */
function uploadFailureMessage(err: ApiRequestError, t: Strings, lang: string, maxBytes: number): string {
  if (err.isNetworkError) return t.upload.offline
  if (err.status === 413 || err.status === 415) {
    if (lang === 'en' && err.serverMessage) return err.serverMessage
    return err.status === 413 ? format(t.upload.tooLarge, { size: formatBytes(maxBytes) }) : t.upload.wrongType
  }
  return t.upload.failed
}
