/**
 * The smaller rendition of an uploaded JPEG (a phone's view of the base plan): made by the server
 * (server/http/planRendition.ts), chosen by the board's asset store (src/board/assetStore.ts) when
 * the screen would not show more pixels than it has. The board's records keep the original's URL:
 * the rendition is only ever a way of showing it.
 */

/** Long side of the rendition: a 390 px phone at 3× shows a fitted plan with ~1170 device pixels. */
export const RENDITION_MAX_SIDE = 1280
/** Quality of the rendition's JPEG: a plan's thin lines and small labels stay legible. */
export const RENDITION_QUALITY = 82

/** Only our own uploads' JPEGs have renditions (PNG plans stay as they are: JPEG would blur lines). */
const RENDITION_SOURCE = /^\/api\/boards\/[A-Za-z0-9_-]+\/assets\/[a-f0-9]{64}\.jpg$/

/** The rendition's address for an uploaded image's `src`, or null when there is none to ask for. */
export function renditionUrl(src: string): string | null {
  return RENDITION_SOURCE.test(src) ? `${src}/small` : null
}

/**
 * Whether an image of `naturalWidth`×`naturalHeight` pixels, drawn `cssScale` times its natural
 * size on a screen of `dpr` device pixels per CSS pixel, shows no more detail than its rendition
 * holds (then the rendition looks the same and costs a fraction of the bytes).
 */
export function renditionSuffices(naturalWidth: number, naturalHeight: number, cssScale: number, dpr: number): boolean {
  const longSide = Math.max(naturalWidth, naturalHeight)
  if (!(longSide > RENDITION_MAX_SIDE)) return false
  return longSide * cssScale * dpr <= RENDITION_MAX_SIDE * 1.0001
}

/**
 * The plan's picture to ask for before the page is laid out (the project's state has just come; the
 * view's size and the pins are not known yet): as if the plan alone were fitted to the whole window.
 * The opening view (the plan and the pins, inside the board's canvas) shows it no larger, so the
 * picture then chosen for that view (src/lightView/openingView.ts) is the same one on a phone unless
 * pins lie far off the plan. Used by the app's start and the boot view, which both ask for it early.
 */
export function earlyPlanPictureSrc(plan: { src: string; width: number; height: number }, window: { w: number; h: number }, dpr: number): string {
  const fitted = Math.min(window.w / plan.width, window.h / plan.height)
  const small = renditionUrl(plan.src)
  return small && renditionSuffices(plan.width, plan.height, fitted, dpr) ? small : plan.src
}
