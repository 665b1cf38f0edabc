/**
 * Registers /sw.js (built from src/app/sw.ts), which lets a board page be reloaded with no network.
 * The board's drawing itself comes from IndexedDB (the sync layer); the worker only keeps the app.
 */
import { pageReady } from '../ui/pageReady'
import { SW_MESSAGE_CACHE_URLS, type CacheUrlsMessage } from './swMessages'

/** The latest the worker is registered when the page never marks itself ready (a board that cannot sync). */
const REGISTER_AT_LATEST_MS = 5_000

export function registerServiceWorker(): void {
  // Absent outside secure contexts: over plain http on a LAN address (not localhost) browsers
  // offer no service worker, so offline reload is not available there. Nothing else depends on it.
  if (!('serviceWorker' in navigator)) return
  const sw = navigator.serviceWorker

  // Registered as soon as the page is up (src/ui/pageReady.ts), not after `load` or later:
  // someone may open a board link and lose the network a minute later, and the worker must have
  // the app by then. Not before it either: a first install fetches the shell, starts a worker
  // thread and then re-fetches every file the page loaded (below), which on a slow phone or
  // network competes with the board's own first load for the CPU and the connection.
  let registered = false
  const register = () => {
    if (registered) return
    registered = true
    sw.register('/sw.js', { scope: '/' }).catch((err: unknown) => {
      console.warn('Service worker not registered; offline reload will not work.', err)
    })
  }
  void pageReady.then(register)
  setTimeout(register, REGISTER_AT_LATEST_MS)

  // Files fetched before a worker controls this page (on the first visit: the app's chunks,
  // tldraw's fonts and translations, /api/config, /api/boards/<id>) never passed through it, so
  // the worker could not cache them. Tell it about each of them; once it controls the page it
  // sees every request itself.
  let controlledAt = sw.controller ? 0 : Number.POSITIVE_INFINITY
  sw.addEventListener('controllerchange', () => {
    controlledAt = Math.min(controlledAt, performance.now())
  })
  const origin = window.location.origin + '/'
  new PerformanceObserver((list) => {
    const urls = list
      .getEntries()
      .filter((entry) => entry.startTime < controlledAt && entry.name.startsWith(origin))
      .map((entry) => entry.name)
    if (urls.length === 0) return
    const message: CacheUrlsMessage = { type: SW_MESSAGE_CACHE_URLS, urls }
    void sw.ready.then((registration) => registration.active?.postMessage(message))
  }).observe({ type: 'resource', buffered: true })
}
