/**
 * A built file in the form the client accepts best: its brotli (`.br`) or gzip (`.gz`) copy made at
 * build time (vite.config.ts, precompress), else the file itself. Nothing is compressed per request:
 * the tldraw chunk at brotli's best level takes seconds of CPU, which the build spends once.
 */
import type { IncomingMessage } from 'node:http'
import { acceptedEncodings, ENCODED_SUFFIX, type Encoding } from './contentEncoding.js'
import { openRegularFile, statEtag, type OpenFile } from './sendFile.js'

export interface ChosenFile {
  file: OpenFile
  /** Null: the file's own bytes. */
  encoding: Encoding | null
  etag: string
}

/**
 * The file at `filePath` (which the caller has already confined to the client directory), or a
 * compressed copy of it. Undefined when the file itself does not exist: a lone `x.js.br` never
 * stands for a missing `x.js`.
 */
export async function openPreferredFile(req: IncomingMessage, filePath: string): Promise<ChosenFile | undefined> {
  const original = await openRegularFile(filePath)
  if (!original) return undefined
  for (const encoding of acceptedEncodings(req.headers['accept-encoding'])) {
    // Security decision: the copy's path is the checked path plus one of our two fixed suffixes;
    // nothing from the request's header goes into it.
    const copy = await openRegularFile(filePath + ENCODED_SUFFIX[encoding])
    if (!copy) continue
    // A copy older than its file was left over from an earlier build (a file replaced by hand, a
    // build interrupted between writing and compressing): serving it would serve old code.
    if (copy.stat.mtimeMs < original.stat.mtimeMs) {
      await copy.handle.close()
      continue
    }
    await original.handle.close()
    // Each form gets its own tag, so a cache revalidating one form never gets a 304 for another.
    return { file: copy, encoding, etag: statEtag(copy.stat, encoding) }
  }
  return { file: original, encoding: null, etag: statEtag(original.stat) }
}

/** Headers every form of a static file carries: which form this is, and that it depends on the request. */
export function encodingHeaders(chosen: ChosenFile): Record<string, string> {
  return chosen.encoding ? { 'Content-Encoding': chosen.encoding, Vary: 'Accept-Encoding' } : { Vary: 'Accept-Encoding' }
}
