/**
 * GET /fonts/rare-han.css and GET /fonts/rare-han/<version>/<chunk>.woff2: the fallback font for
 * rare Chinese characters (server/fonts/rareHan.ts), served by us so that no request leaves for a
 * font CDN. No token: the font says nothing about any project.
 */
import type { ServerResponse } from 'node:http'
import { isNotModified } from './conditional.js'
import { HttpError } from './HttpError.js'
import type { Route } from './router.js'
import { APP_CSP } from './securityHeaders.js'
import { RARE_HAN_FAMILY, RareHanFont } from '../fonts/rareHan.js'

export const RARE_HAN_CSS_PATH = '/fonts/rare-han.css'
const CHUNK_BASE = '/fonts/rare-han/'
const CHUNK_FILE = /^(\d{1,4})\.woff2$/

function send(res: ServerResponse, body: Buffer | string, headers: Record<string, string>): void {
  res.writeHead(200, { 'Content-Length': String(Buffer.byteLength(body)), 'Content-Security-Policy': APP_CSP, ...headers })
  res.end(body)
}

export function fontRoutes(font: () => RareHanFont = () => RareHanFont.shipped()): Route[] {
  let css: { text: string; etag: string } | undefined
  return [
    {
      pattern: RARE_HAN_CSS_PATH,
      methods: {
        GET: ({ req, res }) => {
          const f = font()
          css ??= { text: `/* ${RARE_HAN_FAMILY}: Noto Sans CJK SC (SIL OFL 1.1), only its characters of U+20000–U+3FFFF */\n${f.css(CHUNK_BASE)}`, etag: `"${f.version}"` }
          // Revalidated each time (a cheap 304): a new font version must reach browsers with the new chunk URLs.
          const headers = { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache', ETag: css.etag }
          if (isNotModified(req, css.etag)) {
            res.writeHead(304, headers)
            res.end()
            return
          }
          send(res, css.text, headers)
        },
      },
    },
    {
      pattern: `${CHUNK_BASE}:version/:file`,
      methods: {
        GET: async ({ res, params }) => {
          const f = font()
          const index = CHUNK_FILE.exec(params.file)
          // An old version's URL (a browser holding the CSS of the font before a deployment) is a 404,
          // never another font's glyphs under the old code points.
          const made = index && params.version === f.version ? f.chunk(Number(index[1])) : undefined
          if (!made) throw new HttpError(404, 'not_found', 'There is no such font file.')
          // The version is in the URL: the same URL always holds the same bytes.
          send(res, await made, { 'Content-Type': 'font/woff2', 'Cache-Control': 'public, max-age=31536000, immutable' })
        },
      },
    },
  ]
}
