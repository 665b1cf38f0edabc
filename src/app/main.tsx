/**
 * The page's entry, kept small: it starts the page's requests (boot.ts) and decides when the app
 * itself — react-dom and everything else, in startApp.tsx, a chunk of its own that index.html
 * already downloads alongside this one (vite.config.ts `routePreload`) — is evaluated. (The entry
 * holds only the small `react` package, which the device's project access store needs.) On a resident's phone
 * that waits until the boot view has painted, its plan included (appHold.ts): the two would otherwise compete for one
 * slow main thread, and the app's evaluation came first. Everywhere else it is evaluated at once.
 */
// First: starts the page's requests before anything else is evaluated (see boot.ts).
import { bootHold, bootLang, bootRoute, bootStrings } from './boot'
import { showLoadFailed } from './loadFailed'
// Before every feature stylesheet, so they come later in the cascade and can refine it.
import './app.css'

// Handled by startApp once it runs; until then (the hold, the app's download) a failure is not an
// unhandled rejection, and if the app never comes showLoadFailed says so.
bootStrings.catch(() => undefined)

void bootHold
  .then(() => import('./startApp'))
  .then(
    ({ startApp }) => startApp(bootRoute, bootLang, bootStrings),
    // The app's own code did not come (offline on a first visit, or a deployment replaced the files
    // this page named): nothing can be worded, so index.html's own two-language notice.
    (err: unknown) => showLoadFailed('Could not load the app', err),
  )
