/**
 * Answering with a file from disk: opened once (so the file that was checked is the file that is
 * sent), revalidated with its ETag, streamed without reading it into memory.
 */
import fs from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { pipeline } from 'node:stream/promises'
import { errorCode } from '../storage/errorDetails.js'
import { isNotModified } from './conditional.js'

export interface OpenFile {
  handle: FileHandle
  stat: Stats
}

/** The regular file at `filePath`, or undefined if there is none (missing, a directory, a bad name). */
export async function openRegularFile(filePath: string): Promise<OpenFile | undefined> {
  let handle: FileHandle
  try {
    handle = await fs.open(filePath, 'r')
  } catch (err) {
    const code = errorCode(err)
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ENAMETOOLONG') return undefined
    throw err
  }
  try {
    const stat = await handle.stat()
    if (stat.isFile()) return { handle, stat }
  } catch (err) {
    await handle.close()
    throw err
  }
  await handle.close()
  return undefined
}

/**
 * Weak tag from size and modification time: cheap, and changes whenever a rebuild replaces the file.
 * `variant` names a compressed form, whose tag must differ from the file's own (RFC 9110 §8.8.3).
 */
export function statEtag(stat: Stats, variant?: string): string {
  return `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${variant ? `-${variant}` : ''}"`
}

export interface SendFileOptions {
  status?: number
  etag?: string
  headers: Record<string, string>
}

/** Sends (or, for HEAD and a matching If-None-Match, only describes) the file, then closes it. */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: OpenFile,
  { status = 200, etag, headers }: SendFileOptions,
): Promise<void> {
  const common = etag ? { ...headers, ETag: etag } : headers
  if (etag && status === 200 && isNotModified(req, etag)) {
    await file.handle.close()
    res.writeHead(304, common)
    res.end()
    return
  }
  res.writeHead(status, { ...common, 'Content-Length': String(file.stat.size) })
  if (req.method === 'HEAD') {
    await file.handle.close()
    res.end()
    return
  }
  const stream = file.handle.createReadStream()
  try {
    await pipeline(stream, res)
  } catch {
    // The client went away mid-download (common on phones), or the disk failed after the headers
    // were sent: either way nothing more can be said on this response, so it is cut off.
    res.destroy()
  } finally {
    // pipeline closes the stream, which closes the handle; this covers a stream that never opened.
    if (!stream.closed) stream.destroy()
  }
}
