// First: starts the page's requests before the rest of the entry is evaluated (see boot.ts).
import { bootLang, bootRoute, bootStrings } from './boot'
// Before the feature stylesheets imported below, so they come later in the cascade and can refine it.
import './app.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { applyLargeTextSetting } from '../ui/largeText'
import { loadRareHanFont } from './rareHanFont'
import { markPageReady } from '../ui/pageReady'
import { registerServiceWorker } from './registerServiceWorker'
import { dismissBootView } from '../ui/bootHandover'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

// Before the first render, so an elderly reader never sees the small layout flash first.
applyLargeTextSetting()
loadRareHanFont()

bootStrings.then(
  (t) =>
    createRoot(root).render(
      <StrictMode>
        <App initial={{ lang: bootLang, t }} />
      </StrictMode>,
    ),
  (err: unknown) => {
    // Without strings nothing can be worded: show index.html's own two-language notice (offline on
    // a first visit, or a deployment replaced the files this page named).
    console.error('Could not load the strings', err)
    dismissBootView()
    document.getElementById('load-failed')?.removeAttribute('hidden')
  },
)

// A board page marks itself ready once its canvas shows (src/board/BoardEditor.tsx); other pages
// are light and let background work start at once.
if (bootRoute.page !== 'board' && bootRoute.page !== 'project') markPageReady()

// Only production builds: in development Vite serves unhashed modules that must never be cached.
if (import.meta.env.PROD) registerServiceWorker()
