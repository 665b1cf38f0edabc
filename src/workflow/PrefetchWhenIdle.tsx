/**
 * Fetches the code of parts this person may open later (the panels behind the stage bar), once
 * the board is up and the browser has nothing else to do, one part per idle moment. People here
 * often open a board on a good connection and then lose it (on site, on a phone): a panel whose
 * code was never fetched could not open then. Each part's code is fetched once (lazyPart), so
 * opening a panel later, or while its prefetch is on the way, fetches nothing again.
 *
 * Rendered inside <Tldraw> (the board's `inEditor`), so it starts only once the canvas is up.
 * Skipped when the person has asked their browser to save data.
 */
import { useEffect } from 'react'
import { isObject } from '../shared/guards'

export type Preload = () => Promise<void>

/** Where requestIdleCallback is missing (Safari), wait this long after the canvas is up instead. */
const FALLBACK_DELAY_MS = 3_000

export function PrefetchWhenIdle({ parts }: { parts: readonly Preload[] }) {
  useEffect(() => {
    if (savesData()) return
    const abort = new AbortController()
    const { signal } = abort
    void (async () => {
      for (const preload of parts) {
        // Only while online: a fetch started offline can only fail (the panel would try again when
        // opened, but nothing would be ready for the next time the network drops).
        do {
          await online(signal)
          await idle(signal)
        } while (!navigator.onLine && !signal.aborted)
        if (signal.aborted) return
        // A failure is left for the panel itself to meet (it tries again when opened).
        await preload().catch(() => undefined)
      }
    })()
    // Unmounted (another board, or a role/stage change gave a new list): stop waiting. A fetch
    // already under way finishes; its code is kept for when the panel opens.
    return () => abort.abort()
  }, [parts])
  return null
}

function savesData(): boolean {
  // lib.dom lacks the Network Information API (Chromium only): looked for, not assumed.
  if (!('connection' in navigator)) return false
  const connection = navigator.connection
  return isObject(connection) && connection.saveData === true
}

/** Resolves at the browser's next idle moment; never, once `signal` is aborted. */
function idle(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(() => resolve())
      signal.addEventListener('abort', () => window.cancelIdleCallback(id), { once: true })
    } else {
      const id = window.setTimeout(resolve, FALLBACK_DELAY_MS)
      signal.addEventListener('abort', () => window.clearTimeout(id), { once: true })
    }
  })
}

/** Resolves at once when online, else when the browser says it is back; never, once `signal` is aborted. */
function online(signal: AbortSignal): Promise<void> {
  if (navigator.onLine) return Promise.resolve()
  return new Promise((resolve) => {
    window.addEventListener('online', () => resolve(), { once: true, signal })
  })
}
