
/**
 * The first requests of a page load, started before anything else runs: main.tsx imports this
 * module first, and ES modules run in import order, so these requests leave before the app itself
 * (startApp.tsx: React's DOM renderer and App) is evaluated. Each would otherwise wait for the one before:
 * the strings and the page's chunk for the entry to run, and a board's /api/config and
 * /api/boards/<id> for tldraw's chunk (~1.7 MB) to arrive and run.
 */
import { loadLang, loadStrings } from '../i18n/lang'
import { facilitationPath, getAccess, participationPath, projectStatePath } from '../projects'
import { earlyPlanPictureSrc } from '../shared/imageRendition'
import { preloadImage } from './preloadImage'
import { isProjectState, type ProjectState } from '../shared/projectApi'
import { prefetch } from '../net/api'
import { preloadPage } from './pageLoaders'
import { parseRoute } from '../ui/route'
import { appHold } from './appHold'

export const bootRoute = parseRoute(window.location.pathname)
export const bootLang = loadLang()
/** The strings of the language in use; a rejection is handled by startApp.tsx (main.tsx silences it until then). */
export const bootStrings = loadStrings(bootLang)
/** When the app may be evaluated (appHold.ts): at once, or on a resident's phone after the boot view. */
export const bootHold = appHold()

// The strings and the current page's code are separate chunks: fetched at once, so the strings
// cost no extra round trip before a board can open. Not the page while the app is held: importing
// it evaluates it, and with it React and the app (its chunk imports them); on a held page the
// preload script has already asked for the same files, so nothing comes later for the wait.
void bootHold.then(() => preloadPage(bootRoute))
// What the board page asks first (src/net/clientConfig.ts, src/board/useBoardInfo.ts); the same
// paths as those requests, which take these answers (src/net/api.ts).
if (bootRoute.page === 'board') {
  prefetch('/api/config')
  prefetch(`/api/boards/${encodeURIComponent(bootRoute.boardId)}`)
}

// A project board (/p/<id>) asks, once tldraw's chunk has run, for the config, the project's state
// (its event stream), its participation and facilitation (on the stream's opening), and — once
// tldraw draws the plan's shape — the base plan image, whose address is in the state. All of them
// start here instead, at once. Only with a personal token: a device that has not joined yet joins
// first (JoinAsPerson), and its token changes.
if (bootRoute.page === 'project') {
  const access = getAccess(bootRoute.projectId)
  if (access && access.participantId !== null) {
    const { projectId } = bootRoute
    prefetch('/api/config')
    prefetch(participationPath(projectId), access.token)
    prefetch(facilitationPath(projectId), access.token)
    prefetch(projectStatePath(projectId), access.token)
      .then((res): Promise<unknown> | null => (res.ok ? res.clone().json() : null))
      .then((state) => preloadBasePlan(isProjectState(state) ? state : null), () => undefined)
  }
}

/**
 * Fetch the base plan while tldraw's code is still on its way, in the form the board will show
 * (src/board/assetStore.ts): the phone rendition when the plan, fitted to this screen as the board
 * opens (FitOnOpen), shows no more pixels than the rendition has; else the original. No
 * crossorigin attribute: tldraw draws a JPEG with a plain <img>, and only a request of the same
 * mode is reused.
 */
function preloadBasePlan(state: ProjectState | null): void {
  const plan = state?.project?.basePlan
  if (!plan || typeof plan.src !== 'string' || !plan.src.startsWith('/')) return
  preloadImage(earlyPlanPictureSrc(plan, { w: window.innerWidth, h: window.innerHeight }, window.devicePixelRatio || 1))
}
