/**
 * Where large-text mode is remembered and how it shows, without React or its stylesheet: the app
 * (largeText.ts) and the boot script (src/app/bootView.ts, which paints before the app's code has
 * run and must already be in the reader's text size) read it the same way.
 */
import { browserStore, readString, writeString, type KeyValueStore } from '../device/localStore'

export const LARGE_TEXT_KEY = 'largeText'
/** The class on <html> that largeText.css derives the larger type from. */
export const LARGE_TEXT_CLASS = 'cg-large-text'
/** Dispatched on `window` after every switch, by whichever side made it (the app's toggles listen). */
export const LARGE_TEXT_EVENT = 'cg-large-text'

export function readLargeText(store: KeyValueStore | null = browserStore()): boolean {
  return readString(LARGE_TEXT_KEY, store) === 'on'
}

export function setRootClass(on: boolean): void {
  if (typeof document === 'undefined') return
  document.documentElement.classList.toggle(LARGE_TEXT_CLASS, on)
}

/**
 * Switch large text on or off, remember it, and tell every toggle on the page. Lifecycle edge: the
 * boot view's toggle can be tapped while the app is already running beneath it, so the app learns
 * of a switch by the event, not by having made it.
 */
export function switchLargeText(on: boolean): void {
  writeString(LARGE_TEXT_KEY, on ? 'on' : 'off')
  setRootClass(on)
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(LARGE_TEXT_EVENT))
}
