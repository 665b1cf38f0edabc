/**
 * "Let me look at the plan": on a phone, where the panel is a sheet over the plan, looking at an
 * option folds the sheet so the option's frame gets the screen (at least half of it for
 * what is in focus). The options list and the panel are separate components; they meet here. One
 * board per page: a module-level channel is enough.
 */
import { COMPACT_QUERY } from '../board'

const listeners = new Set<() => void>()

/** Folds the panel if it is a sheet over the plan (a phone); true when it asked for that. */
export function foldPanelOnPhone(): boolean {
  if (typeof window === 'undefined' || !window.matchMedia?.(COMPACT_QUERY).matches) return false
  for (const listener of listeners) listener()
  return true
}

export function onPanelFold(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

const openListeners = new Set<() => void>()
let openRequested = false

/**
 * Open the panel (the light view's panel button, tapped before the editor and its panel were
 * there). Kept until a panel takes it: the panel is fetched after the editor is up, so it may mount
 * after the request.
 */
export function requestPanelOpen(): void {
  openRequested = true
  for (const listener of openListeners) listener()
}

/** Called at once if an open was requested before this panel mounted. */
export function onPanelOpenRequest(listener: () => void): () => void {
  const take = () => {
    if (!openRequested) return
    openRequested = false
    listener()
  }
  openListeners.add(take)
  take()
  return () => {
    openListeners.delete(take)
  }
}
