/**
 * What the page preload script (vite.config.ts `routePreload`) hands the boot script
 * (bootView.ts) on a resident's phone, under this global. Free of imports: vite.config.ts reads the
 * name from here.
 */
export const BOOT_INPUT = '__cgBootInput'

export interface BootInput {
  /** The stylesheets of the project page and the light view (the boot view wears their classes). */
  css: string[]
  /** The early answers' keys (src/net/earlyAnswers.ts: `<authorization> <path>`). */
  stateKey: string
  participationKey: string
  /** The role her device joined as (its saved access); the project's state says it again. */
  role: string
}

declare global {
  interface Window {
    [BOOT_INPUT]?: BootInput
  }
}
