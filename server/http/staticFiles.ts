/**
 * The built client (config.clientDir, the Vite build): its files, and index.html for the app's own
 * routes (`/`, `/b/<boardId>`, `/new`, `/join/<projectId>`, `/p/<projectId>`) so that a shared link opens
 * the app.
 */
import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { contentTypeFor } from './contentTypes.js'
import { HttpError } from './HttpError.js'
import type { RequestPath } from './requestPath.js'
import { sendError, sendText, wantsHtml } from './respond.js'
import { APP_CSP } from './securityHeaders.js'
import { shellPolicy } from './shellPolicy.js'
import { encodingHeaders, openPreferredFile } from './precompressedFile.js'
import { sendFile } from './sendFile.js'

const IMMUTABLE = 'public, max-age=31536000, immutable'
/** First path segments of the app's own pages that carry an id (src/ui/router.tsx). */
const APP_ROUTES = new Set(['b', 'join', 'n', 'p', 'w'])

/**
 * Vite puts a content hash into every file name under /assets/, so those never change and may be
 * cached for a year (their .br/.gz copies are answers to the same URL, so the same holds for them). Everything else (index.html, sw.js, favicon…) keeps its name across builds:
 * the browser must revalidate each time (a cheap 304), or a new deployment would not be seen.
 */
function cacheControlFor(relative: string): string {
  return relative.startsWith('assets/') ? IMMUTABLE : 'no-cache'
}

export async function serveStatic(req: IncomingMessage, res: ServerResponse, clientDir: string, url: RequestPath): Promise<void> {
  const parts = url.decoded
  const relative = parts.join('/')
  if (relative === '' || relative === 'index.html' || relative === 'new' || (APP_ROUTES.has(parts[0]) && parts.length > 1)) {
    return serveShell(req, res, clientDir, 200)
  }
  // Dotfiles are never part of a build; refusing them keeps a stray .env or .git out of reach.
  if (parts.some((p) => p.startsWith('.'))) throw notFound()

  const root = path.resolve(clientDir)
  const filePath = path.resolve(root, ...parts)
  // Security decision: after resolving, the file must still lie inside clientDir. requestPath.ts
  // already refused `..` and encoded separators; this holds even if that check were ever loosened.
  if (!filePath.startsWith(root + path.sep)) throw notFound()

  const chosen = await openPreferredFile(req, filePath)
  if (chosen) {
    return sendFile(req, res, chosen.file, {
      etag: chosen.etag,
      headers: {
        ...encodingHeaders(chosen),
        'Content-Type': contentTypeFor(filePath),
        'Cache-Control': cacheControlFor(relative),
        'Content-Security-Policy': APP_CSP,
      },
    })
  }
  // A person following a wrong link sees the app's own "not found" page (status still 404);
  // a missing script or font must stay a plain 404, never HTML served in its place.
  if (wantsHtml(req) && parts[0] !== 'assets') return serveShell(req, res, clientDir, 404)
  throw notFound()
}

function notFound(): HttpError {
  return new HttpError(404, 'not_found', 'There is no file at this address.')
}

/** index.html, the single page every app route starts from. */
async function serveShell(req: IncomingMessage, res: ServerResponse, clientDir: string, status: number): Promise<void> {
  // Read before the file is opened, so a failure here leaves no file open. Lifecycle edge: a
  // deployment may replace index.html between the two reads; the new page then goes out with the old
  // page's hashes, its inline script is refused and the app still starts (that script only asks for
  // things early), and the next load agrees again. No page at all: APP_CSP (the 503 below follows);
  // a page that cannot be read gets it too, which allows no inline script, and is logged.
  const policy = await shellPolicy(path.join(clientDir, 'index.html')).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') console.error('[static] could not read index.html for its policy:', err)
    return APP_CSP
  })
  const chosen = await openPreferredFile(req, path.join(clientDir, 'index.html'))
  if (!chosen) {
    // Not built yet (e.g. `npm run serve` on a fresh clone): say how to fix it, to a person in
    // plain text and to a program as an ApiError.
    const message = `The web app has not been built: ${path.join(clientDir, 'index.html')} is missing. ` +
      'Run `npm run build` (or `npm start`, which builds and starts) and reload this page.'
    if (wantsHtml(req)) return sendText(res, 503, message)
    return sendError(res, 503, 'client_not_built', message)
  }
  return sendFile(req, res, chosen.file, {
    status,
    etag: status === 200 ? chosen.etag : undefined,
    headers: {
      ...encodingHeaders(chosen),
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': policy,
    },
  })
}
