/**
 * Between the boot view and the app. The boot script (src/app/bootView.ts, a classic script built by
 * vite.config.ts and inserted by the page preload script) paints a resident's phone its first view — the plan, the pins, the
 * stage and her instruction — from the fresh answers it asked for, before the app's code has even
 * arrived. It leaves this handle on `window`; the app:
 * - takes what she tapped on it — ＋ 提需求, a pin, the panel's button, 画图 — kept for the editor
 *   like a tap on the light view, so none is lost (the need form opens when the editor takes over);
 * - removes it once the light view beneath draws the same view (LightCanvas), or at once when the
 *   page shows anything else (an error, a name prompt, the editor on a larger screen).
 * Free of imports: the boot script takes the global's name and its first handle from here.
 */
export const BOOT_VIEW = '__cgBootView'

/**
 * What she tapped on the boot view: the light view's intents (src/lightView/lightSession.ts), the
 * same shapes, and a task pin (the light view opens the panel on that task's card).
 */
export type BootTap =
  | { kind: 'task'; taskId: string }
  | { kind: 'addNeed' }
  | { kind: 'need'; needId: string }
  | { kind: 'needGroup'; needIds: string[] }
  | { kind: 'panel' }
  | { kind: 'draw' }

/** A stage-bar panel she asked for on the boot view (the app opens it: ProjectBoardPage). */
export type BootPanel = 'history' | 'people'

/**
 * One kind of thing she asks for on the boot view: the last one made before the app listened (kept
 * until the app takes it: the app does one thing), and the app's listener once there is one.
 */
export interface Kept<T> {
  last: T | null
  listener: ((value: T) => void) | null
}

export interface BootViewHandle {
  /** Taps for the light view (`takeBootTaps`). */
  taps: Kept<BootTap>
  /** Stage-bar panels for the project page (`takeBootPanel`). */
  panels: Kept<BootPanel>
  /** The app has its own view up: the boot view must not show (again). */
  dismissed: boolean
  /** Removes the boot view (the boot script's; before it has painted, marks it dismissed only). */
  dismiss: () => void
}

/**
 * A handle before the boot script has made its own. Race: whichever of the app and the boot script
 * runs first makes it, the other uses it, so a dismissal made before the boot view painted stops it
 * painting, and a tap listener set before it painted still hears its taps.
 */
export function newHandle(): BootViewHandle {
  const handle: BootViewHandle = {
    taps: { last: null, listener: null }, panels: { last: null, listener: null },
    dismissed: false, dismiss: () => void (handle.dismissed = true),
  }
  return handle
}

declare global {
  interface Window {
    /** Put there by the boot script when it paints; absent when it did not. */
    [BOOT_VIEW]?: BootViewHandle
  }
}

function handle(): BootViewHandle | undefined {
  if (typeof window === 'undefined') return undefined
  return (window[BOOT_VIEW] ??= newHandle())
}

/** Calls `listener` for what was kept before now (once) and for each later one; returns the unsubscribe. */
function take<T>(pick: (boot: BootViewHandle) => Kept<T>, listener: (value: T) => void): () => void {
  const boot = handle()
  if (!boot) return () => undefined
  const kept = pick(boot)
  const earlier = kept.last
  kept.last = null
  if (earlier !== null) listener(earlier)
  kept.listener = listener
  return () => {
    if (kept.listener === listener) kept.listener = null
  }
}

/** The boot script's side: to the app's listener, or kept until the app listens. */
function record<T>(kept: Kept<T>, value: T): void {
  if (kept.listener) kept.listener(value)
  else kept.last = value
}

/** Calls `onTap` for a tap made on the boot view before now (once) and for each tap after; returns the unsubscribe. */
export const takeBootTaps = (onTap: (tap: BootTap) => void) => take((boot) => boot.taps, onTap)

/** As takeBootTaps, for the stage bar's panels (历史, 人员) asked for on the boot view. */
export const takeBootPanel = (onPanel: (panel: BootPanel) => void) => take((boot) => boot.panels, onPanel)

/** The app shows its own view now: the boot view goes, or never comes (lifecycle edge: may be called many times). */
export function dismissBootView(): void {
  const boot = handle()
  if (!boot) return
  boot.dismissed = true
  boot.dismiss()
}

/**
 * The boot script's side: the handle, with `remove` (taking its view off the page) as its dismissal;
 * null when the app has dismissed it already (then the boot script paints nothing).
 */
export function claimBootView(remove: () => void): BootViewHandle | null {
  const boot = handle()
  if (!boot || boot.dismissed) return null
  boot.dismiss = () => {
    boot.dismissed = true
    remove()
  }
  return boot
}

/** The boot script's side: a tap, to the app's listener or kept until the app listens. */
export const recordBootTap = (boot: BootViewHandle, tap: BootTap) => record(boot.taps, tap)

/** The boot script's side: a panel asked for, likewise. */
export const recordBootPanel = (boot: BootViewHandle, panel: BootPanel) => record(boot.panels, panel)
