/**
 * Service worker (built to /sw.js, scope /): keeps the app shell and the built assets so that a
 * board page reloads with no network. It must stay self-contained — no runtime imports — because
 * it is loaded as a classic script (module workers are not available in every browser we target).
 *
 * What is cached, and why:
 * - Navigations (every route serves the same index.html): network first, so a new deployment is
 *   seen as soon as there is a network; the cached shell only when the network fails or is too slow.
 * - /assets/*: cache first. Vite puts a content hash in every file name, so a cached copy can never
 *   be stale; this also covers tldraw's fonts, icons and translations, which we bundle ourselves.
 * - /api/config and GET /api/boards/<id>: network first, cache as fallback, so an offline reload
 *   still knows the licence key and the board's name. So is /fonts/rare-han.css, and the font chunks
 *   a page used (/fonts/rare-han/<version>/…) are kept like /assets/: a name with 𠮷 stays readable
 *   offline (server/fonts/rareHan.ts).
 * - Nothing else from /api (uploads, other routes) and never /sync: those must be live, and the
 *   board's content is kept by the sync layer in IndexedDB, not here.
 */
import type { CacheUrlsMessage } from './swMessages'

// The DOM lib is loaded for the whole project; the WebWorker lib conflicts with it, so the few
// service-worker types used here are declared locally.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request
  /** A navigation's answer, requested by the browser while this worker started (navigation preload). */
  readonly preloadResponse?: Promise<Response | undefined>
  respondWith(response: Promise<Response> | Response): void
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown
}
interface ServiceWorkerScope {
  readonly location: Location
  readonly clients: { claim(): Promise<void> }
  readonly registration: { readonly navigationPreload?: { enable(): Promise<void> } }
  skipWaiting(): Promise<void>
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void
}

// Cast: this file is compiled with the DOM lib, where `self` is a Window; it runs as a service worker.
const worker = self as unknown as ServiceWorkerScope

// Bump VERSION when the caching rules change; old caches are deleted on activation.
const VERSION = 'v1'
const SHELL_CACHE = `cg-shell-${VERSION}`
const ASSET_CACHE = `cg-assets-${VERSION}`
const API_CACHE = `cg-api-${VERSION}`
const SHELL_KEY = '/'
/** On a weak signal a navigation can hang for a long time; after this we show the cached shell. */
const NAVIGATION_TIMEOUT_MS = 5_000

// Keys are bare paths; a server's `Vary` header must not make a stored copy unreachable offline.
const MATCH: CacheQueryOptions = { ignoreVary: true }

// The rare-character font's chunks carry its version in their path, so they are as immutable as /assets/.
const isAsset = (path: string) => path.startsWith('/assets/') || path.startsWith('/fonts/rare-han/')
const isCachedApi = (path: string) =>
  path === '/api/config' || path === '/fonts/rare-han.css' || /^\/api\/boards\/[A-Za-z0-9_-]+$/.test(path)
const isShellFile = (path: string) => path === '/favicon.svg'

worker.addEventListener('install', (event) => {
  event.waitUntil(precacheShell().then(() => worker.skipWaiting()))
})

worker.addEventListener('activate', (event) => {
  const keep = new Set([SHELL_CACHE, ASSET_CACHE, API_CACHE])
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('cg-') && !keep.has(n)).map((n) => caches.delete(n))))
      // Navigation preload: on a returning visit the browser asks for the page at once, while this
      // worker is still starting (on a slow phone that start is hundreds of milliseconds that the
      // request would otherwise wait for). Not in every browser: without it, navigation() fetches.
      .then(() => worker.registration.navigationPreload?.enable().catch(() => undefined))
      // Take over pages already open, so the first visit is protected without a second reload.
      .then(() => worker.clients.claim()),
  )
})

worker.addEventListener('message', (event) => {
  const message: unknown = event.data
  // Checked in place, not with src/shared/guards.ts: this script may import nothing (swMessages.ts says why).
  if (typeof message !== 'object' || message === null || !('type' in message) || !('urls' in message)) return
  if (message.type !== ('cache-urls' satisfies CacheUrlsMessage['type']) || !Array.isArray(message.urls)) return
  event.waitUntil(cacheLoadedUrls(message.urls))
})

worker.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== worker.location.origin) return
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request, event.preloadResponse))
  } else if (isAsset(url.pathname)) {
    event.respondWith(cacheFirst(request))
  } else if (isCachedApi(url.pathname) || isShellFile(url.pathname)) {
    event.respondWith(networkFirst(request, isShellFile(url.pathname) ? SHELL_CACHE : API_CACHE))
  }
  // Everything else (/sync, uploads, other API calls) goes to the network untouched.
})

/** index.html, the icon, and the entry script and stylesheet the page names. */
async function precacheShell(): Promise<void> {
  const shell = await caches.open(SHELL_CACHE)
  const res = await fetch(SHELL_KEY, { cache: 'no-cache' })
  if (!res.ok) return
  const html = await res.clone().text()
  await shell.put(SHELL_KEY, res)
  const icon = await fetch('/favicon.svg').catch(() => null)
  if (icon?.ok) await shell.put('/favicon.svg', icon)
  const assetPaths = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1])
  await cacheLoadedUrls(assetPaths)
}

/** Cache what the page reports it has loaded; only paths our rules would cache anyway. */
async function cacheLoadedUrls(urls: string[]): Promise<void> {
  await Promise.all(
    urls.map(async (raw) => {
      let url: URL
      try {
        url = new URL(raw, worker.location.origin)
      } catch {
        return
      }
      if (url.origin !== worker.location.origin) return
      const cacheName = isAsset(url.pathname) ? ASSET_CACHE : isCachedApi(url.pathname) ? API_CACHE : null
      if (!cacheName) return
      const cache = await caches.open(cacheName)
      if (cacheName === ASSET_CACHE && (await cache.match(url.pathname, MATCH))) return
      try {
        const res = await fetch(url.pathname)
        if (res.ok) await cache.put(url.pathname, res)
      } catch {
        // Offline right now: it will be cached the next time the page fetches it.
      }
    }),
  )
}

async function navigation(request: Request, preload: Promise<Response | undefined> | undefined): Promise<Response> {
  const cache = await caches.open(SHELL_CACHE)
  // The preloaded answer when there is one (undefined when preload is off), else our own request.
  const answer = (preload ?? Promise.resolve(undefined)).then((res) => res ?? fetch(request), () => fetch(request))
  const network = answer.then(async (res) => {
    // Every route is the same single-page shell, so any successful HTML page refreshes it.
    if (res.ok && (res.headers.get('content-type') ?? '').includes('text/html')) {
      await cache.put(SHELL_KEY, res.clone())
    }
    return res
  })
  const cached = await cache.match(SHELL_KEY, MATCH)
  if (!cached) return network
  // The answer may lose the race below; its later failure is expected, not an error to report.
  network.catch(() => undefined)
  // Race the network against a timer, but a network failure falls back at once.
  return new Promise<Response>((resolve) => {
    const timer = setTimeout(() => resolve(cached), NAVIGATION_TIMEOUT_MS)
    network.then(
      (res) => {
        clearTimeout(timer)
        resolve(res)
      },
      () => {
        clearTimeout(timer)
        resolve(cached)
      },
    )
  })
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(ASSET_CACHE)
  const url = new URL(request.url)
  const cached = await cache.match(url.pathname, MATCH)
  if (cached) return cached
  const res = await fetch(request)
  if (res.ok) await cache.put(url.pathname, res.clone())
  return res
}

async function networkFirst(request: Request, cacheName: string): Promise<Response> {
  const cache = await caches.open(cacheName)
  const url = new URL(request.url)
  try {
    const res = await fetch(request)
    // A 404 must reach the page as it is (a deleted board), and must not replace a good copy.
    if (res.ok) await cache.put(url.pathname, res.clone())
    return res
  } catch (err) {
    const cached = await cache.match(url.pathname, MATCH)
    if (cached) return cached
    throw err
  }
}
