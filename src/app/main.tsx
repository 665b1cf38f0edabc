// First, so feature stylesheets imported below come later in the cascade and can refine it.
import './app.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { loadLang } from '../i18n/I18nProvider'
import { loadStrings } from '../i18n/lang'
import { App } from './App'
import { applyLargeTextSetting } from './largeText'
import { preloadPage } from './pages'
import { registerServiceWorker } from './registerServiceWorker'
import { parseRoute } from './router'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

// Before the first render, so an elderly reader never sees the small layout flash first.
applyLargeTextSetting()

// The strings of the language in use and the current page's code are separate chunks: fetch both
// at once, so the strings cost no extra round trip before a board can open.
const lang = loadLang()
preloadPage(parseRoute(window.location.pathname))
loadStrings(lang).then(
  (t) =>
    createRoot(root).render(
      <StrictMode>
        <App initial={{ lang, t }} />
      </StrictMode>,
    ),
  (err: unknown) => {
    // Without strings nothing can be worded: show index.html's own two-language notice (offline on
    // a first visit, or a deployment replaced the files this page named).
    console.error('Could not load the strings', err)
    document.getElementById('load-failed')?.removeAttribute('hidden')
  },
)

// Only production builds: in development Vite serves unhashed modules that must never be cached.
if (import.meta.env.PROD) registerServiceWorker()
