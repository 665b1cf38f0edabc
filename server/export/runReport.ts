/**
 * Renders a report off the main thread, one at a time.
 *
 * Why a worker thread: pdfkit, svg-to-pdfkit and the JPEG shrinking are synchronous and CPU-bound;
 * a report with 30 photos takes seconds the first time. On the main thread that would freeze every
 * board's sync and every other request for as long. A worker per report also gives its memory
 * (fonts, photos: a few hundred MB at most) back when it ends, and a render that hangs is cut off.
 *
 * Why one at a time (plus a short queue): two renders at once would double the memory for no gain
 * on a small server; more waiting than the queue holds are told to try again (503). The queue is a
 * ReportRunner the server's wiring makes once (app.ts), not module state: two servers in one
 * process (the tests start several) each have their own.
 *
 * The worker needs the compiled JavaScript (dist/). Run from the TypeScript sources (the tests run
 * the server that way), there is no reportWorker.js to start, so the same renderReport runs inline.
 */
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { ExportError } from './ExportError.js'
import type { ReportInput } from './reportInput.js'
import { renderReport, type ReportResult } from './reportPdf.js'

const RENDER_TIMEOUT_MS = 5 * 60_000
const MAX_WAITING = 4

const workerFile = fileURLToPath(new URL('./reportWorker.js', import.meta.url))
const canUseWorker = fs.existsSync(workerFile)

/** Where reports render in this process: 'worker' when run from the compiled build, 'inline' from the sources. */
export const REPORT_RUNNER: 'worker' | 'inline' = canUseWorker ? 'worker' : 'inline'

/** One server's reports: rendered one at a time, at most MAX_WAITING waiting. */
export class ReportRunner {
  private running: Promise<unknown> = Promise.resolve()
  private waiting = 0

  async run(input: ReportInput): Promise<ReportResult> {
    if (this.waiting >= MAX_WAITING) {
      throw new ExportError(503, 'export_busy', 'Several reports are being made right now; try again in a minute.', 30)
    }
    this.waiting++
    const previous = this.running
    const mine = previous.catch(() => {}).then(() => {
      this.waiting--
      return canUseWorker ? inWorker(input) : renderReport(input)
    })
    this.running = mine
    return mine
  }
}

function inWorker(input: ReportInput): Promise<ReportResult> {
  return new Promise<ReportResult>((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: input, resourceLimits: { maxOldGenerationSizeMb: 1536 } })
    let settled = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      fn()
      void worker.terminate()
    }
    const timer = setTimeout(() => settle(() => reject(new ExportError(503, 'export_timeout',
      'Making the report took too long and was stopped; try again, or leave out the board drawing.'))), RENDER_TIMEOUT_MS)
    worker.once('message', (msg: ({ ok: true } & ReportResult) | { ok: false; message: string }) => {
      settle(() => (msg.ok ? resolve({ pdf: msg.pdf, droppedImages: msg.droppedImages, missingCharacters: msg.missingCharacters }) : reject(new Error(`report render failed: ${msg.message}`))))
    })
    worker.once('error', (err) => settle(() => reject(err)))
    worker.once('exit', (code) => settle(() => reject(new Error(`report worker exited with code ${code} before answering`))))
  })
}
