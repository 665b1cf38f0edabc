/**
 * The worker thread a report renders in (runReport.ts starts one per report). It receives a
 * ReportInput as workerData and posts back { ok, pdf, droppedImages, missingCharacters } or { ok: false, message }.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { ReportInput } from './reportInput.js'
import { renderReport } from './reportPdf.js'

// node:worker_threads types workerData as any; runReport.ts, the only starter, passes a ReportInput.
renderReport(workerData as ReportInput).then(
  // The PDF's bytes are moved, not copied. A Uint8Array's buffer is typed ArrayBufferLike (a
  // SharedArrayBuffer cannot be moved); renderReport's is a plain ArrayBuffer, so always moved.
  (result) => parentPort?.postMessage({ ok: true, ...result }, result.pdf.buffer instanceof ArrayBuffer ? [result.pdf.buffer] : []),
  (err: unknown) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
)
