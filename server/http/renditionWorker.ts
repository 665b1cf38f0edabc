/**
 * The worker thread a rendition is made in (planRendition.ts starts one per image). It receives
 * { bytes } and posts back { ok, jpeg } (null: keep the original) or { ok: false, message }.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { renditionJpeg } from './renditionJpeg.js'

// node:worker_threads types workerData as any; planRendition.ts, the only starter, passes { bytes }.
const { bytes } = workerData as { bytes: Uint8Array }
try {
  const jpeg = renditionJpeg(bytes) ?? null
  parentPort?.postMessage({ ok: true, jpeg })
} catch (err) {
  parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) })
}
