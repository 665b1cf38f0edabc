/**
 * Security: an image URL a project stores (the base plan, a need's photo) must be one this server
 * stored for this very board. Any other URL (another host, another board, a data: URL) would put a
 * foreign or unchecked image in front of every participant.
 */
import type { RequestField } from '../../src/shared/errorCodes.js'
import type { AssetStore } from '../storage/AssetStore.js'
import { ASSET_FILE_PATTERN } from '../storage/assetFiles.js'
import { HttpError } from './HttpError.js'

/** `src` if it names an image stored for `projectId`, else the 400 `invalid_<key>` saying how to get one. */
export async function projectAssetFile(src: unknown, key: RequestField, projectId: string, assets: AssetStore): Promise<{ src: string; file: string }> {
  const checked = await checkProjectAsset(src, key, projectId, assets)
  if ('problem' in checked) throw new HttpError(400, `invalid_${key}`, checked.problem)
  return checked
}

/** null if `src` (the field `key`) names an image stored for `projectId`, else the sentence saying how to get one. */
export async function projectAssetProblem(src: unknown, key: RequestField, projectId: string, assets: AssetStore): Promise<string | null> {
  const checked = await checkProjectAsset(src, key, projectId, assets)
  return 'problem' in checked ? checked.problem : null
}

async function checkProjectAsset(
  src: unknown, key: RequestField, projectId: string, assets: AssetStore,
): Promise<{ src: string; file: string } | { problem: string }> {
  const prefix = `/api/boards/${projectId}/assets/`
  if (typeof src !== 'string' || !src.startsWith(prefix) || !ASSET_FILE_PATTERN.test(src.slice(prefix.length))) {
    return { problem: `"${key}" must be the address an upload to this project returned (${prefix}<file>); upload the image with POST /api/boards/${projectId}/assets first.` }
  }
  const file = src.slice(prefix.length)
  if (!(await assets.has(projectId, file))) {
    return { problem: 'This image is not stored for this project; upload it again and use the address the upload returned.' }
  }
  return { src, file }
}
