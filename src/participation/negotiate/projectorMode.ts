/**
 * Whether this device is in projector mode. A tiny store of its own because the button that opens it
 * sits in the stage bar (outside tldraw, src/workflow/ProjectChrome.tsx) while the view it opens
 * needs the editor (it zooms the plan) and lives in the participation layer, which is fetched later:
 * a module both can import without pulling the layer into the board's first download.
 */
import { useSyncExternalStore } from 'react'

/** Put on <html> while projecting: our CSS hides everything that is not the projector view. */
export const PROJECTOR_CLASS = 'cg-projector'

let open = false
const listeners = new Set<() => void>()

function set(value: boolean): void {
  if (open === value) return
  open = value
  for (const listener of listeners) listener()
}

/**
 * Called from the tap on the button: browsers allow full screen only from a gesture. Refused (an
 * iframe, WeChat, a setting): the view fills the window instead.
 */
export function openProjector(): void {
  const el = document.documentElement
  if (!document.fullscreenElement && el.requestFullscreen) el.requestFullscreen().catch(() => {})
  set(true)
}
export const closeProjector = (): void => set(false)

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function useProjectorOpen(): boolean {
  return useSyncExternalStore(subscribe, () => open, () => false)
}
