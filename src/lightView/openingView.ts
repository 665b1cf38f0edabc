/**
 * The view a phone opens a project board on, as pure arithmetic: where the base plan stands, the
 * camera that fits it and every pin (as the editor's FitOnOpen does), and which picture of the plan
 * that camera needs. The light view (LightCanvas.tsx) and the boot view (src/app/bootView.ts, painted
 * before the app's code has run) both take their opening view from here, so nothing moves when one
 * replaces the other. No React, no DOM, no tldraw: the boot script bundles it (vite.config.ts).
 */
import { type Camera, FIT_ZOOM_RANGE, fitCamera, openingInsets, pinRect, type Rect, unionRects } from '../board/fitCamera'
import { basePlanCanvasSize } from '../measure/geometry'
import { liveNeeds } from '../participation/needs/needsLogic'
import { renditionSuffices, renditionUrl } from '../shared/imageRendition'
import type { BasePlan } from '../shared/projectApi'
import type { Need } from '../shared/participation'

/** Where the base plan stands on the page: `stored` (its shape, once the board has loaded), else where the organizer's client puts it. */
export function planPlacement(plan: BasePlan | null, stored: Rect | null): Rect | null {
  if (stored) return stored
  if (!plan) return null
  return { x: 0, y: 0, ...basePlanCanvasSize(plan.width, plan.height) }
}

/**
 * The opening camera on a `size` view: the plan (or, without one, `fallback`: the shapes' bounds)
 * and every live need's pin, clear of the phone's floating controls; null when there is nothing to fit.
 */
export function openingCamera(plan: Rect | null | undefined, needs: readonly Need[], size: { w: number; h: number }): Camera | null {
  const bounds = unionRects([...(plan ? [plan] : []), ...liveNeeds(needs).map(pinRect)])
  if (!bounds || bounds.w <= 0 || bounds.h <= 0) return null
  return fitCamera(bounds, { x: 0, y: 0, w: size.w, h: size.h }, openingInsets(true), FIT_ZOOM_RANGE)
}

/**
 * The plan's picture at zoom `z`: the phone rendition while it has enough pixels (as the editor's
 * asset store decides, src/board/assetStore.ts), else the original.
 */
export function planPictureSrc(plan: BasePlan, placed: Rect | null, z: number, dpr: number): string {
  const small = renditionUrl(plan.src)
  const screenScale = placed ? (z * placed.w) / plan.width : 1
  return small && renditionSuffices(plan.width, plan.height, screenScale, dpr) ? small : plan.src
}
