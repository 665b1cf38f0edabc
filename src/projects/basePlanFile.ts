/**
 * The optional base plan chosen on the new-project page: checked before anything is sent (type,
 * size, real image bytes), measured (its natural pixel size goes into the project's BasePlan), then
 * uploaded to the project board and set as the project's base plan.
 */
import { ApiRequestError, type RequestOptions } from '../net/api'
import { checkImageFile, formatBytes } from '../board'
import { format, type Strings } from '../i18n/lang'
import type { BasePlan } from '../shared/projectApi'
import type { ErrorText } from './projectFields'
import { setBasePlan, uploadProjectAsset } from './projectClient'

export interface ChosenPlan {
  file: File
  width: number
  height: number
}

/** The image's natural size; rejects when the browser cannot decode it (a damaged file). */
export async function readImageSize(file: Blob): Promise<{ width: number; height: number }> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(file)
      const size = { width: bitmap.width, height: bitmap.height }
      bitmap.close()
      if (size.width > 0 && size.height > 0) return size
    } catch {
      // Some browsers cannot make bitmaps of every type (e.g. animated GIF); try an <img>.
    }
  }
  const url = URL.createObjectURL(file)
  try {
    const img = new Image()
    img.src = url
    await img.decode()
    if (!(img.naturalWidth > 0 && img.naturalHeight > 0)) throw new Error('Image has no size')
    return { width: img.naturalWidth, height: img.naturalHeight }
  } finally {
    URL.revokeObjectURL(url)
  }
}

/** Check and measure a chosen file: either a plan ready to upload, or why it cannot be used. */
export async function choosePlan(file: File, maxBytes: number): Promise<ChosenPlan | ErrorText> {
  const problem = await checkImageFile(file, maxBytes)
  if (problem === 'type') return (t: Strings) => t.upload.wrongType
  if (problem === 'size') return (t: Strings) => format(t.upload.tooLarge, { size: formatBytes(maxBytes) })
  try {
    return { file, ...(await readImageSize(file)) }
  } catch {
    return (t: Strings) => t.projects.planUnreadable
  }
}

/** Upload the image to the project board, then make it the project's base plan (organizer token). */
export async function uploadBasePlan(projectId: string, token: string, plan: ChosenPlan, opts: RequestOptions): Promise<BasePlan> {
  const { src } = await uploadProjectAsset(projectId, token, plan.file, opts)
  // Only our own server's URLs go into the project (no foreign hosts, no data: URLs).
  if (typeof src !== 'string' || !src.startsWith('/') || src.startsWith('//')) {
    throw new Error(`Unexpected asset URL from the server: ${String(src)}`)
  }
  const basePlan: BasePlan = { src, width: plan.width, height: plan.height, mimeType: plan.file.type }
  await setBasePlan(projectId, token, basePlan, opts)
  return basePlan
}

/** Why the upload failed, for the "project created, plan not uploaded" message. */
export function planFailureText(err: unknown, maxBytes: number): ErrorText {
  if (!(err instanceof ApiRequestError)) return (t) => t.upload.failed
  return (t, lang) => {
    if (err.isNetworkError) return t.upload.offline
    if (lang !== 'en' || !err.serverMessage) {
      if (err.status === 413) return format(t.upload.tooLarge, { size: formatBytes(maxBytes) })
      if (err.status === 415) return t.upload.wrongType
    }
    return err.describe(t, lang)
  }
}
