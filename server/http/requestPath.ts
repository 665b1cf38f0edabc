/**
 * The request path, checked once for every request before any route sees it.
 */
import { HttpError } from './HttpError.js'

export interface RequestPath {
  /** The path as sent (still percent-encoded), without query string or fragment. */
  raw: string
  /** Raw segments after the leading slash: '/' → [''], '/api/boards' → ['api', 'boards']. */
  segments: string[]
  /** The same segments percent-decoded. */
  decoded: string[]
}

function badPath(): HttpError {
  return new HttpError(400, 'bad_path', 'The request path is malformed; use a plain path such as /b/<boardId>.')
}

/**
 * Security decision: a path is refused as a whole (400) if any segment, raw or percent-decoded,
 * is `.` or `..`, or hides a slash, a backslash or a NUL byte. Node passes the request line on
 * as sent (browsers normalise `..`, raw clients do not), so without this `/assets/../../x` or
 * `/..%2f..%2fetc/passwd` would reach the file system. No legitimate URL of ours needs any of it.
 */
export function parseRequestPath(url: string | undefined): RequestPath {
  let raw: string
  if (url?.startsWith('/')) {
    raw = url.split(/[?#]/, 1)[0]
  } else if (url && /^https?:\/\//i.test(url)) {
    // Absolute form ("GET http://host/path"), which HTTP/1.1 servers must accept.
    try {
      raw = new URL(url).pathname
    } catch {
      throw badPath()
    }
  } else {
    throw badPath()
  }
  const segments = raw.slice(1).split('/')
  const decoded = segments.map((segment) => {
    let d: string
    try {
      d = decodeURIComponent(segment)
    } catch {
      throw badPath()
    }
    if (segment === '.' || segment === '..' || d === '.' || d === '..' || /[/\\\0]/.test(d)) throw badPath()
    return d
  })
  return { raw, segments, decoded }
}
