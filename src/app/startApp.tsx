/**
 * The app itself: React renders App once the strings are in. Evaluated when the page's entry
 * (main.tsx) lets it — at once, or on a resident's phone once the boot view has painted.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { applyLargeTextSetting } from '../ui/largeText'
import { loadRareHanFont } from './rareHanFont'
import { markPageReady } from '../ui/pageReady'
import { registerServiceWorker } from './registerServiceWorker'
import { showLoadFailed } from './loadFailed'
import type { Lang, Strings } from '../i18n/lang'
import type { Route } from '../ui/route'

export function startApp(route: Route, lang: Lang, strings: Promise<Strings>): void {
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root element')

  // Before the first render, so an elderly reader never sees the small layout flash first.
  applyLargeTextSetting()
  loadRareHanFont()

  strings.then(
    (t) =>
      createRoot(root).render(
        <StrictMode>
          <App initial={{ lang, t }} />
        </StrictMode>,
      ),
    // Without strings nothing can be worded (offline on a first visit, or a deployment replaced the
    // files this page named).
    (err: unknown) => showLoadFailed('Could not load the strings', err),
  )

  // A board page marks itself ready once its canvas shows (src/board/BoardEditor.tsx); other pages
  // are light and let background work start at once.
  if (route.page !== 'board' && route.page !== 'project') markPageReady()

  // Only production builds: in development Vite serves unhashed modules that must never be cached.
  if (import.meta.env.PROD) registerServiceWorker()
}
