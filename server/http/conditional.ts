/** ETag revalidation (If-None-Match → 304) for files that do not change under the same tag. */
import type { IncomingMessage } from 'node:http'

/** True when the client's If-None-Match lists `etag` (weak comparison, as RFC 9110 asks for GET/HEAD). */
export function isNotModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match']
  if (!header) return false
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  const wanted = bare(etag)
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === wanted)
}
