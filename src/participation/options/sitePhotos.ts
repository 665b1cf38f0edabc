/**
 * One upload of site photos, from chosen files to images on the plan: for each photo, read when
 * (and, if the expert keeps it, where) it was taken, shrink it, upload it, and place it in a small
 * grid around the spot the expert tapped, as a normal tldraw image (so it can be drawn over).
 *
 * Photos go one at a time: decoding a dozen 12-megapixel photos at once can run a phone out of
 * memory. A photo that fails is listed with why; the others go on.
 *
 * The job's progress lives in a per-editor atom, not in a component: the person may close the
 * panel or switch tabs while photos upload, and must find the progress and failures when they
 * come back.
 */
import { AssetRecordType, atom, createShapeId, type Atom, type Editor, type JsonObject, type TLImageShape, type VecLike } from 'tldraw'
import type { RequestOptions } from '../../net/api'
import { uploadProjectAsset } from '../../projects'
import type { Caller } from '../participationClient'
import { EXIF_READ_BYTES, readExif, type GpsPoint } from './exifGps'
import { fitInBox, photoPosition } from './photoLayout'
import { resizePhoto, SITE_PHOTO, UnreadablePhotoError } from '../resizePhoto'

/** 'notNow': the board became read-only for this person during the upload (the stage moved on). */
export type PhotoFailureKind = 'unreadable' | 'tooLarge' | 'upload' | 'notNow'

export interface PhotoFailure {
  name: string
  kind: PhotoFailureKind
  /** For 'upload': the error (an ApiRequestError describes itself in the reader's language). */
  error?: unknown
}

export interface PhotoJob {
  total: number
  /** Photos finished, placed or failed. */
  done: number
  placed: number
  failures: PhotoFailure[]
  finished: boolean
}

/** What a site photo's image shape carries in its meta. */
export interface SitePhotoMeta extends JsonObject {
  cgKind: 'sitePhoto'
  /** The camera's local time, 'YYYY-MM-DDTHH:MM:SS', when the photo says. */
  takenAt: string | null
  /** Only when the expert chose to keep the location. */
  gps?: { lat: number; lon: number }
}

const jobs = new WeakMap<Editor, Atom<PhotoJob | null>>()

/** The current (or last) photo upload on this editor's board. */
export function photoJob(editor: Editor): Atom<PhotoJob | null> {
  let job = jobs.get(editor)
  if (!job) {
    job = atom<PhotoJob | null>('cg site photo job', null)
    jobs.set(editor, job)
  }
  return job
}

export interface PhotoUpload {
  editor: Editor
  files: readonly File[]
  /** The page point the expert tapped: where the photos were taken. */
  center: VecLike
  keepGps: boolean
  caller: Caller
  maxUploadBytes: number
  /** Read at each request, so messages follow a language switch during a long upload. */
  i18n: () => RequestOptions
}

export async function uploadSitePhotos(u: PhotoUpload): Promise<PhotoJob> {
  const state = photoJob(u.editor)
  let job: PhotoJob = { total: u.files.length, done: 0, placed: 0, failures: [], finished: u.files.length === 0 }
  state.set(job)
  for (const file of u.files) {
    const failure = await uploadOne(u, file, job.placed)
    job = {
      ...job,
      done: job.done + 1,
      placed: job.placed + (failure ? 0 : 1),
      failures: failure ? [...job.failures, failure] : job.failures,
    }
    job = { ...job, finished: job.done === job.total }
    state.set(job)
  }
  return job
}

async function uploadOne(u: PhotoUpload, file: File, slot: number): Promise<PhotoFailure | null> {
  const name = file.name || 'photo'
  const exif = readExif(await file.slice(0, EXIF_READ_BYTES).arrayBuffer().catch(() => new ArrayBuffer(0)))
  let resized
  try {
    resized = await resizePhoto(file, SITE_PHOTO)
  } catch (err) {
    return { name, kind: 'unreadable', error: err instanceof UnreadablePhotoError ? undefined : err }
  }
  if (resized.blob.size > u.maxUploadBytes) return { name, kind: 'tooLarge' }
  if (u.editor.getIsReadonly()) return { name, kind: 'notNow' }
  let src: string
  try {
    ;({ src } = await uploadProjectAsset(u.caller.projectId, u.caller.token, resized.blob, u.i18n()))
  } catch (err) {
    return { name, kind: 'upload', error: err }
  }
  // Only our own server's URLs go into the shared document (no foreign hosts, no data: URLs).
  if (typeof src !== 'string' || !src.startsWith('/') || src.startsWith('//')) return { name, kind: 'upload' }
  if (u.editor.getIsReadonly()) return { name, kind: 'notNow' }
  placePhoto(u.editor, {
    src,
    name: `${name.replace(/\.[^./]+$/, '')}.jpg`,
    width: resized.width,
    height: resized.height,
    at: { center: u.center, index: slot, count: u.files.length },
    meta: sitePhotoMeta(exif.takenAt, u.keepGps ? exif.gps : null),
  })
  return null
}

export function sitePhotoMeta(takenAt: string | null, gps: GpsPoint | null): SitePhotoMeta {
  return { cgKind: 'sitePhoto', takenAt, ...(gps && { gps: { lat: gps.lat, lon: gps.lon } }) }
}

interface PlacedPhoto {
  src: string
  name: string
  width: number
  height: number
  at: { center: VecLike; index: number; count: number }
  meta: SitePhotoMeta
}

function placePhoto(editor: Editor, p: PlacedPhoto): void {
  const asset = AssetRecordType.create({
    id: AssetRecordType.createId(),
    type: 'image',
    props: { src: p.src, w: p.width, h: p.height, mimeType: 'image/jpeg', name: p.name, isAnimated: false },
  })
  const size = fitInBox(p.width, p.height)
  const pos = photoPosition(p.at.index, p.at.count, p.at.center, size)
  editor.markHistoryStoppingPoint('place site photo')
  editor.createAssets([asset])
  editor.createShape<TLImageShape>({
    id: createShapeId(),
    type: 'image',
    x: pos.x,
    y: pos.y,
    props: { assetId: asset.id, w: size.width, h: size.height },
    meta: p.meta,
  })
}
