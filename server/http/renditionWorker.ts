/**
 * The worker thread a rendition is made in (planRendition.ts starts one per image). It receives
 * { bytes, maxSide, quality } and posts back { ok, jpeg } (null: keep the original) or { ok: false, message }.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { shrinkJpeg } from '../export/reportPhotos.js'

const { bytes, maxSide, quality } = workerData as { bytes: Uint8Array; maxSide: number; quality: number }
try {
  const jpeg = shrinkJpeg(bytes, maxSide, quality) ?? null
  parentPort?.postMessage({ ok: true, jpeg })
} catch (err) {
  parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) })
}
