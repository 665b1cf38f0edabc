/**
 * The first requests of a page load, started before anything else runs: main.tsx imports this
 * module first, and ES modules run in import order, so these requests leave before React's DOM
 * renderer (most of the entry chunk) is evaluated. Each would otherwise wait for the one before:
 * the strings and the page's chunk for the entry to run, and a board's /api/config and
 * /api/boards/<id> for tldraw's chunk (~1.7 MB) to arrive and run.
 */
import { loadLang } from '../i18n/I18nProvider'
import { loadStrings } from '../i18n/lang'
import { prefetch } from './api'
import { preloadPage } from './pages'
import { parseRoute } from './router'

export const bootRoute = parseRoute(window.location.pathname)
export const bootLang = loadLang()
/** The strings of the language in use; a rejection is handled by main.tsx. */
export const bootStrings = loadStrings(bootLang)

// The strings and the current page's code are separate chunks: fetched at once, so the strings
// cost no extra round trip before a board can open.
preloadPage(bootRoute)
// What the board page asks first (src/app/clientConfig.ts, src/board/useBoardInfo.ts); the same
// paths as those requests, which take these answers (src/app/api.ts).
if (bootRoute.page === 'board') {
  prefetch('/api/config')
  prefetch(`/api/boards/${encodeURIComponent(bootRoute.boardId)}`)
}
