/**
 * What the page preload script (vite.config.ts `routePreload`) hands the boot script
 * (bootView.ts) on a resident's phone, under this global. Free of imports: vite.config.ts reads the
 * name from here.
 */
export const BOOT_INPUT = '__cgBootInput'

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
}

declare global {
  interface Window {
    [BOOT_INPUT]?: BootInput
  }
}
