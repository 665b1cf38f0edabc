/**
 * POST /api/boards/:id/assets (upload raw image bytes) and GET /api/boards/:id/assets/:file.
 * The type is decided by sniffing the bytes; the file name and Content-Type header are ignored.
 * Uploading to a project board needs a role link that may draw now (or the organizer's).
 */
import type { IncomingMessage } from 'node:http'
import type { Config } from '../config.js'
import type { Storage } from '../storage/Storage.js'
import type { UploadedAsset } from '../../src/shared/api.js'
import { sniffImageType } from '../../src/shared/assets.js'
import { isValidBoardId } from '../../src/shared/boardId.js'
import { can } from '../../src/shared/workflow.js'
import type { Workflow } from '../workflow/Workflow.js'
import { boardNotFound, invalidBoardId } from './boardErrors.js'
import type { AssetStore } from '../storage/AssetStore.js'
import { ASSET_FILE_PATTERN, assetContentType } from '../storage/assetFiles.js'
import { formatMegabytes, HttpError } from './HttpError.js'
import { authenticate } from './projectRequest.js'
import { readBody } from './readBody.js'
import { sendJson } from './respond.js'
import type { Handler } from './router.js'
import { UPLOAD_CSP } from './securityHeaders.js'
import { openRegularFile, sendFile } from './sendFile.js'

export function uploadAssetHandler(config: Config, storage: Storage, assets: AssetStore, workflow?: Workflow): Handler {
  return async ({ req, res, params }) => {
    const boardId = params.id
    if (!isValidBoardId(boardId)) throw invalidBoardId()
    if (workflow?.isProject(boardId)) authorizeProjectUpload(req, workflow, boardId)
    // Checked before reading the body, so nothing is stored for a board that does not exist.
    if (!(await storage.getBoard(boardId))) throw boardNotFound()

    const limit = formatMegabytes(config.maxUploadBytes)
    const bytes = await readBody(req, config.maxUploadBytes, () => new HttpError(413, 'upload_too_large',
      `This image is too large: images may be at most ${limit}. Make it smaller and try again.`))
    if (bytes.length === 0) {
      throw new HttpError(400, 'empty_upload', 'The upload was empty; send the image file itself as the request body.')
    }
    const type = sniffImageType(bytes)
    if (!type) {
      throw new HttpError(415, 'unsupported_image_type',
        'This file is not a PNG, JPEG, WebP or GIF image; only those four types can be uploaded (SVG is not accepted).')
    }
    const fileName = await assets.save(boardId, bytes, type)
    const body: UploadedAsset = { src: `/api/boards/${boardId}/assets/${fileName}` }
    sendJson(res, 201, body)
  }
}

/**
 * Security: on a project board only a live link whose role may draw in the current stage may add
 * images (the same rule the sync endpoint enforces for shapes) or whose role may add needs now (a
 * need's photo, e.g. the committee during the site visit) or report a task's progress (a progress
 * photo in 实施落实), and the organizer in every stage, for the base plan. Checked before the body is read, so a refused upload costs no disk or memory.
 */
function authorizeProjectUpload(req: IncomingMessage, workflow: Workflow, projectId: string): void {
  const { link, project } = authenticate(req, workflow, projectId)
  if (link.role === 'organizer' || can(link.role, project.stage, 'draw') || can(link.role, project.stage, 'addNeed') ||
    can(link.role, project.stage, 'reportProgress')) return
  throw new HttpError(403, 'not_allowed',
    `A ${link.role} link cannot add pictures while the project is in the "${project.stage}" stage; wait until the organizer opens a stage in which you may draw or add needs.`)
}

/**
 * The stored image an asset URL (`/api/boards/:id/assets/:file`, and its `/small` rendition) names,
 * as a local file (AssetStore.localFile); undefined when not stored.
 * Security decision: only names this server made (a sha256 and one of four extensions) get
 * anywhere near the file system or the database, so an asset id can never carry a dot-dot or a slash.
 */
export function requestedAssetFile(assets: AssetStore, params: Record<string, string>): Promise<string | undefined> {
  const { id: boardId, file: fileName } = params
  if (!isValidBoardId(boardId)) throw invalidBoardId()
  if (!ASSET_FILE_PATTERN.test(fileName)) {
    throw new HttpError(400, 'invalid_asset_name',
      'This is not a valid asset name; asset URLs are the ones returned by an upload, ending in <sha256>.<png|jpg|webp|gif>.')
  }
  return assets.localFile(boardId, fileName)
}

/**
 * Reading stays open to whoever has the URL, as for plain boards: an <img> cannot send a token. The
 * URL holds the project id (128 random bits) and the SHA-256 of the image, so it cannot be guessed
 * by someone who has neither; it is a capability like the board link itself.
 */
export function serveAssetHandler(assets: AssetStore): Handler {
  return async ({ req, res, params }) => {
    const fileName = params.file
    const local = await requestedAssetFile(assets, params)
    const file = local === undefined ? undefined : await openRegularFile(local)
    if (!file) throw new HttpError(404, 'asset_not_found', 'This image is not stored on this server; it may not have finished uploading.')
    return sendFile(req, res, file, {
      // The name is the hash of the content: a strong tag that can never go stale.
      etag: `"${fileName.slice(0, 64)}"`,
      headers: {
        'Content-Type': assetContentType(fileName),
        'Content-Disposition': `inline; filename="${fileName}"`,
        'Cache-Control': 'public, max-age=31536000, immutable',
        'Content-Security-Policy': UPLOAD_CSP,
        'Cross-Origin-Resource-Policy': 'same-origin',
      },
    })
  }
}
