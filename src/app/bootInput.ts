/**
 * What the page preload script (vite.config.ts `routePreload`) hands the boot script
 * (bootView.ts) on a resident's phone, under this global. Free of imports: vite.config.ts reads the
 * name from here.
 */
export const BOOT_INPUT = '__cgBootInput'

/**
 * Where the page preload script leaves the app's hold on a resident's phone: a promise the app's
 * entry awaits (src/app/appHold.ts) before it imports the app (react-dom, App, the page), resolved
 * once the boot view has painted (its plan's picture too, or BOOT_PLAN_WAIT_MS) or given up. Why: on a phone the two compete for one slow main
 * thread, and the app's evaluation (≈ 0.26 s at 4× CPU on our slower host) ran first, right when
 * the answers the boot view paints from had come in; measured in docs/performance.md.
 */
export const APP_HOLD = '__cgAppHold'

/**
 * The longest the app waits for the boot view, from the moment the preload script ran. Only a
 * boot view that neither paints nor gives up (a stylesheet or answer that never finishes) reaches
 * it; every other way out releases the app at once.
 */
export const APP_HOLD_MAX_MS = 3000

/**
 * How long the app waits, once the boot view's first view is in the page, for the plan's picture to
 * be decoded too (src/app/bootView.ts; within APP_HOLD_MAX_MS in all).
 */
export const BOOT_PLAN_WAIT_MS = 1000

export interface BootInput {
  /** The stylesheets of the project page and the light view (the boot view wears their classes). */
  css: string[]
  /**
   * Copies of the early answers (src/net/earlyAnswers.ts) of the project's state and its
   * participation, cloned as they arrived (null for a failed or refused request): the app takes
   * the answers themselves.
   */
  state: Promise<Response | null>
  participation: Promise<Response | null>
  /** The role her device joined as (its saved access); the project's state says it again. */
  role: string
  /**
   * Lets the app's entry go on (APP_HOLD). The boot script calls it once its first view is on
   * screen, or as soon as it knows it will paint none; calling it again does nothing.
   */
  release: () => void
}

declare global {
  interface Window {
    [BOOT_INPUT]?: BootInput
    [APP_HOLD]?: Promise<void>
  }
}
