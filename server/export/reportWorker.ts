/**
 * The worker thread a report renders in (runReport.ts starts one per report). It receives a
 * ReportInput as workerData and posts back { ok, pdf, droppedImages, missingCharacters } or { ok: false, message }.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { ReportInput } from './reportInput.js'
import { renderReport } from './reportPdf.js'

renderReport(workerData as ReportInput).then(
  (result) => parentPort?.postMessage({ ok: true, ...result }, [result.pdf.buffer as ArrayBuffer]),
  (err: unknown) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
)
